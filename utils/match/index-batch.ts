import { INDEX_SLICE } from '@/utils/config';
import { openRevealed, type OwnKeys } from '@/utils/session/open-secret';
import type { VaultClient } from '@/utils/vault/client';
import type { ValueIndex } from './value-index';

/** What the indexer needs while the vault is unlocked: the signed-in client and the user's keys. */
export type IndexSource = { client: VaultClient; me: OwnKeys };

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
    const fields = await openRevealed(item, src.me).catch(() => undefined);
    if (!alive()) return;
    if (fields) await idx.set(item.secretId, item.valueRevision, fields.clientSecret);
    else idx.remove(item.secretId);
  }
  for (const id of ids) if (!answered.has(id)) idx.remove(id);
}
