import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema';
import { migrate } from './migrations';
import { PoolBusy } from './faults';
import type { Dialect } from './dialect';

export type { Dialect };
export type Db = Kysely<Database>;
export type Store = { db: Db; dialect: Dialect; close(): Promise<void> };

// PostgreSQL's bigint (count(*), serial sums) arrives as a string by default; every number here fits a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Limits on waiting for PostgreSQL, so an unreachable database costs a request seconds, not forever; and the
 * number of connections each server process keeps (`poolSize`, 10 unless configured).
 */
export type DatabaseTimeouts = { connectTimeoutMs: number; statementTimeoutMs: number; poolSize?: number };

export type StoreOptions = {
  databaseUrl?: string;
  sqlitePath: string;
  schema?: string;
  timeouts?: DatabaseTimeouts;
  /** Told about a pooled connection that failed while idle (a restart, a failover, pg_terminate_backend). */
  onIdleError?: (err: Error) => void;
};

const defaultTimeouts: DatabaseTimeouts = { connectTimeoutMs: 3000, statementTimeoutMs: 5000 };

/** node-postgres reports "no free connection in time" and "could not connect in time" with one message. */
class BusyAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return super.connect().catch((err: unknown) => {
      const max = this.options.max ?? 10;
      if (
        err instanceof Error &&
        /timeout exceeded when trying to connect/i.test(err.message) &&
        this.totalCount >= max
      )
        throw new PoolBusy(max);
      throw err;
    });
  }
}

/**
 * The vault's files hold every secret's ciphertext and every account's key material: readable by the
 * server's user only. SQLite gives its -wal and -shm files the mode of the database file, so creating (or
 * tightening) that one first covers all three; an older install's files are tightened too.
 */
function ownerOnly(path: string) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/**
 * Opens the database (PostgreSQL when a URL is given, else the SQLite file) and brings its schema up to date.
 * `schema` confines a PostgreSQL connection to one schema, which the tests use to isolate runs.
 */
export async function openStore(opts: StoreOptions): Promise<Store> {
  let db: Db;
  let dialect: Dialect;
  if (opts.databaseUrl) {
    dialect = 'postgres';
    const t = opts.timeouts ?? defaultTimeouts;
    const pool = new BusyAwarePool({
      connectionString: opts.databaseUrl,
      max: t.poolSize ?? 10,
      connectionTimeoutMillis: t.connectTimeoutMs,
      // The server ends a statement that runs too long; the client gives up a little later on a database
      // that does not answer at all (a hung host, a network partition), which the server cannot notice.
      statement_timeout: t.statementTimeoutMs,
      query_timeout: t.statementTimeoutMs + 1000,
      idle_in_transaction_session_timeout: t.statementTimeoutMs * 2,
      keepAlive: true,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // Without a listener, an idle connection that the database drops is an uncaught 'error' event, which
    // ends the process. The pool discards that connection by itself; the next query opens a new one.
    const onError = (err: Error) => opts.onIdleError?.(err);
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    try {
      if (opts.schema) {
        const c = await pool.connect();
        try {
          await c.query(`create schema if not exists "${opts.schema.replace(/"/g, '')}"`);
        } finally {
          c.release();
        }
      }
      db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      await migrate(db as Kysely<unknown>, dialect, opts.schema);
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
  } else {
    dialect = 'sqlite';
    if (opts.sqlitePath !== ':memory:') ownerOnly(opts.sqlitePath);
    const file = new SQLite(opts.sqlitePath);
    file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    // The command-line tools write to the same file as a running server: wait for the other's write lock.
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
    await migrate(db as Kysely<unknown>, dialect, undefined);
  }
  return { db, dialect, close: () => db.destroy() };
}

/** The cheapest round trip that proves the database answers. */
export async function ping(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}
