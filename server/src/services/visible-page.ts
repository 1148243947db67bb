import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { Dialect } from '../db/connect';
import type { Database, SecretsTable } from '../db/schema';
import type { Tx } from '../db/tx';
import { activeGroupIds } from './group-queries';
import { reachesUser, type Visible } from './visibility';

/** A position in name order: the last (name, id) a page sent. */
export type PageKey = { name: string; id: string };

/** What a summary shows: every column but the ciphertext, which a page of thousands would carry for nothing. */
const SUMMARY_COLUMNS = [
  'id',
  'owner_id',
  'name',
  'url',
  'client_id',
  'identifier',
  'method',
  'tags',
  'notes',
  'status',
  'value_revision',
  'revision',
  'access_revision',
  'access_users',
  'access_groups',
  'access_named',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'last_used_at',
  'last_used_by',
  'readable_by_disabled',
] as const;
const columns = SUMMARY_COLUMNS.map((c) => `secrets.${c}` as const);

/**
 * Names compared byte by byte in UTF-8 (SQLite's default, PostgreSQL's "C"), so that the two queries' orders
 * can be merged here with the same comparison.
 */
const byteOrder = (a: PageKey, b: PageKey) =>
  Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function nameOf(dialect: Dialect): Expression<string> {
  return dialect === 'postgres' ? sql<string>`secrets.name collate "C"` : sql<string>`secrets.name`;
}

function afterKey(dialect: Dialect, after: PageKey) {
  return (eb: ExpressionBuilder<Database, 'secrets'>) =>
    eb.or([
      eb(nameOf(dialect), '>', after.name),
      eb.and([eb(nameOf(dialect), '=', after.name), eb('secrets.id', '>', after.id)]),
    ]);
}

/**
 * The next `limit` secrets a user can see after `after`, in (name, id) order, with what they may do. Owned
 * and shared ones are each read from where the last page stopped, at most `limit` of each (the owned ones
 * straight from the (owner, name, id) index), then merged: a page costs its size, not the whole vault.
 */
export async function visiblePage(
  tx: Tx,
  dialect: Dialect,
  userId: string,
  after: PageKey | undefined,
  limit: number,
): Promise<Visible[]> {
  const groups = await activeGroupIds(tx, userId);
  const owned = await tx
    .selectFrom('secrets')
    .select(columns)
    .where('secrets.owner_id', '=', userId)
    .$if(!!after, (q) => q.where(afterKey(dialect, after!)))
    .orderBy(nameOf(dialect))
    .orderBy('secrets.id')
    .limit(limit)
    .execute();
  // A secret reachable both directly and through groups is one row: edit if any of its entries allows it.
  const shared = await tx
    .selectFrom('access_entries')
    .innerJoin('secrets', 'secrets.id', 'access_entries.secret_id')
    .select(columns)
    .select((eb) => eb.fn.max('access_entries.can_edit').as('entry_can_edit'))
    .where(reachesUser(userId, groups))
    .where('secrets.owner_id', '!=', userId)
    .$if(!!after, (q) => q.where(afterKey(dialect, after!)))
    .groupBy('secrets.id')
    .orderBy(nameOf(dialect))
    .orderBy('secrets.id')
    .limit(limit)
    .execute();
  // Rows without their ciphertext columns: summaries never read them.
  // The rows the page leaves out are all after both lists' last rows, so the first `limit` of the merge is exact.
  const rows: Visible[] = [
    ...owned.map((row) => ({ row: row as SecretsTable, isOwner: true, canEdit: true })),
    ...shared.map(({ entry_can_edit, ...row }) => ({
      row: row as SecretsTable,
      isOwner: false,
      canEdit: Number(entry_can_edit) === 1,
    })),
  ];
  return rows.sort((a, b) => byteOrder(a.row, b.row)).slice(0, limit);
}
