import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '@/test/fake-client';
import { fakeValues } from '@/test/fake-values';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { openCache, type CacheDb } from '@/utils/cache';
import { deriveValueIndexKeys, generateKeyPair, type KeyPair, type ValueIndexKeys } from '@/utils/crypto';
import type { SecretSummary } from '@/utils/contract';
import { createIndexStore } from './index-store';
import { createValueIndexer, type IndexerOptions } from './indexer';

let keys: KeyPair;
let indexKeys: ValueIndexKeys;
let server: ReturnType<typeof fakeValues>;
let db: Promise<CacheDb>;

/** A worker's indexer over the one cache: a new one is what a restarted worker (or the next unlock) makes. */
function worker(opts: IndexerOptions & { as?: { userId: string; indexKeys: ValueIndexKeys } } = {}) {
  const { client } = fakeClient({
    secretValues: (input) =>
      server.answer((input.body as unknown as { ids: string[] }).ids, { id: ALICE.id, publicKey: keys.publicKey }),
  });
  const who = opts.as ?? { userId: ALICE.id, indexKeys };
  const store = createIndexStore(() => db);
  const ix = createValueIndexer(() => ({ client, me: keys, indexKeys: who.indexKeys, owner: { userId: who.userId } }), {
    store,
    ...opts,
  });
  return { ix, store };
}
/** Secrets with their client secrets known to the fake server. */
function stored(n: number, prefix = 'client-secret-value'): SecretSummary[] {
  return Array.from({ length: n }, (_, i) => {
    const s = secret({ name: `S${i}` });
    server.set(s.id, `${prefix}-${i}`);
    return s;
  });
}
/** How many values the server was asked for since `from` batches. */
const asked = (from = 0) => server.batches.slice(from).flat().length;
/** The stored record, its bytes read as text (so that any value or id in it, in clear, would show). */
const sealedBytes = async () => {
  const sealed = await (await db).get('valueIndex', 'sealed');
  return sealed ? JSON.stringify({ v: sealed.v, iv: latin1(sealed.iv), ct: latin1(sealed.ct) }) : '';
};
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

beforeEach(async () => {
  keys ??= await generateKeyPair();
  indexKeys ??= await deriveValueIndexKeys(keys.privateKeyPkcs8, ALICE.id);
  server = fakeValues();
  db = openCache();
});

describe('the value index kept across unlocks and worker restarts', () => {
  it('after a restart, only new and changed value revisions are fetched; removed secrets are forgotten', async () => {
    const secrets = stored(5);
    await worker().ix.update({ full: true, secrets });
    expect(asked()).toBe(5);

    const [a, , c] = secrets;
    server.set(a!.id, 'client-secret-value-new', 2);
    const [added] = stored(1, 'added-value');
    const now = [{ ...a!, valueRevision: 2 }, c!, ...secrets.slice(3), added!]; // b is gone
    const before = server.batches.length;
    const { ix } = worker();
    await ix.update({ full: true, secrets: now });

    expect(server.batches.slice(before).flat().sort()).toEqual([a!.id, added!.id].sort());
    expect(ix.size).toBe(5);
    expect(await ix.lookup('client-secret-value-new')).toEqual([a!.id]);
    expect(await ix.lookup('client-secret-value-0')).toEqual([]);
    expect(await ix.lookup('client-secret-value-1')).toEqual([]); // b, removed
    expect(await ix.lookup('client-secret-value-2')).toEqual([c!.id]); // kept, not fetched again
    // And what was forgotten stays forgotten at the next start.
    const again = worker().ix;
    await again.update({ full: true, secrets: now });
    expect(asked(before)).toBe(2);
    expect(await again.lookup('client-secret-value-1')).toEqual([]);
  });

  it('a lock in the middle of a build keeps what was saved: the next unlock goes on from there', async () => {
    const secrets = stored(12);
    let reports = 0;
    // Saved after the first batch of 4; locked after the second, before its save (the third was asked for
    // while the second was opened, and is not opened).
    const first = worker({ batch: 4, saveEvery: 4, onProgress: () => void (++reports === 2 && first.ix.drop()) });
    await first.ix.update({ full: true, secrets });
    expect(asked()).toBe(12);
    const { ix } = worker({ batch: 4 });
    await ix.update({ full: true, secrets });
    expect(server.batches.slice(3).flat()).toEqual(secrets.slice(4).map((s) => s.id));
    expect(ix.size).toBe(12);
  });

  it('a changed byte in the kept record means a full build, never an error', async () => {
    const secrets = stored(3);
    await worker().ix.update({ full: true, secrets });
    const sealed = (await (await db).get('valueIndex', 'sealed'))!;
    const ct = new Uint8Array(sealed.ct);
    ct[5]! ^= 1;
    await (await db).put('valueIndex', { ...sealed, ct }, 'sealed');

    const { ix } = worker();
    await ix.update({ full: true, secrets });
    expect(asked()).toBe(6);
    expect(await ix.lookup('client-secret-value-2')).toEqual([secrets[2]!.id]);
  });

  it("another user's keys cannot open it (their index is built from scratch), nor can keys after a key change", async () => {
    const secrets = stored(3);
    await worker().ix.update({ full: true, secrets });
    const sealed = await (await db).get('valueIndex', 'sealed');
    const bobKeys = await deriveValueIndexKeys(keys.privateKeyPkcs8, BOB.id);
    const rotated = await deriveValueIndexKeys((await generateKeyPair()).privateKeyPkcs8, ALICE.id);
    const store = createIndexStore(() => db);
    expect(await store.load(bobKeys, BOB.id)).toBeUndefined();
    expect(await store.load(indexKeys, BOB.id)).toBeUndefined();
    expect(await store.load(rotated, ALICE.id)).toBeUndefined();
    expect(await (await db).get('valueIndex', 'sealed')).toEqual(sealed);

    await worker({ as: { userId: ALICE.id, indexKeys: rotated } }).ix.update({ full: true, secrets });
    expect(asked()).toBe(6);
  });

  it('holds no client secret, not even in part, and no secret id in clear', async () => {
    const secrets = stored(3);
    await worker().ix.update({ full: true, secrets });
    const bytes = await sealedBytes();
    expect(bytes).not.toContain('client-secret-value');
    for (const s of secrets) expect(bytes).not.toContain(s.id);
    expect(Object.keys(JSON.parse(bytes) as object).sort()).toEqual(['ct', 'iv', 'v']);
  });

  it('is deleted when value matching is turned off, and nothing is fetched or kept while it is off', async () => {
    const secrets = stored(2);
    const { ix } = worker();
    await ix.update({ full: true, secrets });
    await ix.forget();
    expect(await (await db).get('valueIndex', 'sealed')).toBeUndefined();

    await worker({ enabled: async () => false }).ix.update({ full: true, secrets });
    expect(await (await db).get('valueIndex', 'sealed')).toBeUndefined();
    expect(asked()).toBe(2);
  });

  it('an update that changes nothing writes nothing', async () => {
    const secrets = stored(2);
    const { ix } = worker();
    await ix.update({ full: true, secrets });
    const before = await sealedBytes();
    await ix.update({ full: false, secrets: [{ ...secrets[0]!, name: 'renamed' }] });
    expect(await sealedBytes()).toBe(before);
  });
});
