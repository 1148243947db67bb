import type { Tx } from '../db/tx';

/**
 * What a change row names: a secret, a group, a directory user, or (`group_secrets`, addressed to one member)
 * every secret of a group at once: the member joined, left, or the group was enabled or disabled.
 */
type Entity = 'secret' | 'group' | 'user' | 'group_secrets';

/** Records that `entity` changed for each of these users; the change feed serves it to them. */
export async function notify(tx: Tx, userIds: Iterable<string>, entity: Entity, entityId: string): Promise<void> {
  const rows = [...new Set(userIds)].map((user_id) => ({ user_id, entity, entity_id: entityId }));
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('changes')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A change everybody's feed carries (directory users). */
export const notifyAll = (tx: Tx, entity: Entity, entityId: string) => notify(tx, [''], entity, entityId);

/** Active members of a group: they hold its key, so they reach what is shared with it. */
export async function activeMembers(tx: Tx, groupId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('group_members.user_id')
    .where('group_members.group_id', '=', groupId)
    .where('group_members.is_member', '=', 1)
    .where('group_members.grant', 'is not', null)
    .where('groups.enabled', '=', 1)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Everyone who can see a secret right now: its owner, its direct users, and active members of its groups. */
export async function secretAudience(tx: Tx, secretId: string): Promise<Set<string>> {
  const secret = await tx.selectFrom('secrets').select('owner_id').where('id', '=', secretId).executeTakeFirst();
  const out = new Set<string>(secret ? [secret.owner_id] : []);
  const entries = await tx
    .selectFrom('access_entries')
    .select(['recipient_kind', 'recipient_id'])
    .where('secret_id', '=', secretId)
    .execute();
  for (const e of entries) {
    if (e.recipient_kind === 'user') out.add(e.recipient_id);
    else for (const u of await activeMembers(tx, e.recipient_id)) out.add(u);
  }
  return out;
}

/**
 * Tells these users that every secret shared with a group appeared or left their view. One row per user,
 * whatever the group holds: the sync expands it into the group's secrets (see {@link groupSecretIds}), so
 * adding or removing a member of a group holding thousands of secrets costs what it costs for one.
 */
export async function notifyGroupSecrets(tx: Tx, groupId: string, userIds: string[]): Promise<void> {
  await notify(tx, userIds, 'group_secrets', groupId);
}

/**
 * The group's own feed: the secrets unshared from it. Whoever left the group before such an unshare was no
 * longer told of it, yet still holds the secret from when they were a member; their sync finds it here.
 */
const groupFeed = (groupId: string) => `group:${groupId}`;

/** Records that a secret stopped being shared with a group (see {@link groupFeed}). */
export async function noteUnsharedFromGroup(tx: Tx, groupId: string, secretId: string): Promise<void> {
  await tx
    .insertInto('changes')
    .values({ user_id: groupFeed(groupId), entity: 'secret', entity_id: secretId })
    .execute();
}

/**
 * What a `group_secrets` change stands for, read when a member syncs: the secrets shared with the groups now,
 * and those unshared from them since the member's cursor (the sync re-reads each one's visibility, so a
 * secret reached otherwise stays, and one that left their view is removed). At most `limit` ids.
 */
export async function groupSecretIds(
  tx: Tx,
  groupIds: string[],
  after: { from: number; to: number },
  limit: number,
): Promise<string[]> {
  if (!groupIds.length) return [];
  const shared = await tx
    .selectFrom('access_entries')
    .select('secret_id')
    .where('recipient_kind', '=', 'group')
    .where('recipient_id', 'in', groupIds)
    .limit(limit)
    .execute();
  const unshared = await tx
    .selectFrom('changes')
    .select('entity_id')
    .where('user_id', 'in', groupIds.map(groupFeed))
    .where('seq', '>', after.from)
    .where('seq', '<=', after.to)
    .limit(limit)
    .execute();
  return [...new Set([...shared.map((r) => r.secret_id), ...unshared.map((r) => r.entity_id)])];
}
