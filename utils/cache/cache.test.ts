import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { ALICE, directoryUser, group, secret, syncResponse } from '@/test/fixtures';
import {
  MIGRATIONS,
  applySync,
  clearCache,
  countRecords,
  openCache,
  pinKey,
  readSecretsInPages,
  readSnapshot,
  type Migration,
} from '.';

const owner = { userId: ALICE.id, serverUrl: 'https://vault.example' };

describe('cache schema', () => {
  it('creates every store the extension needs', async () => {
    const db = await openCache();
    expect(db.version).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual([
      'access',
      'groups',
      'head',
      'meta',
      'pins',
      'revisions',
      'secrets',
      'users',
      'valueIndex',
    ]);
  });

  it('stores and reads back a record in every store', async () => {
    const db = await openCache();
    const s = secret();
    const g = group();
    const u = directoryUser();
    await db.put('secrets', s);
    await db.put('access', {
      secretId: s.id,
      accessRevision: 1,
      list: { secretId: s.id, accessRevision: 1, owner: ALICE, entries: [] },
      fetchedAt: 'now',
    });
    await db.put('groups', g);
    await db.put('users', u);
    await db.put('pins', {
      key: pinKey('user', u.id),
      kind: 'user',
      id: u.id,
      fingerprint: u.fingerprint,
      pinnedAt: 'now',
    });
    await db.put('meta', { ...owner, cursor: '7', lastSyncAt: 'then' }, 'sync');
    expect(await db.get('secrets', s.id)).toEqual(s);
    expect((await db.get('access', s.id))?.accessRevision).toBe(1);
    expect(await db.get('groups', g.id)).toEqual(g);
    expect(await db.get('users', u.id)).toEqual(u);
    expect((await db.get('pins', `user:${u.id}`))?.fingerprint).toBe(u.fingerprint);
    expect((await db.get('meta', 'sync'))?.cursor).toBe('7');
  });

  it('upgrades an existing database step by step and keeps its data', async () => {
    const old = await openCache({ migrations: MIGRATIONS });
    const s = secret({ name: 'Kept across the upgrade' });
    await old.put('secrets', s);
    old.close();
    // The schema types know only today's indexes; a future step adds one.
    const addIndex: Migration = (_db, tx) => tx.objectStore('secrets').createIndex('by-owner' as never, 'owner.id');
    const db = await openCache({ migrations: [...MIGRATIONS, addIndex] });
    expect(db.version).toBe(MIGRATIONS.length + 1);
    expect((await db.get('secrets', s.id))?.name).toBe('Kept across the upgrade');
    expect(db.transaction('secrets').store.indexNames.contains('by-owner' as never)).toBe(true);
  });

  it('closes a page connection that blocks the worker from upgrading', async () => {
    const page = await openCache();
    const addStore: Migration = (db) => db.createObjectStore('later' as never);
    const worker = await openCache({ migrations: [...MIGRATIONS, addStore] });
    expect(worker.version).toBe(MIGRATIONS.length + 1);
    expect(() => page.transaction('secrets')).toThrow();
  });
});

describe('applySync and clearCache', () => {
  it('replaces the synced stores on a full answer but keeps pinned fingerprints', async () => {
    const db = await openCache();
    const stale = secret({ name: 'Gone after full sync' });
    await db.put('secrets', stale);
    await db.put('pins', { key: 'user:x', kind: 'user', id: 'x', fingerprint: 'f', pinnedAt: 'now' });
    const fresh = secret({ name: 'Fresh' });
    await applySync(db, syncResponse({ full: true, cursor: '10', secrets: [fresh], users: [directoryUser()] }), owner);
    const snap = await readSnapshot(db);
    expect(snap.secrets.map((s) => s.name)).toEqual(['Fresh']);
    expect(snap.meta).toMatchObject({ cursor: '10', userId: ALICE.id });
    expect(await db.count('pins')).toBe(1);
  });

  it('drops a cached access list when its secret’s access revision moves, and keeps it otherwise', async () => {
    const db = await openCache();
    const [a, b] = [secret(), secret()];
    for (const s of [a, b])
      await db.put('access', {
        secretId: s.id,
        accessRevision: 1,
        list: { secretId: s.id, accessRevision: 1, owner: ALICE, entries: [] },
        fetchedAt: 'now',
      });
    await applySync(
      db,
      syncResponse({
        secrets: [
          { ...a, accessRevision: 2, shared: true },
          { ...b, name: 'Renamed' },
        ],
      }),
      owner,
    );
    expect(await db.get('access', a.id)).toBeUndefined();
    expect(await db.get('access', b.id)).toBeDefined();
  });

  it('sign-out leaves every store empty', async () => {
    const db = await openCache();
    await applySync(
      db,
      syncResponse({ full: true, secrets: [secret()], groups: [group()], users: [directoryUser()] }),
      owner,
    );
    await db.put('pins', { key: 'user:x', kind: 'user', id: 'x', fingerprint: 'f', pinnedAt: 'now' });
    await clearCache(db);
    expect(Object.values(await countRecords(db)).every((n) => n === 0)).toBe(true);
  });

  it('never holds a client secret: the secrets store keeps exactly the contract’s summary', async () => {
    const db = await openCache();
    await applySync(db, syncResponse({ full: true, secrets: [secret()] }), owner);
    const raw = await openDB('vaultshare-cache');
    const [stored] = await raw.getAll('secrets');
    expect(Object.keys(stored)).not.toContain('clientSecret');
    expect(Object.keys(stored)).not.toContain('value');
    raw.close();
  });
});

describe('reading the secrets a page at a time', () => {
  it('returns every secret once, whatever the page size, as one read would', async () => {
    const db = await openCache();
    await clearCache(db);
    const secrets = Array.from({ length: 23 }, (_, i) => secret({ name: `Paged ${i}` }));
    for (const s of secrets) await db.put('secrets', s);
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
    for (const page of [1, 5, 23, 24, 500]) expect(ids(await readSecretsInPages(db, page))).toEqual(ids(secrets));
    await clearCache(db);
    expect(await readSecretsInPages(db, 5)).toEqual([]);
  });

  it('gives the popup every secret and the sync bookkeeping when the cache holds more than a page', async () => {
    const db = await openCache();
    const secrets = Array.from({ length: 1203 }, (_, i) => secret({ name: `Snapshot ${i}` }));
    await applySync(db, syncResponse({ full: true, cursor: '77', secrets, users: [directoryUser()] }), owner);
    const snap = await readSnapshot(db);
    expect(snap.secrets.map((s) => s.name).sort()).toEqual(secrets.map((s) => s.name).sort());
    expect(snap.meta).toMatchObject({ cursor: '77', userId: ALICE.id });
  });
});
