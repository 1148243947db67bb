import { beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, type KeyPair } from '@/utils/crypto';
import { fakeClient } from '@/test/fake-client';
import { fakeValues } from '@/test/fake-values';
import { ALICE, secret } from '@/test/fixtures';
import type { SecretSummary } from '@/utils/contract';
import { VALUES_BATCH } from '@/utils/config';
import { ValuesRequest } from '@/utils/contract';
import { memoryTrust, verifyKeyPath } from '@/utils/session/grant-trust';
import { createValueIndexer, type IndexerOptions, type ValueIndexStatus } from './indexer';

let keys: KeyPair;
let server: ReturnType<typeof fakeValues>;
let unlocked: boolean;

function indexer(opts?: IndexerOptions) {
  const { client, calls } = fakeClient({
    secretValues: (input) =>
      server.answer((input.body as unknown as { ids: string[] }).ids, { id: ALICE.id, publicKey: keys.publicKey }),
  });
  const ix = createValueIndexer(() => (unlocked ? { client, me: keys } : undefined), opts);
  return { ix, calls };
}
/** Secrets with their client secrets known to the fake server. */
function stored(...pairs: [string, string][]): SecretSummary[] {
  return pairs.map(([name, value]) => {
    const s = secret({ name });
    server.set(s.id, value);
    return s;
  });
}

beforeEach(async () => {
  keys ??= await generateKeyPair();
  server = fakeValues();
  unlocked = true;
});

