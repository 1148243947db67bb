import { sql } from 'kysely';
import type { Tx } from '../db/tx';

type Entity = 'secret' | 'group' | 'user';

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
 * Tells these users that every secret shared with a group appeared or left their view: one statement per
 * user, the rows made by the database from the group's access entries, so a group holding thousands of
 * secrets costs one round trip rather than one per secret.
 */
export async function notifyGroupSecrets(tx: Tx, groupId: string, userIds: string[]): Promise<void> {
  for (const userId of new Set(userIds))
    await tx
      .insertInto('changes')
      .columns(['user_id', 'entity', 'entity_id'])
      .expression(
        tx
          .selectFrom('access_entries')
          .select([
            sql<string>`${userId}`.as('user_id'),
            sql<'secret'>`'secret'`.as('entity'),
            'secret_id as entity_id',
          ])
          .where('recipient_kind', '=', 'group')
          .where('recipient_id', '=', groupId),
      )
      .execute();
}
