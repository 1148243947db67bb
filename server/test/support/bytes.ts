import { existsSync, readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import type { TestServer } from './harness';

/**
 * Every text form a value could take if it were stored in clear or merely encoded: UTF-8, UTF-16, hex, and
 * base64 / base64url at each of the three byte alignments it could have inside a longer encoded blob.
 */
function encodedForms(value: Uint8Array | string): { label: string; text: string }[] {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  const out = [
    { label: 'hex', text: bytes.toString('hex') },
    { label: 'HEX', text: bytes.toString('hex').toUpperCase() },
  ];
  if (typeof value === 'string') out.push({ label: 'utf8', text: value });
  for (const k of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(k), bytes]);
    // only the characters that encode nothing but the value's own bits
    const from = Math.ceil((8 * k) / 6);
    const to = Math.floor((8 * padded.length) / 6);
    out.push({ label: `base64+${k}`, text: padded.toString('base64').slice(from, to) });
    out.push({ label: `base64url+${k}`, text: padded.toString('base64url').slice(from, to) });
  }
  return out;
}

export function expectAbsent(haystack: Buffer, what: string, value: Uint8Array | string) {
  for (const f of encodedForms(value))
    expect(haystack.includes(Buffer.from(f.text, 'utf8')), `${what} found as ${f.label}`).toBe(false);
  if (typeof value === 'string')
    expect(haystack.includes(Buffer.from(value, 'utf16le')), `${what} found as UTF-16`).toBe(false);
  else expect(haystack.includes(Buffer.from(value)), `${what} found as raw bytes`).toBe(false);
}

/** Everything the database holds, as bytes: the SQLite file and its WAL, or every row of every table of the schema. */
export async function databaseBytes(s: TestServer): Promise<Buffer> {
  if (s.dialect === 'sqlite') {
    const path = s.sqlitePath!;
    const side = new SQLite(path);
    side.pragma('wal_checkpoint(TRUNCATE)');
    side.close();
    return Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
  }
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  try {
    const tables = await c.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`,
      [s.schema],
    );
    expect(tables.rows.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'users',
        'secrets',
        'access_entries',
        'audit_events',
        'changes',
        'sessions',
        'group_members',
      ]),
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await c.query<{ row: string }>(`select t::text as row from "${s.schema}"."${table_name}" t`);
      parts.push(`[${table_name}]`, ...rows.rows.map((r) => r.row));
    }
    return Buffer.from(parts.join('\n'), 'utf8');
  } finally {
    await c.end();
  }
}
