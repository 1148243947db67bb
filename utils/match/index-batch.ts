import { INDEX_QUANTUM_MS, INDEX_REST_MAX_MS, INDEX_REST_RATIO } from '@/utils/config';
import { openRevealed, type OwnKeys } from '@/utils/session/open-secret';
import type { RouteResponse } from '@/utils/contract';
import type { ValueIndexKeys } from '@/utils/crypto';
import type { VaultClient } from '@/utils/vault/client';
import type { ValueIndex } from './value-index';

/** One answer of the values route, as the indexer receives it. */
export type ValueItem = RouteResponse<'secretValues'>['items'][number];

/** The check of every grant on one value's key path; throws on a grant that is refused. `label` names the secret. */
export type VerifyValue = (item: ValueItem, label: string) => Promise<unknown>;

/** The checks of one batch of values, and `done` to write what they recorded on this device (once per batch). */
export type BatchVerifier = { verify: VerifyValue; done(): Promise<void> };

/**
 * What the indexer needs while the vault is unlocked: the signed-in client, the user's keys, the index's own
 * keys (derived from the private key; without them, as in some tests, the index gets a random key and is not
 * kept), whose cache it is, and the check
 * of every grant on a value's key path (VEP/2, docs/crypto.md "Verifying a grant"), which throws on a grant
 * that is refused: such a value is never opened, so it can never match a selection. The check is made for a
 * batch of values at a time, so that what it reads from this device (signing pins, "signed seen" marks) is
 * read for the whole batch in one go rather than a few IndexedDB transactions per value.
 */
export type IndexSource = {
  client: VaultClient;
  me: OwnKeys;
  indexKeys?: ValueIndexKeys;
  owner?: { userId: string };
  verifier?: (items: readonly ValueItem[]) => Promise<BatchVerifier>;
};

/**
 * Gives the worker's event loop a turn: messages, alarms and menu clicks queued meanwhile are handled
 * before the index takes more time.
 */
export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type PostTask = (cb: () => void, opts: { priority: 'background' }) => Promise<unknown>;
const postTask = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler?.postTask;

/**
 * A task of its own for the next value, queued behind anything already waiting: at background priority where
 * the browser schedules by priority (Chromium's `scheduler.postTask`), so a message that arrives meanwhile is
 * answered first; else through a message channel (no timer clamping).
 */
export function nextTask(): Promise<void> {
  if (postTask)
    return postTask
      .call((globalThis as { scheduler?: unknown }).scheduler, () => undefined, { priority: 'background' })
      .then(() => undefined);
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => (port1.close(), resolve());
    port2.postMessage(undefined);
  });
}

/** A pause in proportion to the work just done (see `INDEX_REST_RATIO`). */
const rest = (busyMs: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.min(busyMs * INDEX_REST_RATIO, INDEX_REST_MAX_MS)));

/** One batch of values from the audited values route (the indexer asks for the next while it opens this one). */
export async function fetchValues(src: IndexSource, ids: readonly string[]): Promise<readonly ValueItem[]> {
  return (await src.client.call('secretValues', { body: { ids: [...ids] } })).items;
}

/**
 * Verifies, opens and fingerprints one batch of values (`items`, the answer for `ids`), each value in a task of
 * its own, so that the worker never holds a message back for longer than one value takes (WebCrypto runs on
 * the worker's own thread in Chromium: a value's checks and openings, about a millisecond, run without a
 * break). After every `INDEX_QUANTUM_MS` of such work the build rests as long as it worked. `alive` turns false
 * when the vault locks (or value matching is turned off) meanwhile: nothing more is opened. Ids the server left
 * out (no longer visible, disabled) are forgotten. `labels` names the secrets for the checks' messages (the id
 * where the name is unknown).
 */
export async function indexBatch(
  idx: ValueIndex,
  src: IndexSource,
  ids: readonly string[],
  items: readonly ValueItem[],
  alive: () => boolean,
  labels: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  if (!alive()) return;
  const checks = src.verifier ? await src.verifier(items).catch(() => undefined) : undefined;
  const verify = src.verifier ? checks?.verify : async () => undefined;
  const answered = new Set<string>();
  /** One value: verified, then opened, then fingerprinted; a value that does not open is left out. */
  const one = async (item: ValueItem) => {
    // One value that does not open (a stale grant) must not cost the rest of the index; without a verifier
    // (it failed to read this device's trust) nothing is opened.
    const fields = verify
      ? await verify(item, labels.get(item.secretId) ?? item.secretId)
          .then(() => (alive() ? openRevealed(item, src.me) : undefined))
          .catch(() => undefined)
      : undefined;
    if (!alive()) return;
    if (fields) await idx.set(item.secretId, item.valueRevision, fields.clientSecret);
    else idx.remove(item.secretId);
  };
  let busy = 0;
  try {
    for (const item of items) {
      if (busy >= INDEX_QUANTUM_MS) {
        await rest(busy);
        busy = 0;
      } else await nextTask();
      if (!alive()) return;
      answered.add(item.secretId);
      const started = performance.now();
      await one(item);
      busy += performance.now() - started;
    }
  } finally {
    // The marks of the grants verified so far are written even when a lock stopped the batch.
    await checks?.done().catch(() => undefined);
  }
  if (!alive()) return;
  for (const id of ids) if (!answered.has(id)) idx.remove(id);
}
