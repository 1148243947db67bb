import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../utils/contract';
import { deriveKeys } from '../../utils/crypto';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { createSecretBody } from './support/requests';

/**
 * Every text form a value could take if it were stored in clear or merely encoded: UTF-8, UTF-16, hex, and
 * base64 / base64url at each of the three byte alignments it could have inside a longer encoded blob.
 */
function encodedForms(value: Uint8Array | string): { label: string; text: string }[] {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  const out = [{ label: 'hex', text: bytes.toString('hex') }, { label: 'HEX', text: bytes.toString('hex').toUpperCase() }];
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

function expectAbsent(haystack: Buffer, what: string, value: Uint8Array | string) {
  for (const f of encodedForms(value)) expect(haystack.includes(Buffer.from(f.text, 'utf8')), `${what} found as ${f.label}`).toBe(false);
  if (typeof value === 'string') expect(haystack.includes(Buffer.from(value, 'utf16le')), `${what} found as UTF-16`).toBe(false);
  else expect(haystack.includes(Buffer.from(value)), `${what} found as raw bytes`).toBe(false);
}

/** Everything the database holds, as bytes: the SQLite file and its WAL, or every row of every table of the schema. */
async function databaseBytes(s: TestServer): Promise<Buffer> {
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
    const tables = await c.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`, [s.schema]);
    expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(['users', 'secrets', 'access_entries', 'audit_events', 'changes', 'sessions', 'group_members']));
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

/** The server holds no plaintext client secret, password or auth key: not in the rows, not in the files. */
describe.each(dialects)('no plaintext in the database on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
  });
  afterAll(() => s?.close());

  it('after writing, sharing, revealing and editing a secret whose client secret is a unique marker', async () => {
    const markers = [`MARKER-${randomUUID()}`, `MARKER-${randomUUID()}`, `MARKER-${randomUUID()}`, `MARKER-${randomUUID()}`];
    const name = `Plaintext probe ${randomUUID()}`;
    const { alice, bob, carol, ops } = org;

    const secret = await alice.createSecret({ name, clientSecret: markers[0]!, identifier: 'probe' });
    await alice.share(secret.id, [bob.me(), { ...ops, canEdit: true }]);
    expect(await bob.reveal(secret.id)).toBe(markers[0]);
    expect(await carol.reveal(secret.id)).toBe(markers[0]); // through the group
    expect((await alice.editValue(secret.id, markers[1]!)).status).toBe(200);
    expect((await carol.editValue(secret.id, markers[2]!)).status).toBe(200);
    expect(await bob.reveal(secret.id)).toBe(markers[2]);
    expect(await alice.reveal(secret.id)).toBe(markers[2]);
    // a confused client that sends the client secret in clear is refused, and nothing of it is kept
    const confused = await alice.call('POST', '/v1/secrets', { ...(await createSecretBody(alice)), clientSecret: markers[3] });
    expect(confused.status).toBe(400);
    const bad = await alice.call('POST', '/v1/secrets', `{"clientSecret":"${markers[3]}",`, { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);

    const bytes = await databaseBytes(s);
    // the control: the search reads the live data (clear fields are there, in the form we look for)
    expect(bytes.includes(Buffer.from(name)), 'the clear name should be in the dump').toBe(true);
    expect(bytes.includes(Buffer.from(secret.id)), 'the secret id should be in the dump').toBe(true);
    for (const [i, m] of markers.entries()) expectAbsent(bytes, `marker ${i}`, m);
    expectAbsent(bytes, 'the JSON of the sensitive fields', JSON.stringify({ clientSecret: markers[2] }));
  });

  it('no password and no auth key (only their Argon2id hash)', async () => {
    const bytes = await databaseBytes(s);
    expect(bytes.includes(Buffer.from('$argon2id$')), 'the auth hashes should be in the dump').toBe(true);
    for (const c of [org.alice, org.bob, org.carol]) {
      const me = (await c.call<Me>('GET', '/v1/me')).body;
      const { authKey } = await deriveKeys(c.password, me.kdf);
      expectAbsent(bytes, `${c.username}'s password`, c.password);
      expectAbsent(bytes, `${c.username}'s auth key`, authKey);
      expectAbsent(bytes, `${c.username}'s auth key bytes`, Buffer.from(authKey, 'base64url'));
      expectAbsent(bytes, `${c.username}'s session token`, c.token!);
    }
  });
});
