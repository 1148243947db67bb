import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessList, GroupView } from '../../utils/contract';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { groupKeyOf } from './support/requests';

/**
 * Who sees a group's members: its managers always; its members when the group lets them; anyone who sees a
 * user group that lets members view it. Everyone else who can view a secret shared with the group sees its
 * name, kind and member count only, and a hidden group's members do not see its description either.
 */
describe.each(dialects)('group member visibility on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let hidden: { id: string; publicKey: string };
  let secretId: string;

  const groupLine = async (who: keyof typeof org & string, groupId: string) => {
    const c = org[who as 'alice'];
    const r = await c.call<AccessList>('GET', `/v1/secrets/${secretId}/access`);
    expect(r.status).toBe(200);
    return r.body.entries.find((e) => e.recipientId === groupId)!;
  };

  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    // bob's private group that keeps its member list to its managers, with carol in it
    const g = await org.bob.createPrivateGroup('Night shift');
    hidden = { id: g.view.id, publicKey: g.view.publicKey };
    expect(
      (await org.bob.call('PATCH', `/v1/groups/${hidden.id}`, { description: 'Who covers the night' })).status,
    ).toBe(200);
    await org.bob.addMember(hidden.id, await groupKeyOf(org.bob, hidden.id), org.carol.me());
    // bob shares a secret with the group, with Ops (a user group) and directly with dave
    secretId = (await org.bob.createSecret({ name: 'Night pager', clientSecret: 'night-secret' })).id;
    await org.bob.share(secretId, [
      { kind: 'group', id: hidden.id, publicKey: hidden.publicKey },
      { kind: 'group', id: org.ops.id, publicKey: org.ops.publicKey },
      org.dave.me(),
    ]);
  });
  afterAll(() => s?.close());

  it("a viewer outside a hidden group sees its name, kind and count, never its members' names", async () => {
    const line = await groupLine('dave', hidden.id);
    expect(line).toMatchObject({ name: 'Night shift', groupKind: 'private', memberCount: 1, members: null });
    expect(JSON.stringify(line)).not.toMatch(/carol/i);
  });

  it('a member of a hidden group sees neither its members nor its description', async () => {
    expect(await groupLine('carol', hidden.id)).toMatchObject({ memberCount: 1, members: null });
    const view = (await org.carol.call<GroupView>('GET', `/v1/groups/${hidden.id}`)).body;
    expect(view.members).toBeUndefined();
    expect(view.description).toBe('');
    expect(view.name).toBe('Night shift');
  });

  it('its manager sees the members and the description', async () => {
    expect((await groupLine('bob', hidden.id)).members?.map((m) => m.name)).toEqual(['Carol Tester']);
    expect((await org.bob.call<GroupView>('GET', `/v1/groups/${hidden.id}`)).body).toMatchObject({
      description: 'Who covers the night',
      members: [expect.objectContaining({ user: expect.objectContaining({ name: 'Carol Tester' }) })],
    });
  });

  it('once the group lets members view it, its members see them; outsiders still see only the count', async () => {
    expect((await org.bob.call('PATCH', `/v1/groups/${hidden.id}`, { membersCanView: true })).status).toBe(200);
    expect((await groupLine('carol', hidden.id)).members?.map((m) => m.name)).toEqual(['Carol Tester']);
    expect((await org.carol.call<GroupView>('GET', `/v1/groups/${hidden.id}`)).body.description).toBe(
      'Who covers the night',
    );
    expect(await groupLine('dave', hidden.id)).toMatchObject({ memberCount: 1, members: null });
    expect((await org.bob.call('PATCH', `/v1/groups/${hidden.id}`, { membersCanView: false })).status).toBe(200);
  });

  it("a user group's members are listed to everyone who sees the secret", async () => {
    for (const who of ['dave', 'carol', 'bob'] as const) {
      const line = await groupLine(who, org.ops.id);
      expect(line.members?.map((m) => m.name).sort(), who).toEqual(['Carol Tester', 'Erin Tester', 'Frank Tester']);
    }
  });
});
