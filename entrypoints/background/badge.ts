import { newSharesItem, pendingApprovalsItem } from '@/utils/storage-items';
import { waitingIn } from '@/utils/share/pending-members';
import type { SyncChanges } from '@/utils/sync';
import { actionApi } from './action';

const BADGE_COLOR = '#2152c4';

/**
 * The toolbar badge: how many API secrets colleagues shared with the user since the popup was last
 * opened, plus how many people wait for this user's approval to join a group they manage (docs/crypto.md,
 * "Group members: approval"). Sync reports what appeared and each group as it now is; opening the popup takes
 * the new ids (its rows show them as new) and clears their count, while people waiting stay counted until a
 * manager approves or refuses them. Updates run one at a time, so a sync and a popup opening cannot interleave.
 */
export function createBadge() {
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step);
    chain = next.catch(() => undefined);
    return next;
  };

  const read = () => newSharesItem.getValue();
  const readWaiting = () => pendingApprovalsItem.getValue();
  const waitingCount = (w: Record<string, string[]>) => Object.values(w).reduce((n, ids) => n + ids.length, 0);
  const show = async () => {
    const count = (await read()).length + waitingCount(await readWaiting());
    await actionApi().setBadgeText({ text: count ? String(count) : '' });
    if (count) await actionApi().setBadgeBackgroundColor({ color: BADGE_COLOR });
  };
  // The keys exist only while there is something to count: storage.local otherwise holds just the account.
  async function write(ids: string[]): Promise<void> {
    if (ids.length) await newSharesItem.setValue(ids);
    else await newSharesItem.removeValue();
  }
  async function writeWaiting(w: Record<string, string[]>): Promise<void> {
    if (waitingCount(w)) await pendingApprovalsItem.setValue(w);
    else await pendingApprovalsItem.removeValue();
  }

  return {
    /**
     * Counts secrets that appeared and belong to someone else, and forgets those that went away; counts the
     * people waiting in each group the answer carries (a full answer carries them all).
     */
    noteChanges: (c: SyncChanges) =>
      serial(async () => {
        const waiting = c.response.full ? {} : { ...(await readWaiting()) };
        for (const id of c.response.removedGroups) delete waiting[id];
        for (const g of c.response.groups) {
          const ids = waitingIn(g).map((m) => m.user.id);
          if (ids.length) waiting[g.id] = ids;
          else delete waiting[g.id];
        }
        await writeWaiting(waiting);
        // A first load (new sign-in) is the baseline for shares, not news; people waiting are counted.
        if (c.firstLoad) return write([]).then(show);
        const listed = new Set(c.response.secrets.map((s) => s.id));
        const ids = new Set((await read()).filter((id) => !c.response.full || listed.has(id)));
        for (const id of c.response.removedSecrets) ids.delete(id);
        for (const s of c.appeared) if (s.owner.id !== c.owner.userId) ids.add(s.id);
        await write([...ids]);
        await show();
      }),
    /** The popup opened: hands over the new ids (to mark rows) and uncounts them; people waiting stay counted. */
    take: () =>
      serial(async () => {
        const ids = await read();
        await write([]);
        await show();
        return ids;
      }),
    /** Shows the stored count again (the badge is lost when the browser restarts, storage is not). */
    restore: () => serial(show),
    /** Signed out: nothing is counted. */
    clear: () =>
      serial(async () => {
        await write([]);
        await writeWaiting({});
        await show();
      }),
  };
}

export type Badge = ReturnType<typeof createBadge>;
