import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupView, RevealResponse, SecretSummary } from '../../utils/contract';
import { fingerprintOf } from '../../utils/crypto';
import type { VaultClient } from './support/client';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { expectProblem, expectRefused } from './support/problems';
import { groupKeyOf } from './support/requests';

type GroupList = { groups: GroupView[] };

/**
 * Private groups (owned by a user, who manages them) and user groups (with a pending member that a
 * manager's client completes): who holds the group key is who reaches what is shared with the group.
 */
describe.each(dialects)('groups on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let crew: { view: GroupView; keys: { privateKeyPkcs8: Uint8Array; publicKey: string } };
  let crewRef: { kind: 'group'; id: string; publicKey: string };
  let shared: SecretSummary; // bob's, shared with his crew
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
  });
  afterAll(() => s?.close());

  const ids = async (c: VaultClient) => (await c.list()).map((x) => x.id);
  const revealStatus = async (c: VaultClient, id: string) => (await c.call('POST', `/v1/secrets/${id}/reveal`)).status;
  const group = (c: VaultClient, id: string) => c.call<GroupView>('GET', `/v1/groups/${id}`);
  const addCarol = () => org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.carol.me());

  describe('a private group', () => {
    it('is created with its owner as manager, not member', async () => {
      crew = await org.bob.createPrivateGroup("Bob's crew");
      crewRef = { kind: 'group', id: crew.view.id, publicKey: crew.view.publicKey };
      expect(crew.view).toMatchObject({
        kind: 'private',
        name: "Bob's crew",
        enabled: true,
        membersCanView: false,
        owner: { username: 'bob' },
        isManager: true,
        isMember: false,
        memberCount: 0,
        members: [],
        myGrant: { recipientKind: 'user', recipientId: org.bob.userId },
      });
      expect(crew.view.fingerprint).toBe(await fingerprintOf(crew.keys.publicKey));
      expect((await org.bob.call<GroupList>('GET', '/v1/groups')).body.groups.map((g) => g.id)).toContain(crew.view.id);
      // the owner holds the key (to add members) but is not a member: what is shared with the group is not theirs
      expect(await groupKeyOf(org.bob, crew.view.id)).toEqual(crew.keys.privateKeyPkcs8);
    });

    it('gains a member through a grant; the member opens what is shared with the group', async () => {
      const view = await addCarol();
      expect(view.memberCount).toBe(1);
      expect(view.members).toEqual([
        expect.objectContaining({
          user: expect.objectContaining({ username: 'carol' }),
          pending: false,
          publicKey: org.carol.publicKey,
        }),
      ]);
      const carolsView = (await group(org.carol, crew.view.id)).body;
      expect(carolsView).toMatchObject({
        isMember: true,
        isManager: false,
        myGrant: { recipientId: org.carol.userId },
      });

      shared = await org.bob.createSecret({ name: 'Crew database', clientSecret: 'crew-db-password' });
      await org.bob.share(shared.id, [crewRef]);
      expect(await ids(org.carol)).toContain(shared.id);
      expect((await org.carol.get(shared.id)).permissions).toEqual({ view: true, edit: false, share: false });
      const r = await org.carol.call<RevealResponse>('POST', `/v1/secrets/${shared.id}/reveal`);
      expect(r.body.keyPath).toMatchObject({ via: 'group', groupId: crew.view.id });
      expect(await org.carol.reveal(shared.id)).toBe('crew-db-password');
      expect(await ids(org.dave)).not.toContain(shared.id);
      expect(await revealStatus(org.dave, shared.id)).toBe(404);
    });

    it('its owner sees what members share with it only after adding themselves', async () => {
      // members may share with the group once the owner lets them view it
      const closed = await org.carol.createSecret({ name: 'Carol closed', clientSecret: 'x' });
      const body = await org.carol.accessBody(closed.id, 1, [crewRef]);
      await expectRefused(s, 422, 'unknown_recipient', () =>
        org.carol.call('PUT', `/v1/secrets/${closed.id}/access`, body),
      );
      expect(
        (await org.bob.call<GroupView>('PATCH', `/v1/groups/${crew.view.id}`, { membersCanView: true })).body
          .membersCanView,
      ).toBe(true);
      const carols = await org.carol.createSecret({ name: 'Carol for the crew', clientSecret: 'carol-crew-value' });
      await org.carol.share(carols.id, [crewRef]);

      expect(await ids(org.bob)).not.toContain(carols.id);
      expect(await revealStatus(org.bob, carols.id)).toBe(404);
      const view = await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.bob.me());
      expect(view).toMatchObject({ isManager: true, isMember: true, memberCount: 2 });
      expect(await ids(org.bob)).toContain(carols.id);
      expect(await org.bob.reveal(carols.id)).toBe('carol-crew-value');
    });

    it('removing a member takes the access away: list, reveal, sync; their group grant is deleted', async () => {
      const cursor = (await org.carol.sync()).cursor;
      const view = (await org.bob.call<GroupView>('DELETE', `/v1/groups/${crew.view.id}/members/${org.carol.userId}`))
        .body;
      expect(view.members!.map((m) => m.user.username)).toEqual(['bob']);
      expect(await ids(org.carol)).not.toContain(shared.id);
      expect(await revealStatus(org.carol, shared.id)).toBe(404);
      const feed = await org.carol.sync(cursor);
      expect(feed.removedSecrets).toContain(shared.id);
      expect(feed.removedGroups).toContain(crew.view.id);
      expect(feed.secrets.map((x) => x.id)).not.toContain(shared.id);
      expect((await org.carol.sync()).secrets.map((x) => x.id)).not.toContain(shared.id);
      expectProblem(await group(org.carol, crew.view.id), 404, 'not_found');
      const row = await s.store.db
        .selectFrom('group_members')
        .selectAll()
        .where('group_id', '=', crew.view.id)
        .where('user_id', '=', org.carol.userId)
        .executeTakeFirst();
      expect(row).toBeUndefined();
    });

    it('a member may leave by themselves, and loses access', async () => {
      await addCarol();
      expect(await org.carol.reveal(shared.id)).toBe('crew-db-password');
      const left = await org.carol.call<GroupView>('DELETE', `/v1/groups/${crew.view.id}/members/${org.carol.userId}`);
      expect(left.status).toBe(200);
      expect(left.body).toMatchObject({ id: crew.view.id, isMember: false, myGrant: null });
      expect(JSON.stringify(left.body)).not.toContain(org.bob.publicKey); // no member list for someone outside
      expect(await ids(org.carol)).not.toContain(shared.id);
      expect(await revealStatus(org.carol, shared.id)).toBe(404);
      expect((await group(org.bob, crew.view.id)).body.members!.map((m) => m.user.username)).toEqual(['bob']);
    });

    it('disabled: its members lose access and it cannot be shared with; enabled again: access returns', async () => {
      await addCarol();
      expect(await ids(org.carol)).toContain(shared.id);
      const cursor = (await org.carol.sync()).cursor;
      expect(
        (await org.bob.call<GroupView>('PATCH', `/v1/groups/${crew.view.id}`, { enabled: false })).body.enabled,
      ).toBe(false);
      expect(await ids(org.carol)).not.toContain(shared.id);
      expect(await revealStatus(org.carol, shared.id)).toBe(404);
      expect((await org.carol.sync(cursor)).removedSecrets).toContain(shared.id);

      const another = await org.bob.createSecret({ name: 'Not for a disabled group', clientSecret: 'y' });
      await expectRefused(s, 422, 'group_disabled', async () =>
        org.bob.call('PUT', `/v1/secrets/${another.id}/access`, await org.bob.accessBody(another.id, 1, [crewRef])),
      );

      expect(
        (await org.bob.call<GroupView>('PATCH', `/v1/groups/${crew.view.id}`, { enabled: true })).body.enabled,
      ).toBe(true);
      expect(await org.carol.reveal(shared.id)).toBe('crew-db-password');
    });

    it('a stranger cannot see it, nor change it (404, nothing learnt, nothing changed)', async () => {
      const id = crew.view.id;
      const dave = org.dave;
      const grant = await dave.grant('group', id, dave.me(), new Uint8Array(32));
      for (const [method, path, body] of [
        ['GET', `/v1/groups/${id}`, undefined],
        ['PATCH', `/v1/groups/${id}`, { name: 'Taken over' }],
        ['POST', `/v1/groups/${id}/members`, { userId: dave.userId, grant }],
        ['DELETE', `/v1/groups/${id}/members/${org.carol.userId}`, undefined],
      ] as const) {
        const p = await expectRefused(s, 404, 'not_found', () => dave.call(method, path, body));
        expect(JSON.stringify(p)).not.toContain("Bob's crew");
      }
      expect((await dave.call<GroupList>('GET', '/v1/groups')).body.groups.map((g) => g.id)).not.toContain(id);
    });

    it('a member who is not a manager cannot add, remove or rename (403)', async () => {
      const key = await groupKeyOf(org.carol, crew.view.id); // carol holds the key, but is not a manager
      await expectRefused(s, 403, 'forbidden', async () =>
        org.carol.call('POST', `/v1/groups/${crew.view.id}/members`, {
          userId: org.dave.userId,
          grant: await org.carol.grant('group', crew.view.id, org.dave.me(), key),
        }),
      );
      await expectRefused(s, 403, 'forbidden', () =>
        org.carol.call('DELETE', `/v1/groups/${crew.view.id}/members/${org.bob.userId}`),
      );
      await expectRefused(s, 403, 'forbidden', () =>
        org.carol.call('PATCH', `/v1/groups/${crew.view.id}`, { name: 'Carol crew' }),
      );
    });
  });

  describe('a user group with a pending member', () => {
    let opsSecret: SecretSummary;
    it('the pending member reaches nothing until a manager completes their grant, then can reveal', async () => {
      opsSecret = await org.alice.createSecret({ name: 'Ops pager', clientSecret: 'pager-token' });
      await org.alice.share(opsSecret.id, [org.ops]);
      const cursor = (await org.erin.sync()).cursor;

      expect(await ids(org.erin)).not.toContain(opsSecret.id);
      expect(await revealStatus(org.erin, opsSecret.id)).toBe(404);
      expect((await group(org.erin, org.ops.id)).body).toMatchObject({ isMember: true, myGrant: null });
      const framesView = (await group(org.frank, org.ops.id)).body;
      expect(framesView.members!.map((m) => [m.user.username, m.pending])).toEqual([
        ['carol', false],
        ['erin', true],
        ['frank', false],
      ]);
      expect(await ids(org.carol)).toContain(opsSecret.id);

      const completed = await org.frank.addMember(org.ops.id, await groupKeyOf(org.frank, org.ops.id), org.erin.me());
      expect(completed.members!.find((m) => m.user.username === 'erin')).toMatchObject({ pending: false });
      expect(await org.erin.reveal(opsSecret.id)).toBe('pager-token');
      expect((await org.erin.sync(cursor)).secrets.map((x) => x.id)).toContain(opsSecret.id);
      const audit = await s.store.db
        .selectFrom('audit_events')
        .select(['action', 'actor_id', 'details'])
        .where('object_id', '=', org.ops.id)
        .where('action', '=', 'group.member_approved')
        .execute();
      // carol was approved when the organisation was built, erin now
      expect(audit.map((a) => [a.action, a.actor_id, JSON.parse(a.details).userId])).toEqual([
        ['group.member_approved', org.frank.userId, org.carol.userId],
        ['group.member_approved', org.frank.userId, org.erin.userId],
      ]);
    });

    it('a member who is not a manager cannot add members (403), even holding the key', async () => {
      const key = await groupKeyOf(org.carol, org.ops.id);
      await expectRefused(s, 403, 'forbidden', async () =>
        org.carol.call('POST', `/v1/groups/${org.ops.id}/members`, {
          userId: org.dave.userId,
          grant: await org.carol.grant('group', org.ops.id, org.dave.me(), key),
        }),
      );
      expect(await ids(org.dave)).not.toContain(opsSecret.id);
    });

    it('anyone may look a user group up, but only members and managers see its members', async () => {
      const r = await group(org.dave, org.ops.id);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ kind: 'user', isMember: false, isManager: false, myGrant: null });
      expect(r.body.members).toBeUndefined();
      // and its managers cannot rename it: user groups belong to the administrators
      await expectRefused(s, 403, 'forbidden', () =>
        org.frank.call('PATCH', `/v1/groups/${org.ops.id}`, { name: 'Frank ops' }),
      );
    });
  });
});
