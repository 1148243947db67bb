import type { UserRef } from '../../../utils/contract';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';

/** Names for a set of user ids, fetched in chunks (SQLite caps bound parameters). */
export async function userRefs(db: Db | Tx, ids: Iterable<string>): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, UserRef>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name', 'username'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** An enrolled user's public key, or undefined for unknown or pending users. */
export async function activeUser(db: Db | Tx, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'username', 'email', 'public_key', 'fingerprint'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
}
