import type { GroupView, SyncResponse } from '../../../utils/contract';
import { read, type Tx } from '../db/tx';
import type { Ctx } from './context';
import { visibleSecrets } from './visibility';
import { summaries } from './secret-view';
import { groupView } from './groups';
import { directoryUsers } from './directory';

/** Past this many changes a full answer is cheaper than replaying them. */
const MAX_CHANGES = 5000;

async function maxSeq(tx: Tx): Promise<number> {
  const r = await tx.selectFrom('changes').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0);
}

async function groupViews(tx: Tx, userId: string, ids: string[]): Promise<{ views: GroupView[]; gone: string[] }> {
  const views: GroupView[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const v = await groupView(tx, id, userId);
    // A group the user is no longer in (nor manages) leaves their cache even if they could still find it.
    if (v && (v.isMember || v.isManager)) views.push(v);
    else gone.push(id);
  }
  return { views, gone };
}

async function full(tx: Tx, userId: string, cursor: number): Promise<SyncResponse> {
  const secrets = await summaries(tx, (await visibleSecrets(tx, userId)).values());
  const ids = (await tx.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute()).map((r) => r.group_id);
  const { views } = await groupViews(tx, userId, ids);
  return { cursor: String(cursor), full: true, secrets, removedSecrets: [], groups: views, removedGroups: [], users: [] };
}

/**
 * What changed for a user since `since`: the change rows addressed to them (or to everyone) are re-read as
 * they stand now, so a secret that left their view comes back as removed. Cost follows the changes.
 */
export async function sync(ctx: Ctx, userId: string, since: string | undefined): Promise<SyncResponse> {
  return read(ctx.store, async (tx) => {
    const top = await maxSeq(tx);
    const from = since ? Number(since) : 0;
    if (!from || from > top) return full(tx, userId, top);
    const changes = await tx
      .selectFrom('changes')
      .select(['entity', 'entity_id'])
      .where('user_id', 'in', [userId, ''])
      .where('seq', '>', from)
      .where('seq', '<=', top)
      .limit(MAX_CHANGES + 1)
      .execute();
    if (changes.length > MAX_CHANGES) return full(tx, userId, top);
    const ids = (entity: string) => [...new Set(changes.filter((c) => c.entity === entity).map((c) => c.entity_id))];
    const secretIds = ids('secret');
    const visible = await visibleSecrets(tx, userId, secretIds);
    const { views, gone } = await groupViews(tx, userId, ids('group'));
    return {
      cursor: String(top),
      full: false,
      secrets: await summaries(tx, visible.values()),
      removedSecrets: secretIds.filter((id) => !visible.has(id)),
      groups: views,
      removedGroups: gone,
      users: await directoryUsers(tx, ids('user')),
    };
  });
}
