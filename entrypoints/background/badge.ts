import { newSharesItem } from '@/utils/storage-items';
import type { SyncChanges } from '@/utils/sync';
import { actionApi } from './action';

const BADGE_COLOR = '#2152c4';

/**
 * The toolbar badge: how many API secrets colleagues shared with the user since the popup was last
 * opened. Sync reports what appeared; opening the popup takes the ids (its rows show them as new) and
 * clears the count. Updates run one at a time, so a sync and a popup opening cannot interleave.
 */
export function createBadge() {
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step);
    chain = next.catch(() => undefined);
    return next;
  };

  const read = () => newSharesItem.getValue();
  const show = async (count: number) => {
    await actionApi().setBadgeText({ text: count ? String(count) : '' });
    if (count) await actionApi().setBadgeBackgroundColor({ color: BADGE_COLOR });
  };
  async function write(ids: string[]): Promise<void> {
    // The key exists only while there is something new: storage.local otherwise holds just the account.
    if (ids.length) await newSharesItem.setValue(ids);
    else await newSharesItem.removeValue();
    await show(ids.length);
  }

  return {
    /** Counts secrets that appeared and belong to someone else; forgets those that went away. */
    noteChanges: (c: SyncChanges) =>
      serial(async () => {
        // A first load (new sign-in) is the baseline, not news.
        if (c.firstLoad) return write([]);
        const listed = new Set(c.response.secrets.map((s) => s.id));
        const ids = new Set((await read()).filter((id) => !c.response.full || listed.has(id)));
        for (const id of c.response.removedSecrets) ids.delete(id);
        for (const s of c.appeared) if (s.owner.id !== c.owner.userId) ids.add(s.id);
        await write([...ids]);
      }),
    /** The popup opened: hands over the new ids (to mark rows) and clears the badge. */
    take: () =>
      serial(async () => {
        const ids = await read();
        await write([]);
        return ids;
      }),
    /** Shows the stored count again (the badge is lost when the browser restarts, storage is not). */
    restore: () => serial(async () => show((await read()).length)),
    clear: () => serial(() => write([])),
  };
}

export type Badge = ReturnType<typeof createBadge>;
