// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf, generateKeyPair, isSigned } from '@/utils/crypto';
import { pinKey } from '@/utils/cache';
import type { GroupView } from '@/utils/contract';
import { createSecret, draftFrom, type Unlocked } from '@/utils/secrets';
import { fetchAccess, shareRequest, shareSecrets, NO_CHANGES } from '@/utils/share';
import { startTestServer, type TestServer } from '@/server/test/support/harness';
import { buildOrg } from '@/server/test/support/org';
import { groupKeyOf } from '@/server/test/support/requests';
import { unlockedAs } from '@/test/real-vault';
import { addMembers, removeMember } from './members';
import { createPrivateGroup } from './create';

// The worker's group logic against the real vault server: the group key is made and granted with the
// extension's crypto, and members open it with their own keys (the server's test client).
let s: TestServer;
let org: Awaited<ReturnType<typeof buildOrg>>;
let alice: Unlocked;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  org = await buildOrg(s);
  alice = await unlockedAs(org.alice, s.url);
});
afterAll(() => s?.close());

const asMember = (p: typeof org.bob) => ({ id: p.userId, name: p.username, publicKey: p.publicKey });

describe('private groups made in the worker', () => {
  let g: GroupView;
  it('creates the group with its key granted to the creator and each member, who open what is shared with it', async () => {
    g = await createPrivateGroup(alice, {
      name: 'Release managers',
      description: 'Ships on Thursdays',
      membersCanView: false,
      members: [asMember(org.bob)],
    });
    expect(g).toMatchObject({ name: 'Release managers', kind: 'private', isManager: true, memberCount: 1 });
    // VEP/2: every group-key grant the extension makes is signed by its maker (the server checks the signature)
    expect(isSigned(g.myGrant!) && g.myGrant.granterId).toBe(alice.me.userId);
    expect(g.members?.map((m) => [m.user.username, m.pending, m.signed])).toEqual([['bob', false, true]]);
    // bob holds the group key (his grant opens and matches the group's public key); alice too
    expect((await groupKeyOf(org.bob, g.id)).length).toBeGreaterThan(0);
    expect(await groupKeyOf(org.alice, g.id)).toEqual(await groupKeyOf(org.bob, g.id));
    // the member's key is pinned, as a share would pin it
    expect((await alice.db.get('pins', pinKey('user', org.bob.userId)))?.fingerprint).toBe(
      await fingerprintOf(org.bob.publicKey),
    );
    const secret = await createSecret(
      alice,
      draftFrom({ name: 'Deploy key', url: 'https://api.example.com', clientId: 'cid', clientSecret: 'sk_group' }),
    );
    const added = {
      kind: 'group' as const,
      id: g.id,
      name: g.name,
      username: null,
      email: null,
      groupKind: 'private' as const,
      memberCount: 1,
      publicKey: g.publicKey,
      canEdit: false,
    };
    await shareSecrets(alice, shareRequest([await fetchAccess(alice, secret.id)], { ...NO_CHANGES, added: [added] }));
    expect(await org.bob.reveal(secret.id)).toBe('sk_group');
  });

  it('adds a member later with a grant made from the key the manager opens', async () => {
    const view = await addMembers(alice, g.id, [asMember(org.carol)]);
    expect(view.members?.map((m) => m.user.username).sort()).toEqual(['bob', 'carol']);
    expect(view.members?.find((m) => m.user.username === 'carol')).toMatchObject({ pending: false, signed: true });
    expect(await groupKeyOf(org.carol, g.id)).toEqual(await groupKeyOf(org.alice, g.id));
  });

  it('a manager removing a member signs the removal, which the audit trail keeps', async () => {
    const view = await removeMember(alice, g.id, org.carol.userId);
    expect(view.members?.map((m) => m.user.username)).toEqual(['bob']);
    const audit = await s.store.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('object_id', '=', g.id)
      .where('action', '=', 'group.member_removed')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      { userId: org.carol.userId, signed: { at: expect.any(String), signature: expect.any(String) } },
    ]);
  });

  it('a member whose key changed since it was pinned stops the group before anything is sent', async () => {
    await alice.db.put('pins', {
      key: pinKey('user', org.dave.userId),
      kind: 'user',
      id: org.dave.userId,
      fingerprint: await fingerprintOf((await generateKeyPair()).publicKey),
      pinnedAt: new Date().toISOString(),
    });
    await expect(
      createPrivateGroup(alice, {
        name: 'Not made',
        description: '',
        membersCanView: false,
        members: [asMember(org.dave)],
      }),
    ).rejects.toMatchObject({ code: 'recipient_key_changed' });
    const names = (await alice.client.call('listGroups')).groups.map((x) => x.name);
    expect(names).not.toContain('Not made');
  });
});
