import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretSummary, SyncBatch } from '../../utils/contract';
import { invite } from '../src/services/accounts';
import { createGroupAsAdmin } from '../src/admin/user-groups';
import { FIRST_PAGE } from '../src/services/sync';
import { visibleSecrets } from '../src/services/visibility';
import { VaultClient } from './support/client';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';

const secretIds = (r: SyncBatch) => r.secrets.map((x) => x.id).sort();
const empty = { secrets: [], removedSecrets: [], groups: [], removedGroups: [], users: [] };

/** The change feed: a full answer first, then only what changed for this user, at a cost that follows the changes. */
describe.each(dialects)('sync on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let own: SecretSummary; // carol's
  let direct: SecretSummary; // alice's, shared with carol
  let viaOps: SecretSummary; // alice's, shared with Ops (carol is a member)
  let hidden: SecretSummary; // bob's, shared with nobody
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    own = await org.carol.createSecret({ name: 'Carol own', clientSecret: 'c' });
    direct = await org.alice.createSecret({ name: 'Alice to Carol', clientSecret: 'a' });
    await org.alice.share(direct.id, [org.carol.me()]);
    viaOps = await org.alice.createSecret({ name: 'Alice to Ops', clientSecret: 'o' });
    await org.alice.share(viaOps.id, [{ ...org.ops, canEdit: true }]);
    hidden = await org.bob.createSecret({ name: 'Bob private', clientSecret: 'b' });
  });
  afterAll(() => s?.close());

  it('the first call (no cursor, or "0") is full: everything the user can see, nothing else', async () => {
    for (const feed of [await org.carol.sync(), await org.carol.sync('0')]) {
      expect(feed.full).toBe(true);
      expect(feed.cursor).toMatch(/^\d+$/);
      expect(secretIds(feed)).toEqual([own.id, direct.id, viaOps.id].sort());
      expect(feed.secrets.find((x) => x.id === viaOps.id)!.permissions).toEqual({
        view: true,
        edit: true,
        share: false,
      });
      expect(feed.groups.map((g) => g.id)).toEqual([org.ops.id]);
      expect(feed.removedSecrets).toEqual([]);
    }
    expect(secretIds(await org.bob.sync())).toEqual([hidden.id]);
  });

  it('incremental after nothing happened: empty lists, the same cursor', async () => {
    const { cursor } = await org.carol.sync();
    const feed = await org.carol.sync(cursor);
    expect(feed).toEqual({ cursor, full: false, ...empty });
  });

  it('a share puts the secret in the recipient’s feed; an edit sends the changed summary; an unshare removes it', async () => {
    const secret = await org.alice.createSecret({ name: 'Shared later', clientSecret: 'v1' });
    let cursor = (await org.bob.sync()).cursor;

    await org.alice.share(secret.id, [org.bob.me()]);
    let feed = await org.bob.sync(cursor);
    expect(feed).toMatchObject({ full: false, removedSecrets: [] });
    expect(feed.secrets).toEqual([
      expect.objectContaining({
        id: secret.id,
        name: 'Shared later',
        shared: true,
        permissions: { view: true, edit: false, share: false },
      }),
    ]);
    cursor = feed.cursor;

    const revision = (await org.alice.get(secret.id)).revision;
    expect(
      (
        await org.alice.call('PATCH', `/v1/secrets/${secret.id}`, {
          baseRevision: revision,
          name: 'Renamed',
          tags: ['prod'],
        })
      ).status,
    ).toBe(200);
    feed = await org.bob.sync(cursor);
    expect(feed.secrets).toEqual([
      expect.objectContaining({ id: secret.id, name: 'Renamed', tags: ['prod'], revision: revision + 1 }),
    ]);
    expect(feed.removedSecrets).toEqual([]);
    cursor = feed.cursor;

    await org.alice.share(secret.id, []);
    feed = await org.bob.sync(cursor);
    expect(feed).toMatchObject({ full: false, secrets: [], removedSecrets: [secret.id] });
    cursor = feed.cursor;

    // what alice does with it afterwards is no longer bob's business: not even its id
    expect(
      (await org.alice.call('PATCH', `/v1/secrets/${secret.id}`, { baseRevision: revision + 1, name: 'After bob' }))
        .status,
    ).toBe(200);
    feed = await org.bob.sync(cursor);
    expect(feed).toEqual({ cursor: feed.cursor, full: false, ...empty });
  });

  it("never carries changes to secrets the user cannot see (another user's private changes)", async () => {
    const { cursor } = await org.dave.sync();
    const mine = await org.alice.createSecret({ name: 'Alice alone', clientSecret: 'private' });
    const rev = (await org.alice.get(mine.id)).revision;
    await org.alice.call('PATCH', `/v1/secrets/${mine.id}`, { baseRevision: rev, notes: 'edited' });
    await org.alice.call('POST', `/v1/secrets/${mine.id}/disable`, { baseRevision: rev + 1 });
    await org.alice.reveal(hidden.id).catch(() => undefined); // not hers: refused
    await org.alice.share(mine.id, [org.bob.me()]);
    await org.alice.share(mine.id, []);
    await org.bob.createSecret({ name: 'Bob again', clientSecret: 'b2' });
    const feed = await org.dave.sync(cursor);
    expect(Number(feed.cursor)).toBeGreaterThan(Number(cursor));
    expect(feed).toEqual({ cursor: feed.cursor, full: false, ...empty });
    expect(JSON.stringify(feed)).not.toContain(mine.id);
  });

  it('group changes never tell someone about secrets they could not open through the group', async () => {
    // erin is a pending member of Ops: she never held its key, so she never saw what is shared with it
    const cursor = (await org.erin.sync()).cursor;
    expect((await org.frank.call('DELETE', `/v1/groups/${org.ops.id}/members/${org.erin.userId}`)).status).toBe(200);
    let feed = await org.erin.sync(cursor);
    expect(feed.removedGroups).toEqual([org.ops.id]);
    expect(feed.removedSecrets).toEqual([]);
    expect(JSON.stringify(feed)).not.toContain(viaOps.id);

    // bob owns a private group without being a member: a member's secret shared with it is none of his business
    const den = await org.bob.createPrivateGroup('Den');
    await org.bob.call('PATCH', `/v1/groups/${den.view.id}`, { membersCanView: true });
    for (const m of [org.dave, org.frank]) await org.bob.addMember(den.view.id, den.keys.privateKeyPkcs8, m.me());
    const daves = await org.dave.createSecret({ name: 'Dave for the den', clientSecret: 'd' });
    await org.dave.share(daves.id, [{ kind: 'group', id: den.view.id, publicKey: den.view.publicKey }]);
    const cursors = { bob: (await org.bob.sync()).cursor, frank: (await org.frank.sync()).cursor };
    expect((await org.bob.call('PATCH', `/v1/groups/${den.view.id}`, { enabled: false })).status).toBe(200);
    // frank reached it only through the group: he is told it left his view
    const franks = await org.frank.sync(cursors.frank);
    expect(franks.removedSecrets).toEqual([daves.id]);
    expect((await org.bob.call('PATCH', `/v1/groups/${den.view.id}`, { enabled: true })).status).toBe(200);
    expect((await org.frank.sync(franks.cursor)).secrets.map((x) => x.id)).toEqual([daves.id]);
    feed = await org.bob.sync(cursors.bob);
    expect(feed.groups.map((g) => g.id)).toEqual([den.view.id]);
    expect(feed.secrets).toEqual([]);
    expect(feed.removedSecrets).toEqual([]);
  });

  it('a group change reaches its members: added to a private group, then leaving a user group', async () => {
    let cursor = (await org.carol.sync()).cursor;
    const crew = await org.bob.createPrivateGroup('Sync crew');
    const bobsSecret = await org.bob.createSecret({ name: 'For the crew', clientSecret: 'crew' });
    await org.bob.share(bobsSecret.id, [{ kind: 'group', id: crew.view.id, publicKey: crew.view.publicKey }]);
    expect(await org.carol.sync(cursor)).toEqual({ cursor: expect.any(String), full: false, ...empty });

    await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.carol.me());
    let feed = await org.carol.sync(cursor);
    expect(feed.groups.map((g) => [g.id, g.isMember])).toEqual([[crew.view.id, true]]);
    expect(secretIds(feed)).toEqual([bobsSecret.id]);
    cursor = feed.cursor;

    const left = await org.carol.call('DELETE', `/v1/groups/${org.ops.id}/members/${org.carol.userId}`);
    expect(left.status).toBe(200);
    feed = await org.carol.sync(cursor);
    expect(feed.removedGroups).toEqual([org.ops.id]);
    expect(feed.removedSecrets).toEqual([viaOps.id]);
    expect(feed.secrets).toEqual([]);
    expect(secretIds(await org.carol.sync())).not.toContain(viaOps.id);
  });

  it('a newly enrolled user appears in everyone else’s directory changes (an invitation alone does not)', async () => {
    const cursors = { alice: (await org.alice.sync()).cursor, dave: (await org.dave.sync()).cursor };
    const { code } = await invite(s.services, { username: 'gwen', name: 'Gwen Newcomer', email: 'gwen@example.com' });
    expect((await org.alice.sync(cursors.alice)).users).toEqual([]);
    const gwen = await new VaultClient(s.url, 'gwen').enroll(code);
    for (const [who, c] of [
      [org.alice, cursors.alice],
      [org.dave, cursors.dave],
    ] as const) {
      const feed = await who.sync(c);
      expect(feed.users).toEqual([
        {
          kind: 'user',
          id: gwen.userId,
          name: 'Gwen Newcomer',
          username: 'gwen',
          email: 'gwen@example.com',
          publicKey: gwen.publicKey,
          fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
          signingPublicKey: expect.any(String),
          signingFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ]);
      expect(feed.secrets).toEqual([]);
    }
  });

  it('a cursor beyond the end gets a full answer', async () => {
    const { cursor } = await org.carol.sync();
    const feed = await org.carol.sync(String(Number(cursor) + 1000));
    expect(feed.full).toBe(true);
    expect(feed.cursor).toBe(cursor);
    expect(secretIds(feed)).toContain(own.id);
  });

  it('costs what changed, not what exists: 1 change among 300 secrets → exactly 1 secret', async () => {
    const { code } = await invite(s.services, { username: 'uma', name: 'Uma Many', email: 'uma@example.com' });
    const uma = await new VaultClient(s.url, 'uma').enroll(code);
    const made: SecretSummary[] = [];
    for (let i = 0; i < 300; i += 25)
      made.push(
        ...(await Promise.all(
          Array.from({ length: 25 }, (_, k) => uma.createSecret({ name: `Bulk ${i + k}`, clientSecret: `v${i + k}` })),
        )),
      );
    const full = await uma.sync();
    expect(full.secrets).toHaveLength(300);

    const target = made[137]!;
    await uma.call('PATCH', `/v1/secrets/${target.id}`, { baseRevision: target.revision, name: 'Bulk 137 renamed' });
    const feed = await uma.sync(full.cursor);
    expect(feed.full).toBe(false);
    expect(feed.secrets.map((x) => [x.id, x.name])).toEqual([[target.id, 'Bulk 137 renamed']]);
    expect(feed.removedSecrets).toEqual([]);
    // the server read one change row for her, not 300 secrets
    const rows = await s.store.db
      .selectFrom('changes')
      .select('entity_id')
      .where('user_id', '=', uma.userId)
      .where('seq', '>', Number(full.cursor))
      .execute();
    expect(rows).toEqual([{ entity_id: target.id }]);
  }, 120_000); // 300 secrets made and signed one by one: time on a shared machine, not what is measured

  it('a first load comes in pages: every visible secret once, people named once, each page with the first cursor', async () => {
    // More than a page of carol's secrets, copied in the database from one made through the API: the test is
    // about paging, and creating hundreds through the API would only measure the machine.
    const model = await s.store.db.selectFrom('secrets').selectAll().where('id', '=', own.id).executeTakeFirstOrThrow();
    const copies = Array.from({ length: FIRST_PAGE + 5 }, (_, i) => ({
      ...model,
      id: randomUUID(),
      name: `Page ${String(i).padStart(3, '0')}`,
    }));
    for (let i = 0; i < copies.length; i += 100)
      await s.store.db
        .insertInto('secrets')
        .values(copies.slice(i, i + 100))
        .execute();
    // Reachable twice, directly (view) and through a group (edit): one summary, with the better permission.
    const pagers = await createGroupAsAdmin(s.services, { name: 'Pagers', managers: ['frank'], members: ['carol'] });
    await org.frank.approve(pagers.id, org.carol.me()); // pending until a manager approves her (VEP/2)
    const key = await s.store.db
      .selectFrom('groups')
      .select('public_key')
      .where('id', '=', pagers.id)
      .executeTakeFirstOrThrow();
    const both = await org.alice.createSecret({ name: 'Both ways', clientSecret: 'b' });
    await org.alice.share(both.id, [
      org.carol.me(),
      { kind: 'group', id: pagers.id, publicKey: key.public_key, canEdit: true },
    ]);
    const first = await org.carol.syncPage();
    expect(first).toMatchObject({ full: true, next: expect.any(String) });
    expect(first.secrets).toHaveLength(FIRST_PAGE);
    expect(new Set(first.people.map((p) => p.id)).size).toBe(first.people.length);
    const ids = first.secrets.map((x) => x.id);
    let page = first;
    while (page.next) {
      page = await org.carol.syncPage({ page: page.next });
      expect(page).toMatchObject({ full: false, cursor: first.cursor, groups: [] });
      ids.push(...page.secrets.map((x) => x.id));
    }
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids.sort()).toEqual([...(await visibleSecrets(s.store.db, org.carol.userId)).keys()].sort());
    const gathered = await org.carol.sync();
    expect(gathered.secrets.find((x) => x.id === both.id)).toMatchObject({
      owner: { id: org.alice.userId, name: expect.any(String) },
      permissions: { view: true, edit: true, share: false },
    });
  });

  it('refuses a page token that is not one', async () => {
    expect((await org.carol.call('GET', '/v1/sync?page=12.x')).status).toBe(400);
  });

  it('a summary names the first two on its list, users first, by id on the wire: each person and group named once per page', async () => {
    const a = await org.alice.createSecret({ name: 'Named A', clientSecret: 'a' });
    const b = await org.alice.createSecret({ name: 'Named B', clientSecret: 'b' });
    const lone = await org.alice.createSecret({ name: 'Named none', clientSecret: 'n' });
    await org.alice.share(a.id, [org.ops, org.bob.me()]);
    await org.alice.share(b.id, [org.ops, org.bob.me(), org.carol.me()]);
    const bob = { kind: 'user', id: org.bob.userId, name: 'Bob Tester' };
    const ops = { kind: 'group', id: org.ops.id, name: 'Ops' };

    expect((await org.alice.get(a.id)).access).toEqual({ users: 1, groups: 1, named: [bob, ops] });
    const feed = await org.alice.sync();
    const named = (id: string) => feed.secrets.find((x) => x.id === id)!.access;
    expect(named(a.id)).toEqual({ users: 1, groups: 1, named: [bob, ops] });
    expect(named(b.id)).toEqual({
      users: 2,
      groups: 1,
      named: [bob, { kind: 'user', id: org.carol.userId, name: 'Carol Tester' }],
    });
    expect(named(lone.id)).toEqual({ users: 0, groups: 0, named: [] });

    const page = await org.alice.syncPage();
    const wire = (id: string) => page.secrets.find((x) => x.id === id)!;
    expect(wire(a.id).access).toEqual({ users: 1, groups: 1, named: [org.bob.userId, org.ops.id] });
    expect(wire(lone.id).access).toEqual({ users: 0, groups: 0 });
    expect(page.people.filter((p) => p.id === org.bob.userId)).toHaveLength(1);
    expect(page.groupRefs.filter((g) => g.id === org.ops.id)).toEqual([{ id: org.ops.id, name: 'Ops' }]);

    // A recipient's feed names the same two, in the same order.
    expect((await org.bob.sync()).secrets.find((x) => x.id === a.id)!.access.named).toEqual([bob, ops]);
    await org.alice.share(a.id, []);
    expect((await org.alice.get(a.id)).access).toEqual({ users: 0, groups: 0, named: [] });
  });

  it('last use says who: the reveal names its user to everyone who sees the secret, in their next incremental sync', async () => {
    const secret = await org.alice.createSecret({ name: 'Used by Bob', clientSecret: 'u' });
    await org.alice.share(secret.id, [org.bob.me()]);
    expect((await org.alice.get(secret.id)).lastUsedBy).toBeNull();
    expect(Object.keys((await org.alice.syncPage()).secrets.find((x) => x.id === secret.id)!)).not.toContain(
      'lastUsedById',
    );
    const { cursor } = await org.alice.sync();

    await org.bob.reveal(secret.id);
    const feed = await org.alice.sync(cursor);
    const seen = feed.secrets.find((x) => x.id === secret.id)!;
    expect(seen.lastUsedBy).toEqual({ id: org.bob.userId, name: 'Bob Tester', username: 'bob' });
    expect(seen.lastUsedAt).not.toBeNull();
    expect((await org.bob.get(secret.id)).lastUsedBy?.id).toBe(org.bob.userId);

    // The same person again the same day changes nothing anyone sees but the time: no change for the feed.
    await org.bob.reveal(secret.id);
    expect((await org.alice.sync(feed.cursor)).secrets).toEqual([]);
    await org.alice.reveal(secret.id);
    expect((await org.bob.sync()).secrets.find((x) => x.id === secret.id)!.lastUsedBy?.id).toBe(org.alice.userId);
  });
});
