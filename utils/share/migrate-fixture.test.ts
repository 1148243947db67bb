// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixture from '@/utils/crypto/fixtures/vault-v1.json';
import { openCache } from '@/utils/cache';
import type { Unlocked } from '@/utils/secrets';
import { unlockWithPassword } from '@/utils/session/auth';
import { createVaultClient } from '@/utils/vault/client';
import type { Database } from '@/server/src/db/schema';
import { migrate } from '@/server/src/db/migrations';
import { hashAuthKey } from '@/server/src/services/hashing';
import { startServer, type RunningServer } from '@/server/src/server';
import { VaultClient } from '@/server/test/support/client';
import { migrateVep1 } from './migrate-vep1';

// The migration of a VEP/1 vault (docs/crypto.md, "Migration from VEP/1"), on a copy of the committed VEP/1
// fixture vault: its account, its user group and its secrets are written into a database at the last VEP/1
// schema (migration 007), exactly as VEP/1 stored them, then the server starts on it and migrates it to the
// current schema. The owner still signs in and reads (unsigned grants, "not yet verified"); the extension's
// unlock gives the account a signing key and re-makes every grant signed; afterwards an unsigned grant for
// those secrets is refused.
const NAMES = ['Stripe production', 'PagerDuty events'];
let dir: string;
let s: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultshare-vep1-'));
  const sqlitePath = join(dir, 'vault.db');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(sqlitePath) }) });
  await migrate(db as Kysely<unknown>, 'sqlite', undefined, '007_group_member_added_by');
  const tables = (await db.introspection.getTables()).find((t) => t.name === 'users')!;
  expect(tables.columns.map((c) => c.name)).not.toContain('signing_public_key'); // a VEP/1 schema
  const now = '2026-01-15T09:00:00.000Z';
  // `as never` below: `Database` describes today's schema, these rows the VEP/1 one (no signing columns).
  const u = fixture.user;
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: 'fixture',
      name: 'Fixture Owner',
      email: 'fixture@example.com',
      is_admin: 0,
      status: 'active',
      kdf_salt: u.kdf.salt,
      kdf_iterations: u.kdf.iterations,
      auth_hash: await hashAuthKey(u.authKey),
      public_key: u.publicKey,
      fingerprint: u.fingerprint,
      encrypted_private_key: JSON.stringify(u.encryptedPrivateKey),
      created_at: now,
      updated_at: now,
    } as never)
    .execute();
  const g = fixture.group;
  await db
    .insertInto('groups')
    .values({
      id: g.id,
      kind: 'user',
      name: 'Fixture group',
      description: '',
      enabled: 1,
      members_can_view: 1,
      owner_id: null,
      public_key: g.publicKey,
      fingerprint: g.fingerprint,
      created_at: now,
      updated_at: now,
    })
    .execute();
  // VEP/1: the administrator's tool granted the group key to its manager, unsigned
  await db
    .insertInto('group_members')
    .values({
      group_id: g.id,
      user_id: u.id,
      is_member: 1,
      is_manager: 1,
      grant: JSON.stringify(g.memberGrant),
      created_at: now,
      added_by: null,
    } as never)
    .execute();
  for (const [i, x] of fixture.secrets.entries())
    await db
      .insertInto('secrets')
      .values({
        id: x.id,
        owner_id: u.id,
        name: NAMES[i]!,
        url: 'https://api.example.com',
        client_id: `client-${i}`,
        identifier: null,
        method: 'POST',
        tags: '[]',
        notes: '',
        status: 'enabled',
        value: JSON.stringify(x.ciphertext),
        value_revision: x.valueRevision,
        owner_grant: JSON.stringify(x.ownerGrant),
        revision: 1,
        access_revision: 1,
        access_users: 0,
        access_groups: 0,
        created_by: u.id,
        created_at: now,
        updated_by: u.id,
        updated_at: now,
        last_used_at: null,
      } as never)
      .execute();
  await db.destroy();
  // The server migrates the copy to the current schema as it starts (008 signed grants, 009 signed roles).
  s = await startServer({ sqlitePath, databaseUrl: undefined, port: 0, quiet: true, minKdfIterations: 1000 });
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const expected = Object.fromEntries(fixture.secrets.map((x) => [x.id, x.expected.clientSecret]));

describe('migration of a copy of the VEP/1 fixture vault', () => {
  let owner: VaultClient;
  let unlocked: Unlocked;

  it('migrated by the server, the VEP/1 account signs in and reads, "not yet verified"', async () => {
    owner = await new VaultClient(s.url, 'fixture', fixture.password).signIn();
    expect(owner.signingPublicKey).toBeNull();
    for (const x of fixture.secrets)
      expect(await owner.verifiedReveal(x.id)).toEqual({ clientSecret: expected[x.id], verified: false });
    const todo = (await owner.call<{ secrets: string[]; groups: string[] }>('GET', '/v1/me/unsigned')).body;
    expect([...todo.secrets].sort()).toEqual(fixture.secrets.map((x) => x.id).sort());
    expect(todo.groups).toEqual([fixture.group.id]);
  });

  it('the extension’s unlock gives it a signing key and re-makes every grant signed', async () => {
    const client = createVaultClient({ serverUrl: s.url, getToken: () => owner.token });
    const me = await client.call('me');
    const opened = await unlockWithPassword(me, fixture.password, { minIterations: 1000 }, client);
    expect(opened.me.signingPublicKey).toEqual(expect.any(String));
    unlocked = {
      db: await openCache({ name: 'cache-vep1-fixture' }),
      client,
      me: {
        userId: me.id,
        privateKey: opened.privateKey,
        publicKey: me.publicKey,
        signingKey: opened.signingKey,
        signingPublicKey: opened.me.signingPublicKey ?? null,
      },
    };
    expect(await migrateVep1(unlocked)).toEqual({ secrets: 2, grants: 1, failed: 0 });
    expect(await client.call('unsigned')).toEqual({ secrets: [], groups: [] });

    // signed in again (now with its signing key), every grant verifies and opens to the same values
    owner = await new VaultClient(s.url, 'fixture', fixture.password).signIn();
    expect(owner.signingPublicKey).toBe(opened.me.signingPublicKey);
    for (const x of fixture.secrets)
      expect(await owner.verifiedReveal(x.id)).toEqual({ clientSecret: expected[x.id], verified: true });
    const group = await client.call('getGroup', { params: { id: fixture.group.id } });
    expect(group.myGrant).toMatchObject({ granterId: me.id, signature: expect.any(String) });
  });

  it('afterwards an unsigned grant for those secrets is refused, with a message', async () => {
    const x = fixture.secrets[0]!;
    // the server puts the old VEP/1 grant back
    await s.store.db
      .updateTable('secrets')
      .set({ owner_grant: JSON.stringify(x.ownerGrant) })
      .where('id', '=', x.id)
      .execute();
    await expect(owner.verifiedReveal(x.id, NAMES[0])).rejects.toThrow(
      'The key for the API secret “Stripe production” is not signed, though this device has seen it signed before. The server may have replaced it; nothing was opened.',
    );
  });
});
