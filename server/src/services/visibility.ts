import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';
import type { SecretsTable } from '../db/schema';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema';
import { activeGroupIds } from './group-queries';

export type Visible = { row: SecretsTable; isOwner: boolean; canEdit: boolean };

/** Access entries that reach a user: made for them directly, or for one of their active groups. */
export const reachesUser =
  (userId: string, groups: string[]) => (eb: ExpressionBuilder<Database, 'access_entries'>) => {
    const direct = eb.and([
      eb('access_entries.recipient_kind', '=', 'user'),
      eb('access_entries.recipient_id', '=', userId),
    ]);
    return groups.length
      ? eb.or([
          direct,
          eb.and([eb('access_entries.recipient_kind', '=', 'group'), eb('access_entries.recipient_id', 'in', groups)]),
        ])
      : direct;
  };

const chunks = <T>(xs: T[], n = 500) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * The secrets a user can see, with what they may do: owned, shared with them directly, or shared with a
 * group they actively belong to. `ids` narrows the question (sync asks about what changed).
 */
export async function visibleSecrets(db: Db | Tx, userId: string, ids?: string[]): Promise<Map<string, Visible>> {
  const out = new Map<string, Visible>();
  if (ids && !ids.length) return out;
  const groups = await activeGroupIds(db, userId);
  const idSets = ids ? chunks(ids) : [undefined];
  for (const part of idSets) {
    let owned = db.selectFrom('secrets').selectAll().where('owner_id', '=', userId);
    if (part) owned = owned.where('id', 'in', part);
    for (const row of await owned.execute()) out.set(row.id, { row, isOwner: true, canEdit: true });

    let shared = db
      .selectFrom('access_entries')
      .innerJoin('secrets', 'secrets.id', 'access_entries.secret_id')
      .selectAll('secrets')
      .select('access_entries.can_edit as entry_can_edit')
      .where(reachesUser(userId, groups))
      .where('secrets.owner_id', '!=', userId);
    if (part) shared = shared.where('secrets.id', 'in', part);
    for (const { entry_can_edit, ...row } of await shared.execute()) {
      const seen = out.get(row.id);
      out.set(row.id, { row, isOwner: false, canEdit: (seen?.canEdit ?? false) || entry_can_edit === 1 });
    }
  }
  return out;
}

/** One secret as the user sees it, or undefined when they cannot see it. */
export async function visibleSecret(db: Db | Tx, userId: string, id: string): Promise<Visible | undefined> {
  return (await visibleSecrets(db, userId, [id])).get(id);
}
