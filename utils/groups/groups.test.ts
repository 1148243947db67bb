// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrant, fingerprintOf, generateKeyPair, isSigned, newGroupKeys, signGrant } from '@/utils/crypto';
import { pinKey } from '@/utils/cache';
import type { GroupView } from '@/utils/contract';
import { createSecret, draftFrom, type Unlocked } from '@/utils/secrets';
import { fetchAccess, shareRequest, shareSecrets, NO_CHANGES } from '@/utils/share';
import { snapshot, startTestServer, type TestServer } from '@/server/test/support/harness';
import { buildOrg } from '@/server/test/support/org';
import { groupKeyOf } from '@/server/test/support/requests';
import { unlockedAs } from '@/test/real-vault';
import { approveMember } from '@/utils/share/pending-members';
import { addMembers, removeMember, setManager } from './members';
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

  it('making a member a manager is signed; the new manager’s grants then carry that signed decision', async () => {
    const view = await setManager(alice, g.id, org.bob.userId, true);
    expect(view.members?.find((m) => m.user.id === org.bob.userId)?.manager).toBe(true);
    // bob, now a manager, grants carol the key: carol's view names alice's signed decision next to bob
    await org.bob.addMember(g.id, await groupKeyOf(org.bob, g.id), org.carol.me());
    const carols = (await org.carol.call<GroupView>('GET', `/v1/groups/${g.id}`)).body;
    expect(carols.myGrantSigner).toMatchObject({
      id: org.bob.userId,
      managerProof: { by: { id: alice.me.userId }, signature: expect.any(String) },
    });
    const back = await setManager(alice, g.id, org.bob.userId, false);
    expect(back.members?.find((m) => m.user.id === org.bob.userId)?.manager).toBe(false);
    await removeMember(alice, g.id, org.carol.userId);
  });

  describe("a manager's own group-key grant replaced on the server", () => {
    let saved: { grant: string | null; publicKey: string };
    const myRow = () =>
      s.store.db
        .selectFrom('group_members')
        .select('grant')
        .where('group_id', '=', g.id)
        .where('user_id', '=', alice.me.userId)
        .executeTakeFirstOrThrow();
    beforeAll(async () => {
      saved = { grant: (await myRow()).grant, publicKey: g.publicKey };
      // dave waits for approval, as if an administrator's tool had added him
      await s.store.db
        .insertInto('group_members')
        .values({
          group_id: g.id,
          user_id: org.dave.userId,
          is_member: 1,
          is_manager: 0,
          grant: null,
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    afterAll(async () => {
      await s.store.db.updateTable('groups').set({ public_key: saved.publicKey }).where('id', '=', g.id).execute();
      await s.store.db
        .updateTable('group_members')
        .set({ grant: saved.grant })
        .where('group_id', '=', g.id)
        .where('user_id', '=', alice.me.userId)
        .execute();
    });

    /** The server swaps the group's key pair for one it made, and gives alice a grant of it. */
    async function substitute(sign: 'unsigned' | 'bob') {
      const fake = await newGroupKeys();
      const plain = await createGrant(
        {
          subjectKind: 'group',
          subjectId: g.id,
          recipientKind: 'user',
          recipientId: alice.me.userId,
          recipientPublicKey: alice.me.publicKey,
        },
        fake.privateKeyPkcs8,
      );
      const grant =
        sign === 'unsigned'
          ? plain
          : await signGrant(plain, { subjectKind: 'group', subjectId: g.id }, 1, {
              id: org.bob.userId,
              signingKey: org.bob.signingKey!,
            });
      await s.store.db.updateTable('groups').set({ public_key: fake.publicKey }).where('id', '=', g.id).execute();
      await s.store.db
        .updateTable('group_members')
        .set({ grant: JSON.stringify(grant) })
        .where('group_id', '=', g.id)
        .where('user_id', '=', alice.me.userId)
        .execute();
    }

    it.each([
      [
        'an unsigned grant, though this device opened it signed before',
        'unsigned' as const,
        'The key for the group “Release managers” is not signed, though this device has seen it signed before. The server may have replaced it; nothing was opened.',
      ],
      [
        'a grant signed by a member who is not a manager',
        'bob' as const,
        'The key for the group “Release managers” was signed by Bob Tester (bob), who is not a manager of it. Nothing was opened.',
      ],
    ])('%s: approving and adding are refused with a message, and nothing is written', async (_what, how, message) => {
      await substitute(how);
      const before = await snapshot(s);
      await expect(approveMember(alice, g.id, org.dave.userId)).rejects.toMatchObject({
        code: 'untrusted_grant',
        detail: message,
      });
      await expect(addMembers(alice, g.id, [asMember(org.erin)])).rejects.toMatchObject({ code: 'untrusted_grant' });
      expect(await snapshot(s)).toEqual(before);
    });
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
