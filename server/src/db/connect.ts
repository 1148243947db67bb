import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { migrate } from './migrations';
import type { Dialect } from './dialect';

export type { Dialect };
export type Db = Kysely<Database>;
export type Store = { db: Db; dialect: Dialect; close(): Promise<void> };

// PostgreSQL's bigint (count(*), serial sums) arrives as a string by default; every number here fits a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens the database (PostgreSQL when a URL is given, else the SQLite file) and brings its schema up to date.
 * `schema` confines a PostgreSQL connection to one schema, which the tests use to isolate runs.
 */
export async function openStore(opts: { databaseUrl?: string; sqlitePath: string; schema?: string }): Promise<Store> {
  let db: Db;
  let dialect: Dialect;
  if (opts.databaseUrl) {
    dialect = 'postgres';
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    if (opts.schema) {
      const c = await pool.connect();
      try {
        await c.query(`create schema if not exists "${opts.schema.replace(/"/g, '')}"`);
      } finally {
        c.release();
      }
    }
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    if (opts.sqlitePath !== ':memory:') mkdirSync(dirname(opts.sqlitePath), { recursive: true });
    const file = new SQLite(opts.sqlitePath);
    file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  }
  await migrate(db as Kysely<unknown>, dialect);
  return { db, dialect, close: () => db.destroy() };
}
