import { INDEX_REST_MAX_MS, INDEX_REST_RATIO, INDEX_SLICE } from '@/utils/config';
import { openRevealed, type OwnKeys } from '@/utils/session/open-secret';
import type { RouteResponse } from '@/utils/contract';
import type { ValueIndexKeys } from '@/utils/crypto';
import type { VaultClient } from '@/utils/vault/client';
import type { ValueIndex } from './value-index';

/** One answer of the values route, as the indexer receives it. */
export type ValueItem = RouteResponse<'secretValues'>['items'][number];

/** The check of every grant on one value's key path; throws on a grant that is refused. `label` names the secret. */
export type VerifyValue = (item: ValueItem, label: string) => Promise<unknown>;

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
  verifier?: (items: readonly ValueItem[]) => Promise<VerifyValue>;
};

/**
 * Gives the worker's event loop a turn: messages, alarms and menu clicks queued meanwhile are handled
 * before the index takes more time.
 */
export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A turn of the event loop, after a pause in proportion to the work just done (see `INDEX_REST_RATIO`). */
const rest = (busyMs: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.min(busyMs * INDEX_REST_RATIO, INDEX_REST_MAX_MS)));

/**
 * Fetches, verifies, opens and fingerprints one batch of values, a slice of `INDEX_SLICE` values at a time,
 * yielding to the event loop between slices, after a rest as long as the slice took. The values of a slice go
 * through their checks side by side (each value's own steps stay in order: its grants are verified before its
 * key is opened), so that the WebCrypto
 * and IndexedDB round trips of one value overlap those of the next instead of queueing behind them. `alive`
 * turns false when the vault locks (or value matching is turned off) meanwhile: nothing more is opened, and
 * the keys held for the batch are let go. Ids the server left out (no longer visible, disabled) are forgotten.
 * `labels` names the secrets for the checks' messages (the id where the name is unknown).
 */
export async function indexBatch(
  idx: ValueIndex,
  src: IndexSource,
  ids: string[],
  alive: () => boolean,
  labels: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const { items } = await src.client.call('secretValues', { body: { ids } });
  if (!alive()) return;
  const verify = src.verifier ? await src.verifier(items).catch(() => undefined) : async () => undefined;
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
  for (let i = 0; i < items.length; i += INDEX_SLICE) {
    if (i > 0) await rest(busy);
    if (!alive()) return;
    const slice = items.slice(i, i + INDEX_SLICE);
    for (const item of slice) answered.add(item.secretId);
    const started = performance.now();
    await Promise.all(slice.map(one));
    busy = performance.now() - started;
  }
  if (!alive()) return;
  for (const id of ids) if (!answered.has(id)) idx.remove(id);
}
