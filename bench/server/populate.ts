import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { generateKeyPair, newItemKey, encryptSecret, createGrant, createSignedGrant } from '../../utils/crypto';
import type { RunningServer } from '../../server/src/server';
import { haystackOf, termsOf } from '../../server/src/services/directory-index';
import { groupName, person } from '../lib/people';

const now = () => new Date().toISOString();

/**
 * After a bulk load, PostgreSQL's planner still believes the tables are nearly empty until autovacuum
 * analyzes them (within a minute or so on a live server): it then estimated 8 rows for a one-letter prefix
 * that matched 20,000 and sorted them all (45 ms) instead of walking the index (see docs/architecture.md).
 * The bench measures the server as it runs after that, so it analyzes at once. SQLite needs no statistics here.
 */
async function analyze(s: RunningServer) {
  if (s.store.dialect === 'postgres') await sql`analyze`.execute(s.store.db);
}

/** A pool of real P-256 keys: the directory's answers carry real keys without making 50,000 of them. */
async function keyPool(n: number) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const k = await generateKeyPair();
      return { publicKey: k.publicKey, fingerprint: k.fingerprint };
    }),
  );
}

/**
 * Fills the directory straight through the database (the product's own index code makes the search
 * terms), because inviting and enrolling 50,000 people over HTTP would measure PBKDF2, not search.
 */
export async function populateDirectory(s: RunningServer, users: number, groups: number) {
  const keys = await keyPool(50);
  const db = s.store.db;
  for (let start = 0; start < users; start += 1000) {
    await db.transaction().execute(async (tx) => {
      const rows = [];
      const terms = [];
      const texts = [];
      for (let n = start; n < Math.min(users, start + 1000); n++) {
        const p = person(n);
        const k = keys[n % keys.length]!;
        const id = randomUUID();
        rows.push({
          id,
          username: p.username,
          name: p.name,
          email: p.email,
          is_admin: 0,
          status: 'active' as const,
          enroll_code_hash: null,
          enroll_expires_at: null,
          kdf_salt: 'AAAAAAAAAAAAAAAAAAAAAA',
          kdf_iterations: 600000,
          auth_hash: null,
          public_key: k.publicKey,
          fingerprint: k.fingerprint,
          encrypted_private_key: null,
          created_at: now(),
          updated_at: now(),
        });
        const [local = '', domain = ''] = p.email.split('@');
        for (const t of termsOf(p.name, [p.username, p.email], [local, domain]))
          terms.push({ ...t, kind: 'user' as const, entity_id: id, sort_name: p.name.toLowerCase() });
        texts.push({
          kind: 'user' as const,
          entity_id: id,
          sort_name: p.name.toLowerCase(),
          haystack: haystackOf([p.name, p.username, p.email]),
        });
      }
      await tx.insertInto('users').values(rows).execute();
      for (let i = 0; i < terms.length; i += 1000)
        await tx
          .insertInto('directory_terms')
          .values(terms.slice(i, i + 1000))
          .execute();
      await tx.insertInto('directory_text').values(texts).execute();
    });
  }
  for (let start = 0; start < groups; start += 1000) {
    await db.transaction().execute(async (tx) => {
      const rows = [];
      const terms = [];
      const texts = [];
      for (let n = start; n < Math.min(groups, start + 1000); n++) {
        const name = groupName(n);
        const k = keys[n % keys.length]!;
        const id = randomUUID();
        rows.push({
          id,
          kind: 'user' as const,
          name,
          description: '',
          enabled: 1,
          members_can_view: 1,
          owner_id: null,
          public_key: k.publicKey,
          fingerprint: k.fingerprint,
          created_at: now(),
          updated_at: now(),
        });
        for (const t of termsOf(name, []))
          terms.push({ ...t, kind: 'group' as const, entity_id: id, sort_name: name.toLowerCase() });
        texts.push({
          kind: 'group' as const,
          entity_id: id,
          sort_name: name.toLowerCase(),
          haystack: haystackOf([name]),
        });
      }
      await tx.insertInto('groups').values(rows).execute();
      for (let i = 0; i < terms.length; i += 1000)
        await tx
          .insertInto('directory_terms')
          .values(terms.slice(i, i + 1000))
          .execute();
      await tx.insertInto('directory_text').values(texts).execute();
    });
  }
  await analyze(s);
}

/**
 * Gives one owner `count` API secrets (real ciphertext and owner grant, copied: the bench measures listing).
 * With `openable`, each secret gets its own item key, ciphertext and grant instead, so that the extension can
 * open every value (the unlock bench's value index); making them costs a few seconds per 10,000. With the
 * owner's `signingKey`, the grants are signed (VEP/2).
 */
export async function populateSecrets(
  s: RunningServer,
  owner: { id: string; publicKey: string; signingKey?: CryptoKey },
  count: number,
  opts: { openable?: boolean } = {},
) {
  const sealed = async (id: string, clientSecret: string) => {
    const itemKey = newItemKey();
    const target = {
      subjectKind: 'secret' as const,
      subjectId: id,
      recipientKind: 'user' as const,
      recipientId: owner.id,
      recipientPublicKey: owner.publicKey,
    };
    // With the owner's signing key, a VEP/2 account at rest: each value's grant is verified like any other, and
    // the VEP/1 migration has nothing to rotate. Without it, VEP/1 grants.
    const grant = owner.signingKey
      ? await createSignedGrant(target, itemKey, 1, { id: owner.id, signingKey: owner.signingKey })
      : await createGrant(target, itemKey);
    return {
      value: JSON.stringify(await encryptSecret(itemKey, id, 1, { clientSecret })),
      grant: JSON.stringify(grant),
    };
  };
  const template = await sealed(randomUUID(), 'bench-secret');
  for (let start = 0; start < count; start += 500) {
    const rows = [];
    for (let n = start; n < Math.min(count, start + 500); n++) {
      const id = randomUUID();
      const { value, grant } = opts.openable ? await sealed(id, `bench-secret-${n}`) : template;
      rows.push({
        id,
        owner_id: owner.id,
        name: `Service ${n} API`,
        url: `https://api${n}.example.com/v1`,
        client_id: `client-${n}`,
        identifier: `svc-${n}`,
        method: 'GET',
        tags: '["bench"]',
        notes: '',
        status: 'enabled' as const,
        value,
        value_revision: 1,
        key_revision: 1,
        owner_grant: grant,
        revision: 1,
        access_revision: 1,
        access_users: 0,
        access_groups: 0,
        access_named: '[]',
        created_by: owner.id,
        created_at: now(),
        updated_by: owner.id,
        updated_at: now(),
        last_used_at: null,
        last_used_by: null,
        readable_by_disabled: 0,
      });
    }
    await s.store.db.insertInto('secrets').values(rows).execute();
  }
  await analyze(s);
}