describe('value indexer', () => {
  it('is built from the values route after unlock and finds a selected client secret', async () => {
    const [a, b] = stored(['Stripe', 'sk_live_stripe_0001'], ['Maps', 'maps-secret-0002']);
    const { ix } = indexer();
    await ix.update({ full: true, secrets: [a!, b!] });
    expect(ix.size).toBe(2);
    expect(await ix.lookup('  "sk_live_stripe_0001" ')).toEqual([a!.id]);
    expect(await ix.lookup('Stripe')).toEqual([]);
  });

  // The batch size is injected small: the splitting is the same at 500, and opening 1,201 real values
  // in a unit test takes longer than a busy machine allows.
  it('asks for at most a batch of ids per call', async () => {
    const many = Array.from({ length: 12 }, (_, i) => stored([`S${i}`, `value-${i}`])[0]!);
    const { ix } = indexer({ batch: 5 });
    await ix.update({ full: true, secrets: many });
    expect(server.batches.map((b) => b.length)).toEqual([5, 5, 2]);
    expect(await ix.lookup('value-11')).toEqual([many[11]!.id]);
  });

  it(`asks for ${VALUES_BATCH} ids per call by default, the most the values route accepts`, () => {
    const ids = (n: number) => Array.from({ length: n }, () => secret().id);
    expect(ValuesRequest.safeParse({ ids: ids(VALUES_BATCH) }).success).toBe(true);
    expect(ValuesRequest.safeParse({ ids: ids(VALUES_BATCH + 1) }).success).toBe(false);
  });

  it('follows sync: a new value revision is re-indexed, an unchanged one is not fetched again', async () => {
    const [a, b] = stored(['A', 'old-value-aaaa'], ['B', 'value-bbbb']);
    const { ix } = indexer();
    await ix.update({ full: true, secrets: [a!, b!] });
    server.set(a!.id, 'new-value-aaaa', 2);
    await ix.update({
      full: false,
      secrets: [
        { ...a!, valueRevision: 2 },
        { ...b!, name: 'B renamed' },
      ],
    });
    expect(server.batches.at(-1)).toEqual([a!.id]);
    expect(await ix.lookup('old-value-aaaa')).toEqual([]);
    expect(await ix.lookup('new-value-aaaa')).toEqual([a!.id]);
  });

  it('forgets secrets that sync removes, disables, or that a full answer no longer lists', async () => {
    const [a, b, c] = stored(['A', 'value-aaaa'], ['B', 'value-bbbb'], ['C', 'value-cccc']);
    const { ix } = indexer();
    await ix.update({ full: true, secrets: [a!, b!, c!] });
    await ix.update({ full: false, secrets: [{ ...b!, status: 'disabled' }], removed: [a!.id] });
    expect(await ix.lookup('value-aaaa')).toEqual([]);
    expect(await ix.lookup('value-bbbb')).toEqual([]);
    await ix.update({ full: true, secrets: [] });
    expect(ix.size).toBe(0);
  });

  it('leaves out what the server no longer answers for, and a value that does not open', async () => {
    const [a, b] = stored(['A', 'value-aaaa'], ['B', 'value-bbbb']);
    server.values.get(a!.id)!.hidden = true;
    const other = await generateKeyPair();
    const { client } = fakeClient({
      secretValues: (input) =>
        server.answer((input.body as unknown as { ids: string[] }).ids, { id: ALICE.id, publicKey: other.publicKey }),
    });
    const ix = createValueIndexer(() => ({ client, me: keys }));
    await ix.update({ full: true, secrets: [a!, b!] });
    expect(ix.size).toBe(0);
  });

  it('never opens a value whose grant verification refuses it, so a selection cannot match it', async () => {
    const [a, b] = stored(['A', 'value-aaaa'], ['B', 'value-bbbb']);
    const { client } = fakeClient({
      secretValues: (input) =>
        server.answer((input.body as unknown as { ids: string[] }).ids, { id: ALICE.id, publicKey: keys.publicKey }),
    });
    // This device opened a signed grant of A before: the unsigned one the server now sends is refused (VEP/2).
    const trust = memoryTrust();
    await trust.markSigned(`secret:${a!.id}`);
    const me = { userId: ALICE.id, signingPublicKey: null };
    const ix = createValueIndexer(() => ({
      client,
      me: keys,
      verifier: async () => ({
        verify: (item) => verifyKeyPath(item, item.secretId, me, trust),
        done: async () => undefined,
      }),
    }));
    await ix.update({ full: true, secrets: [a!, b!] });
    expect(await ix.lookup('value-aaaa')).toEqual([]);
    expect(await ix.lookup('value-bbbb')).toEqual([b!.id]); // unsigned, never seen signed: the migration rule
  });

  it('is dropped on lock, and work queued before the lock does not fill it again', async () => {
    const [a] = stored(['A', 'value-aaaa']);
    const { ix } = indexer();
    await ix.update({ full: true, secrets: [a!] });
    const late = ix.update({ full: true, secrets: [a!] });
    ix.drop();
    unlocked = false;
    await late;
    expect(ix.size).toBe(0);
    expect(await ix.lookup('value-aaaa')).toEqual([]);
    await ix.update({ full: true, secrets: [a!] }); // still locked: nothing is fetched
    expect(ix.size).toBe(0);
  });

  it('fetches nothing at all while the setting says no', async () => {
    const [a] = stored(['A', 'value-aaaa']);
    const { ix } = indexer({ enabled: async () => false });
    await ix.update({ full: true, secrets: [a!] });
    expect(server.batches).toEqual([]);
    expect(ix.status()).toEqual({ state: 'off' });
    expect(await ix.lookup('value-aaaa')).toEqual([]);
  });

  it('builds in the background: between batches the event loop turns, and progress is told', async () => {
    const many = Array.from({ length: 12 }, (_, i) => stored([`S${i}`, `value-${i}`])[0]!);
    const told: ValueIndexStatus[] = [];
    const seen: ValueIndexStatus[] = [];
    // A task queued after the first batch (as a message would be) runs before the next batch starts. It is
    // queued from the first progress report, not when the build starts: opening the index takes turns of
    // the event loop of its own, so a task queued at the start could run before anything is counted.
    const { ix } = indexer({
      batch: 4,
      onProgress: (s) => {
        if (told.push(s) === 1) setTimeout(() => seen.push(ix.status()), 0);
      },
    });
    await ix.update({ full: true, secrets: many });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ state: 'building', indexed: 4, outOf: 12 });
    expect(told.map((s) => s.state)).toEqual(['building', 'building', 'building', 'ready']);
    expect(told.at(-1)).toEqual({ state: 'ready', indexed: 12 });
  });

  it('a lock in the middle abandons the build: nothing fetched past the batch asked for ahead, nothing kept', async () => {
    const many = Array.from({ length: 16 }, (_, i) => stored([`S${i}`, `value-${i}`])[0]!);
    const { ix } = indexer({ batch: 4, onProgress: () => void (ix.drop(), (unlocked = false)) });
    await ix.update({ full: true, secrets: many });
    // The first batch, and the second, asked for while the first was opened; not the third or the fourth.
    expect(server.batches).toHaveLength(2);
    expect(ix.size).toBe(0);
    expect(ix.status()).toEqual({ state: 'locked' });
  });
});
