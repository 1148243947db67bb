import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/db/migrations';

const NOW = '2025-01-01T00:00:00.000Z';
const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations('sqlite') } });
afterAll(() => db.destroy());

async function user(id: string) {
  await sql`insert into users (id, username, name, email, status, created_at, updated_at)
    values (${id}, ${id}, ${id}, ${`${id}@example.com`}, 'active', ${NOW}, ${NOW})`.execute(db);
}
async function secretOf(id: string, owner: string) {
  await sql`insert into secrets (id, owner_id, name, url, client_id, method, tags, notes, status, value,
    value_revision, owner_grant, revision, access_revision, access_users, access_groups, created_by, created_at,
    updated_by, updated_at, last_used_at)
    values (${id}, ${owner}, ${id}, 'https://a.example', 'c', 'GET', '[]', '', 'enabled', '{}', 1, '{}', 1, 1, 0, 0,
    ${owner}, ${NOW}, ${owner}, ${NOW}, ${NOW})`.execute(db);
}
async function entry(secret: string, kind: string, recipient: string, at: string) {
  await sql`insert into access_entries (secret_id, recipient_kind, recipient_id, can_edit, "grant", created_at)
    values (${secret}, ${kind}, ${recipient}, 0, '{}', ${at})`.execute(db);
}

describe('migration 010: access names and last use by', () => {
  it('fills in the first two recipients of existing lists, users first, and leaves who used it unknown', async () => {
    expect((await migrator.migrateTo('009_signed_roles')).error).toBeUndefined();
    for (const u of ['alice', 'bob', 'carol', 'dave']) await user(u);
    await secretOf('s1', 'alice');
    await secretOf('s2', 'alice');
    await secretOf('s3', 'alice');
    await entry('s1', 'group', 'g-ops', '2025-01-01T00:00:01.000Z');
    await entry('s1', 'user', 'carol', '2025-01-01T00:00:03.000Z');
    await entry('s1', 'user', 'bob', '2025-01-01T00:00:02.000Z');
    await entry('s1', 'user', 'dave', '2025-01-01T00:00:04.000Z');
    await entry('s2', 'group', 'g-ops', '2025-01-01T00:00:01.000Z');

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const rows = await sql<{ id: string; access_named: string; last_used_by: string | null }>`
      select id, access_named, last_used_by from secrets order by id`.execute(db);
    expect(rows.rows.map((r) => [r.id, JSON.parse(r.access_named), r.last_used_by])).toEqual([
      [
        's1',
        [
          { kind: 'user', id: 'bob' },
          { kind: 'user', id: 'carol' },
        ],
        null,
      ],
      ['s2', [{ kind: 'group', id: 'g-ops' }], null],
      ['s3', [], null],
    ]);
  });
});
