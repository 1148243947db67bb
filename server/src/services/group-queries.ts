import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';

/** How many members (pending included) each group has. */
export async function memberCounts(db: Db | Tx, groupIds: string[]): Promise<Map<string, number>> {
  if (!groupIds.length) return new Map();
  const rows = await db
    .selectFrom('group_members')
    .select('group_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', 'in', groupIds)
    .where('is_member', '=', 1)
    .groupBy('group_id')
    .execute();
  return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
}

/** Private groups the caller owns or manages, or belongs to when the owner lets members view the group. */
export async function visiblePrivateGroups(db: Db | Tx, userId: string) {
  return db
    .selectFrom('groups')
    .selectAll()
    .where('kind', '=', 'private')
    .where((eb) =>
      eb.or([
        eb('owner_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('group_members')
            .select('user_id')
            .whereRef('group_members.group_id', '=', 'groups.id')
            .where('user_id', '=', userId)
            .where('is_manager', '=', 1),
        ),
        eb.and([
          eb('members_can_view', '=', 1),
          eb.exists(
            eb
              .selectFrom('group_members')
              .select('user_id')
              .whereRef('group_members.group_id', '=', 'groups.id')
              .where('user_id', '=', userId)
              .where('is_member', '=', 1),
          ),
        ]),
      ]),
    )
    .execute();
}

/** May this user share with (or see) this group? User groups: anyone; private groups: as above. */
export async function canSeeGroup(db: Db | Tx, userId: string, groupId: string): Promise<boolean> {
  const g = await db
    .selectFrom('groups')
    .select(['kind', 'owner_id', 'members_can_view'])
    .where('id', '=', groupId)
    .executeTakeFirst();
  if (!g) return false;
  if (g.kind === 'user' || g.owner_id === userId) return true;
  const m = await db
    .selectFrom('group_members')
    .select(['is_member', 'is_manager'])
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!m?.is_manager || (!!g.members_can_view && !!m?.is_member);
}

/** The groups through which a user holds keys: active membership of an enabled group. */
export async function activeGroupIds(db: Db | Tx, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('group_members.group_id')
    .where('group_members.user_id', '=', userId)
    .where('group_members.is_member', '=', 1)
    .where('group_members.grant', 'is not', null)
    .where('groups.enabled', '=', 1)
    .execute();
  return rows.map((r) => r.group_id);
}

/**
 * Who may read a group's member list: its managers always; its members when the group lets members view it;
 * and, in the access list of a secret shared with a user group (the organisation's own group, which lets
 * members view it), anyone who can view that secret. Everyone else sees the count only.
 */
export function mayListMembers(
  g: { kind: 'user' | 'private'; members_can_view: number },
  mine: { is_member: number; is_manager: number } | undefined,
): boolean {
  if (mine?.is_manager) return true;
  if (!g.members_can_view) return false;
  return g.kind === 'user' || !!mine?.is_member;
}
