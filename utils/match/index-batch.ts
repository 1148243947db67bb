import { INDEX_SLICE } from '@/utils/config';
import { openRevealed, type OwnKeys } from '@/utils/session/open-secret';
import type { RouteResponse } from '@/utils/contract';
import type { VaultClient } from '@/utils/vault/client';
import type { ValueIndex } from './value-index';

/** One answer of the values route, as the indexer receives it. */
type ValueItem = RouteResponse<'secretValues'>['items'][number];

/**
 * What the indexer needs while the vault is unlocked: the signed-in client, the user's keys, and the check
 * of every grant on a value's key path (VEP/2, docs/crypto.md "Verifying a grant"), which throws on a grant
 * that is refused: such a value is never opened, so it can never match a selection.
 */
export type IndexSource = { client: VaultClient; me: OwnKeys; verify?: (item: ValueItem) => Promise<unknown> };

/**
 * Gives the worker's event loop a turn: messages, alarms and menu clicks queued meanwhile are handled
 * before the index takes more time.
 */
export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Fetches, opens and fingerprints one batch of values, yielding every few values. `alive` turns false when
 * the vault locks (or value matching is turned off) meanwhile: nothing more is opened, and the keys held
 * for the batch are let go. Ids the server left out (no longer visible, disabled) are forgotten.
 */
export async function indexBatch(
  idx: ValueIndex,
  src: IndexSource,
  ids: string[],
  alive: () => boolean,
): Promise<void> {
  const { items } = await src.client.call('secretValues', { body: { ids } });
  const answered = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (i % INDEX_SLICE === INDEX_SLICE - 1) await yieldToEvents();
    if (!alive()) return;
    answered.add(item.secretId);
    // One value that does not open (a stale grant) must not cost the rest of the index.
    const fields = await Promise.resolve(src.verify?.(item))
      .then(() => openRevealed(item, src.me))
      .catch(() => undefined);
    if (!alive()) return;
    if (fields) await idx.set(item.secretId, item.valueRevision, fields.clientSecret);
    else idx.remove(item.secretId);
  }
  for (const id of ids) if (!answered.has(id)) idx.remove(id);
}
