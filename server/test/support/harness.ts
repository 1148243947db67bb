import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect } from 'vitest';
import { startServer, type RunningServer } from '../../src/server';
import type { Config } from '../../src/config';
import type { Answered } from '../../src/http/app';
import { isDeclared } from '../../src/http/status-check';

export type DialectName = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL points at one (CI sets it). */
export const dialects: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestServer = RunningServer & { dialect: DialectName; sqlitePath?: string; schema?: string };

/** Every answer a contract route gave in this test file, whatever the test was about. */
export const answered: Answered[] = [];

// Each suite's requests double as a check of the published contract: a status that a route sent but the
// OpenAPI document does not declare fails the suite that provoked it.
afterAll(() => {
  const undeclared = answered
    .filter((a) => a.route && !isDeclared(a.route, a.status))
    .map((a) => `${a.route} answered ${a.status}`);
  expect([...new Set(undeclared)], 'statuses missing from the route table (utils/contract/routes.ts)').toEqual([]);
});

/**
 * The real vault server on a random port, on a fresh database: a new SQLite file, or a new PostgreSQL
 * schema that is dropped afterwards. PBKDF2 iterations, and the server's floor for them, are lowered for speed
 * (a setting only code can make: the environment cannot lower the floor).
 */
export async function startTestServer(dialect: DialectName, overrides: Partial<Config> = {}): Promise<TestServer> {
  const base = {
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    kdfIterations: 1000,
    minKdfIterations: 1000,
    // A burst of 200 requests queues for the pool's 10 connections; on a busy machine the wait can pass the
    // production 3 s, which answers 503 by design. The suites test budgets and rules, not that wait (the
    // fault suite, with its own server processes, keeps the production timeouts).
    database: { connectTimeoutMs: 60_000, statementTimeoutMs: 60_000 },
    onAnswer: (a: Answered) => void answered.push(a),
    ...overrides,
  };
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vaultshare-'));
    const sqlitePath = join(dir, 'vault.db');
    const s = await startServer({ ...base, databaseUrl: undefined, sqlitePath });
    return {
      ...s,
      dialect,
      sqlitePath,
      close: async () => {
        await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const s = await startServer({ ...base, databaseUrl: url, schema });
  return {
    ...s,
    dialect,
    schema,
    close: async () => {
      await s.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}

const TABLES = [
  'users',
  'sessions',
  'groups',
  'group_members',
  'secrets',
  'access_entries',
  'changes',
  'directory_terms',
  'audit_events',
  'settings',
  'links',
  'link_accesses',
] as const;

/**
 * Every row of every table, to prove a refused request changed nothing. Left out: the sign-in budgets and
 * their audit lines (auth.*), which a refused sign-in is meant to record.
 */
export async function snapshot(s: RunningServer): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await s.store.db.selectFrom(t).selectAll().execute();
  out.audit_events = (out.audit_events as { action: string }[]).filter((e) => !e.action.startsWith('auth.'));
  for (const rows of Object.values(out)) rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return out;
}
