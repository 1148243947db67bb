import { sql, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { Store } from './connect';

export type Tx = Transaction<Database>;

/**
 * Runs a write as one transaction. On PostgreSQL every write first takes one advisory lock, so writes
 * commit in the order of their change-feed sequence numbers and a sync cursor never skips a late commit.
 * On SQLite the first statement is a write, so the write lock is taken at the start, waiting out another
 * process's write (busy_timeout): a transaction that read first could not upgrade once another process
 * had committed, and would fail at once with "database is locked".
 */
export function write<T>(store: Store, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (tx) => {
    if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7419)`.execute(tx);
    else await sql`update settings set value = value where key = ''`.execute(tx);
    return fn(tx);
  });
}

/** Reads that must see one consistent snapshot (sync) run in a transaction too. */
export function read<T>(store: Store, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(fn);
}
