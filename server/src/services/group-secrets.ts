import type { GroupSecrets } from '../../../utils/contract';
import type { Ctx } from './context';
import { Forbidden, NotFound } from './errors';
import { canSeeGroup } from './group-queries';
import { visibleSecrets } from './visibility';

/**
 * The API secrets shared with a group, for its managers deciding whether to remove a member: those the manager
 * can see are named, the rest only counted (a manager who is not a member does not read what members share
 * with the group, but should know that removing someone may call for rotating more than they see).
 */
export async function groupSecrets(ctx: Ctx, userId: string, groupId: string): Promise<GroupSecrets> {
  const db = ctx.store.db;
  const mine = await db
    .selectFrom('group_members')
    .select('is_manager')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!mine?.is_manager) {
    if (mine || (await canSeeGroup(db, userId, groupId)))
      throw new Forbidden('forbidden', 'Only the managers of this group can list what is shared with it.');
    throw new NotFound('This group');
  }
  const ids = (
    await db
      .selectFrom('access_entries')
      .select('secret_id')
      .where('recipient_kind', '=', 'group')
      .where('recipient_id', '=', groupId)
      .execute()
  ).map((r) => r.secret_id);
  const visible = await visibleSecrets(db, userId, ids);
  const items = [...visible.values()]
    .map((v) => ({ id: v.row.id, name: v.row.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { items, othersCount: ids.length - items.length };
}
