import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupView, SecretSummary } from '../../utils/contract';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { expectRefused } from './support/problems';
import { groupKeyOf } from './support/requests';

/**
 * What the extension's Groups view relies on: a private group's name is unique for its owner, members can be
 * made managers (who then find the group in their share search and add people), each member says who added
 * them, and an editor never learns from an identifier refusal that the owner has another API secret.
 */
describe.each(dialects)('private groups, managers and identifiers on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let crew: Awaited<ReturnType<Awaited<ReturnType<typeof buildOrg>>['alice']['createPrivateGroup']>>;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    crew = await org.alice.createPrivateGroup('Release managers');
  });
  afterAll(() => s?.close());

  const patchGroup = (who: typeof org.alice, id: string, body: object) =>
    who.call<GroupView>('PATCH', `/v1/groups/${id}`, body);
  const setRole = (who: typeof org.alice, userId: string, manager: boolean) =>
    who.setRole(crew.view.id, userId, manager);

  describe('a group name', () => {
    it("is unique among its owner's private groups, whatever the case: 409 group_name_taken, nothing created", async () => {
      const { body } = await org.alice.privateGroupBody('release MANAGERS');
      const p = await expectRefused(s, 409, 'group_name_taken', () => org.alice.call('POST', '/v1/groups', body));
      expect(p.detail).toContain('"release MANAGERS"');
    });

    it('may be used by another owner, whose group alice never finds', async () => {
      const bobs = await org.bob.createPrivateGroup('Release managers');
      expect(bobs.view.name).toBe('Release managers');
      const found = await org.alice.search('Release');
      expect(found.map((r) => r.id)).toEqual([crew.view.id]);
    });

    it("a rename onto another of the owner's names is refused; renaming to itself is fine", async () => {
      const other = await org.alice.createPrivateGroup('On-call');
      await expectRefused(s, 409, 'group_name_taken', () =>
        patchGroup(org.alice, other.view.id, { name: 'Release Managers' }),
      );
      expect((await patchGroup(org.alice, crew.view.id, { name: 'Release managers' })).status).toBe(200);
    });
  });

  describe('members and managers', () => {
    it('each member says who added them and when; a pending one says an administrator did', async () => {
      const view = await org.alice.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.bob.me());
      expect(view.members).toEqual([
        expect.objectContaining({
          user: expect.objectContaining({ username: 'bob' }),
          pending: false,
          manager: false,
          addedBy: expect.objectContaining({ username: 'alice' }),
          addedAt: expect.any(String),
        }),
      ]);
      const ops = (await org.frank.call<GroupView>('GET', `/v1/groups/${org.ops.id}`)).body;
      expect(ops.members?.find((m) => m.user.username === 'erin')).toMatchObject({ pending: true, addedBy: null });
    });

    it('a plain member cannot promote anyone (403); a stranger learns nothing (404); nothing changes', async () => {
      await expectRefused(s, 403, 'forbidden', () => setRole(org.bob, org.bob.userId, true));
      await expectRefused(s, 404, 'not_found', () => setRole(org.dave, org.bob.userId, true));
    });

    it("the owner's own role is not a member's to change, and a pending member cannot manage", async () => {
      await expectRefused(s, 404, 'not_found', () => setRole(org.alice, org.alice.userId, false));
      await expectRefused(s, 409, 'member_pending', () =>
        org.frank.call('PATCH', `/v1/groups/${org.ops.id}/members/${org.erin.userId}`, { manager: true }),
      );
    });

    it('a promoted member manages: finds the group in the share search even when hidden, and adds people', async () => {
      expect((await org.bob.search('Release')).map((r) => r.id)).not.toContain(crew.view.id);
      const view = (await setRole(org.alice, org.bob.userId, true)).body;
      expect(view.members?.find((m) => m.user.id === org.bob.userId)?.manager).toBe(true);
      const seen = (await org.bob.call<GroupView>('GET', `/v1/groups/${crew.view.id}`)).body;
      expect(seen).toMatchObject({ isManager: true, isMember: true });
      expect(seen.members?.length).toBe(1);
      expect((await org.bob.search('Release')).map((r) => r.id)).toContain(crew.view.id);
      const added = await org.bob.addMember(crew.view.id, await groupKeyOf(org.bob, crew.view.id), org.carol.me());
      expect(added.members?.find((m) => m.user.id === org.carol.userId)?.addedBy?.username).toBe('bob');
    });

    it('but only the owner renames or disables it (403)', async () => {
      await expectRefused(s, 403, 'forbidden', () => patchGroup(org.bob, crew.view.id, { enabled: false }));
    });

    it('its managers see what members could read through it: by name what they see, a count of the rest', async () => {
      const ref = { kind: 'group' as const, id: crew.view.id, publicKey: crew.view.publicKey };
      const alices = await org.alice.createSecret({ name: 'Alice release key', clientSecret: 'a' });
      await org.alice.share(alices.id, [ref]);
      const bobs = await org.bob.createSecret({ name: 'Bob deploy key', clientSecret: 'b' });
      await org.bob.share(bobs.id, [ref]);
      const path = `/v1/groups/${crew.view.id}/secrets`;
      type Listed = { items: { name: string }[]; othersCount: number };
      // alice manages without being a member: bob's secret is not hers to read, so it is only counted
      expect((await org.alice.call<Listed>('GET', path)).body).toEqual({
        items: [expect.objectContaining({ name: 'Alice release key' })],
        othersCount: 1,
      });
      const asBob = (await org.bob.call<Listed>('GET', path)).body;
      expect(asBob.items.map((i) => i.name)).toEqual(['Alice release key', 'Bob deploy key']);
      expect(asBob.othersCount).toBe(0);
      await expectRefused(s, 403, 'forbidden', () => org.carol.call('GET', path));
      await expectRefused(s, 404, 'not_found', () => org.dave.call('GET', path));
    });

    it('made a plain member again, they no longer find a hidden group', async () => {
      expect((await setRole(org.alice, org.bob.userId, false)).status).toBe(200);
      expect((await org.bob.search('Release')).map((r) => r.id)).not.toContain(crew.view.id);
    });

    it('a disabled group is offered to nobody, not even its owner; enabled again, it is', async () => {
      expect((await patchGroup(org.alice, crew.view.id, { enabled: false })).body.enabled).toBe(false);
      expect((await org.alice.search('Release')).map((r) => r.id)).toEqual([]);
      expect((await patchGroup(org.alice, crew.view.id, { enabled: true })).body.enabled).toBe(true);
      expect((await org.alice.search('Release')).map((r) => r.id)).toEqual([crew.view.id]);
    });
  });

  describe('identifiers, unique per owner', () => {
    let secret: SecretSummary;
    beforeAll(async () => {
      await org.alice.createSecret({ name: 'Hidden payroll key', clientSecret: 'x', identifier: 'payroll' });
      secret = await org.alice.createSecret({ name: 'Shared billing key', clientSecret: 'y', identifier: 'billing' });
      await org.alice.share(secret.id, [{ ...org.carol.me(), canEdit: true }]);
    });
    const edit = async (who: typeof org.alice, body: object) =>
      who.call<SecretSummary>('PATCH', `/v1/secrets/${secret.id}`, {
        baseRevision: (await org.alice.get(secret.id)).revision,
        ...body,
      });

    it('an editor changing the identifier gets the same answer whether the owner uses it or not', async () => {
      const taken = await expectRefused(s, 403, 'identifier_owner_only', () =>
        edit(org.carol, { identifier: 'payroll' }),
      );
      const free = await expectRefused(s, 403, 'identifier_owner_only', () =>
        edit(org.carol, { identifier: 'unused-one' }),
      );
      expect(taken.detail).toBe(free.detail);
      expect(taken.detail).not.toMatch(/payroll|already/i);
    });

    it('an editor still edits the other fields, sending the identifier unchanged', async () => {
      const r = await edit(org.carol, { notes: 'rotated monthly', identifier: 'billing' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ notes: 'rotated monthly', identifier: 'billing' });
    });

    it('the owner, who sees all their secrets, is told their identifier is taken', async () => {
      await expectRefused(s, 409, 'identifier_taken', () => edit(org.alice, { identifier: 'payroll' }));
      expect((await edit(org.alice, { identifier: 'billing-eu' })).body.identifier).toBe('billing-eu');
    });
  });

  describe("who sees a hidden group's members, role by role", () => {
    type Line = { recipientId: string; members: { name: string }[] | null; memberCount: number };
    let hidden: string;
    let secretId: string;
    beforeAll(async () => {
      // alice's group that keeps its member list to its managers: dave in it; the secret also goes to bob
      // (Can edit) and carol (Can view) directly; frank is a stranger
      const g = await org.alice.createPrivateGroup('Payroll auditors');
      hidden = g.view.id;
      await org.alice.addMember(hidden, g.keys.privateKeyPkcs8, org.dave.me());
      secretId = (await org.alice.createSecret({ name: 'Payroll export', clientSecret: 'p' })).id;
      await org.alice.share(secretId, [
        { kind: 'group', id: hidden, publicKey: g.view.publicKey },
        { ...org.bob.me(), canEdit: true },
        org.carol.me(),
      ]);
    });

    it.each([
      ['alice', 'owner and manager', 200, ['Dave Tester']],
      ['bob', 'editor', 200, null],
      ['carol', 'viewer', 200, null],
      ['dave', 'member of the hidden group', 200, null],
      ['frank', 'stranger', 404, undefined],
    ] as const)('%s (%s): access list %i, members %o', async (who, _role, status, members) => {
      const r = await org[who].call<{ entries: Line[] }>('GET', `/v1/secrets/${secretId}/access`);
      expect(r.status).toBe(status);
      if (status !== 200) return expect(JSON.stringify(r.body)).not.toMatch(/Dave|Payroll/);
      const line = r.body.entries.find((e) => e.recipientId === hidden)!;
      expect(line.memberCount).toBe(1);
      expect(line.members?.map((m) => m.name) ?? null).toEqual(members);
      if (!members) expect(JSON.stringify(r.body)).not.toContain('Dave');
    });

    it.each([
      ['alice', 200, true],
      ['dave', 200, false],
      ['bob', 404, false],
      ['frank', 404, false],
    ] as const)('%s looks the group up: %i, members listed: %s', async (who, status, listed) => {
      const r = await org[who].call<GroupView>('GET', `/v1/groups/${hidden}`);
      expect(r.status).toBe(status);
      expect(!!(r.body as GroupView).members).toBe(listed);
    });
  });
});
