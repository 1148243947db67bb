import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startServer, type RunningServer } from '../../server/src/server';
import { invite } from '../../server/src/services/accounts';
import { VaultClient } from '../../server/test/support/client';

export type BenchDb = 'sqlite' | 'postgres';

/** Where the PostgreSQL runs go (a fresh schema each, dropped afterwards). */
export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The databases to bench on: SQLite always, PostgreSQL when one answers within a second. */
export async function benchDatabases(): Promise<BenchDb[]> {
  const c = new pg.Client({ connectionString: BENCH_DATABASE_URL, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query('select 1');
    return ['sqlite', 'postgres'];
  } catch {
    return ['sqlite'];
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A bare query on the server's own database, outside the server: the floor the API is compared with. */
export type Bare = { all(sql: string, params: unknown[]): Promise<unknown[]>; close(): Promise<void> };

export type BenchServer = RunningServer & {
  db: BenchDb;
  bare(): Promise<Bare>;
  /** Where a child process finds the same data. */ env: Record<string, string>;
};

/**
 * A real vault server on a fresh SQLite file in a temporary folder, or on a fresh PostgreSQL schema (low
 * PBKDF2 count: the bench measures the API).
 */
export async function benchServer(opts: { kdfIterations?: number; db?: BenchDb } = {}): Promise<BenchServer> {
  const base = {
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    kdfIterations: opts.kdfIterations ?? 1000,
    minKdfIterations: 1000,
  };
  if (opts.db === 'postgres') {
    const schema = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const s = await startServer({ ...base, databaseUrl: BENCH_DATABASE_URL, schema });
    return {
      ...s,
      db: 'postgres',
      env: { DATABASE_URL: BENCH_DATABASE_URL, DATABASE_SCHEMA: schema },
      async bare() {
        const c = new pg.Client({ connectionString: BENCH_DATABASE_URL, options: `-c search_path=${schema}` });
        await c.connect();
        // pg numbers its parameters; the benches write them as SQLite's "?".
        return {
          all: async (q, p) =>
            (
              await c.query(
                q.split('?').reduce((a, part, i) => (i ? `${a}$${i}${part}` : part), ''),
                p,
              )
            ).rows,
          close: () => c.end(),
        };
      },
      close: async () => {
        await s.close();
        const c = new pg.Client({ connectionString: BENCH_DATABASE_URL });
        await c.connect();
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'vaultshare-bench-'));
  const sqlitePath = join(dir, 'vault.db');
  const s = await startServer({ ...base, sqlitePath, databaseUrl: undefined });
  return {
    ...s,
    db: 'sqlite',
    env: { VAULT_DB_PATH: sqlitePath },
    async bare() {
      const d = new Database(sqlitePath, { readonly: true });
      return { all: async (q, p) => d.prepare(q).all(...p), close: async () => void d.close() };
    },
    close: async () => {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
/** Invites and enrolls a user through the real API, returning a signed-in VEP/1 client. */
export async function benchUser(s: RunningServer, username: string, name = username): Promise<VaultClient> {
  const { code } = await invite(s.services, { username, name, email: `${username}@bench.example` });
  return new VaultClient(s.url, username).enroll(code);
}

/** The server's own time for a request, from its Server-Timing header. */
export function serverTime(headers: Headers): number {
  const m = headers.get('server-timing')?.match(/dur=([\d.]+)/);
  if (!m) throw new Error('The server sent no Server-Timing header');
  return Number(m[1]);
}

/**
 * A GET as the extension makes it (gzip accepted): the bytes that cross the wire, the JSON they unpack to,
 * and the server's own time. Node's fetch unpacks silently, so this counts on the raw socket.
 */
export function wireGet(
  base: string,
  path: string,
  token: string,
): Promise<{ wire: number; body: unknown; server: number }> {
  return new Promise((done, fail) => {
    const req = request(
      new URL(path, base),
      { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('error', fail);
        res.on('end', () => {
          const raw = Buffer.concat(parts);
          if (res.statusCode !== 200) return fail(new Error(`GET ${path} → ${res.statusCode}`));
          const text =
            res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
          const timing = new Headers({ 'server-timing': String(res.headers['server-timing'] ?? '') });
          done({ wire: raw.length, body: JSON.parse(text), server: serverTime(timing) });
        });
      },
    );
    req.on('error', fail);
    req.end();
  });
}
