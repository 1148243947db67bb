import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { ALICE, directoryUser, group, secret, syncResponse } from '@/test/fixtures';
import {
  MIGRATIONS,
  applySync,
  clearCache,
  countRecords,
  NAMED_CHANGES_MAX,
  openCache,
  patchSnapshot,
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

describe('an incremental sync names what it changed, and a page patches its list with it', () => {
  it('names the secrets of an incremental pass up to the cap, and none of a full one or of a larger pass', async () => {
    const db = await openCache();
    const [a, b] = [secret(), secret()];
    const full = await applySync(db, syncResponse({ full: true, secrets: [a, b] }), owner);
    expect(full.ids).toBeUndefined();
    const small = await applySync(db, syncResponse({ secrets: [{ ...a, name: 'A2' }], removedSecrets: [b.id] }), owner);
    expect(small).toMatchObject({ upserted: 1, removed: 1, ids: { upserted: [a.id], removed: [b.id] } });
    const many = Array.from({ length: NAMED_CHANGES_MAX + 1 }, () => secret());
    const large = await applySync(db, syncResponse({ secrets: many }), owner);
    expect(large).toMatchObject({ upserted: NAMED_CHANGES_MAX + 1 });
    expect(large.ids).toBeUndefined();
  });

  it('patches to exactly what a whole read gives: changed, removed, added, gone since, in key order', async () => {
    const db = await openCache();
    await clearCache(db);
    const secrets = Array.from({ length: 40 }, (_, i) => secret({ name: `Patched ${i}` }));
    await applySync(db, syncResponse({ full: true, secrets }), owner);
    const before = (await readSnapshot(db)).secrets;
    const [changed, removed, goneSince] = [before[3]!, before[17]!, before[30]!];
    const added = [secret({ name: 'New one' }), secret({ name: 'New two' })];
    const pass = await applySync(
      db,
      syncResponse({ secrets: [{ ...changed, name: 'Renamed' }, ...added, goneSince], removedSecrets: [removed.id] }),
      owner,
    );
    // Removed by a later pass before the page read it: named as upserted, absent from the cache.
    await applySync(db, syncResponse({ removedSecrets: [goneSince.id] }), owner);
    const patched = await patchSnapshot(db, before, pass.ids!);
    expect(patched).toEqual((await readSnapshot(db)).secrets);
    expect(patched.find((s) => s.id === changed.id)?.name).toBe('Renamed');
    expect(patched.map((s) => s.id)).not.toContain(removed.id);
    expect(patched.map((s) => s.id)).not.toContain(goneSince.id);
    expect(patched).toHaveLength(40 - 2 + 2);
    // Untouched secrets are the same objects: nothing else was read again.
    expect(patched.find((s) => s.id === before[0]!.id)).toBe(before[0]);
  });
});
