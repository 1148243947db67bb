// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGrant, fingerprintOf, generateKeyPair, newItemKey } from '@/utils/crypto';
import { pinKey } from '@/utils/cache';
import type { AccessList } from '@/utils/contract';
import { createSecret, revealSecret, updateSecret, draftFrom, type Unlocked } from '@/utils/secrets';
import { startTestServer, type TestServer } from '@/server/test/support/harness';
import { buildOrg } from '@/server/test/support/org';
import { recording, unlockedAs } from '@/test/real-vault';
import { fetchAccess } from './current';
import { approveMember, pendingApprovals, refuseMember } from './pending-members';
import { errorText } from '@/utils/vault/error-text';
import { shareRequest } from './plan';
import { shareSecrets } from './share';
import { NO_CHANGES, type PanelEntry, type ShareChanges } from './types';

// The worker's share logic against the real vault server: grants are made with the extension's crypto,
// and the recipients open them with their own keys (the server's test client), so a wrong grant fails.
let s: TestServer;
let org: Awaited<ReturnType<typeof buildOrg>>;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  org = await buildOrg(s);
});
afterAll(() => s?.close());

let alice: Unlocked;
beforeEach(async () => {
  alice = await unlockedAs(org.alice, s.url);
});

const newSecret = (u: Unlocked, clientSecret = 'sk_live_share_test') =>
  createSecret(
    u,
    draftFrom({ name: `Share test ${Math.random()}`, url: 'https://api.example.com', clientId: 'cid', clientSecret }),
  );
const person = (p: { userId: string; publicKey: string; username: string }, canEdit = false): PanelEntry => ({
  kind: 'user',
  id: p.userId,
  name: p.username,
  username: p.username,
  email: null,
  groupKind: null,
  memberCount: null,
  publicKey: p.publicKey,
  canEdit,
});
const adding = (...added: PanelEntry[]): ShareChanges => ({ ...NO_CHANGES, added });
const share = (u: Unlocked, lists: AccessList[], changes: ShareChanges, confirmed?: Record<string, string>) =>
  shareSecrets(u, shareRequest(lists, changes, confirmed));
const grantsIn = (body: unknown) => JSON.stringify(body).match(/"ephemeralPublicKey"/g)?.length ?? 0;

describe('shareSecrets (the worker, against a real vault server)', () => {
  it('grants the item key to a new recipient, who opens it with their own key', async () => {
    const secret = await newSecret(alice, 'sk_live_for_bob');
    const outcome = await share(alice, [await fetchAccess(alice, secret.id)], adding(person(org.bob)));
    expect(outcome).toMatchObject({
      ok: true,
      lists: [{ entries: [{ recipientId: org.bob.userId, canEdit: false }] }],
    });
    expect(await org.bob.reveal(secret.id)).toBe('sk_live_for_bob');
    expect((await alice.db.get('secrets', secret.id))?.shared).toBe(true); // the list shows Yes at once
  });

  it('sends grants for new recipients only; the others keep theirs', async () => {
    const secret = await newSecret(alice);
    await share(alice, [await fetchAccess(alice, secret.id)], adding(person(org.bob)));
    const { client, sent } = recording(alice.client);
    const withRecording = { ...alice, client };
    const list = await fetchAccess(withRecording, secret.id);
    await share(withRecording, [list], { ...adding(person(org.carol)), canEdit: { [`user:${org.bob.userId}`]: true } });
    const put = sent.find((c) => c.name === 'putAccess')!;
    expect(grantsIn(put.body)).toBe(1);
    expect(await org.bob.reveal(secret.id)).toBe('sk_live_share_test');
    expect(await org.carol.reveal(secret.id)).toBe('sk_live_share_test');
    expect((await org.alice.access(secret.id)).entries.map((e) => [e.name, e.canEdit])).toEqual([
      ['Bob Tester', true],
      ['Carol Tester', false],
    ]);
  });

  it('shares with a group: its members open the key through the group', async () => {
    const secret = await newSecret(alice, 'sk_group');
    const ops: PanelEntry = {
      kind: 'group',
      id: org.ops.id,
      name: 'Ops',
      username: null,
      email: null,
      groupKind: 'user',
      memberCount: 1,
      publicKey: org.ops.publicKey,
      canEdit: true,
    };
    await share(alice, [await fetchAccess(alice, secret.id)], adding(ops));
    expect(await org.carol.reveal(secret.id)).toBe('sk_group');
  });

  it('pins a recipient’s key at the first share', async () => {
    const secret = await newSecret(alice);
    await share(alice, [await fetchAccess(alice, secret.id)], adding(person(org.dave)));
    expect((await alice.db.get('pins', pinKey('user', org.dave.userId)))?.fingerprint).toBe(
      await fingerprintOf(org.dave.publicKey),
    );
  });

  it('refuses a key that differs from the pin, sending nothing, until the user confirms the new fingerprint', async () => {
    const secret = await newSecret(alice);
    await alice.db.put('pins', {
      key: pinKey('user', org.bob.userId),
      kind: 'user',
      id: org.bob.userId,
      fingerprint: await fingerprintOf((await generateKeyPair()).publicKey),
      pinnedAt: 'earlier',
    });
    const before = await fetchAccess(alice, secret.id);
    const refused = await share(alice, [before], adding(person(org.bob)));
    const current = await fingerprintOf(org.bob.publicKey);
    expect(refused).toEqual({
      ok: false,
      keyChanges: [expect.objectContaining({ key: `user:${org.bob.userId}`, current })],
    });
    expect((await org.alice.access(secret.id)).accessRevision).toBe(before.accessRevision);

    // Confirming another fingerprint than the one shown does not count.
    expect(
      await share(alice, [before], adding(person(org.bob)), { [`user:${org.bob.userId}`]: 'f'.repeat(64) }),
    ).toMatchObject({ ok: false });
    expect(
      await share(alice, [before], adding(person(org.bob)), { [`user:${org.bob.userId}`]: current }),
    ).toMatchObject({ ok: true });
    expect((await alice.db.get('pins', pinKey('user', org.bob.userId)))?.fingerprint).toBe(current);
  });

  it('refuses a list that someone else changed meanwhile (409), changing nothing', async () => {
    const secret = await newSecret(alice);
    const seen = await fetchAccess(alice, secret.id);
    await org.alice.share(secret.id, [{ ...org.dave.me() }]); // another device of alice's
    await expect(share(alice, [seen], adding(person(org.bob)))).rejects.toMatchObject({
      code: 'stale_access_revision',
    });
    expect((await org.alice.access(secret.id)).entries.map((e) => e.name)).toEqual(['Dave Tester']);
  });

  it('batch: applies to every secret in one request, or to none', async () => {
    const [a, b] = [await newSecret(alice, 'sk_a'), await newSecret(alice, 'sk_b')];
    const lists = [await fetchAccess(alice, a.id), await fetchAccess(alice, b.id)];
    const { client, sent } = recording(alice.client);
    expect(await share({ ...alice, client }, lists, adding(person(org.carol)))).toMatchObject({ ok: true });
    expect(sent.filter((c) => c.name === 'batchAccess')).toHaveLength(1);
    expect([await org.carol.reveal(a.id), await org.carol.reveal(b.id)]).toEqual(['sk_a', 'sk_b']);

    // The second list is stale on the server: the whole batch is refused, the first list untouched.
    const [c, d] = [await newSecret(alice), await newSecret(alice)];
    const both = [await fetchAccess(alice, c.id), await fetchAccess(alice, d.id)];
    await org.alice.share(d.id, [org.dave.me()]);
    await alice.db.delete('access', d.id); // so the worker asks the server rather than trusting the cache
    await alice.db.put('access', {
      secretId: d.id,
      accessRevision: both[1]!.accessRevision,
      list: both[1]!,
      fetchedAt: 'x',
    });
    const staleOnServer = recording(alice.client);
    await expect(
      share({ ...alice, client: staleOnServer.client }, both, adding(person(org.bob))),
    ).rejects.toMatchObject({ code: 'stale_access_revision' });
    expect(staleOnServer.sent.map((x) => x.name)).toContain('batchAccess');
    expect((await org.alice.access(c.id)).entries).toEqual([]);
  });

  it('says when a recipient no longer exists', async () => {
    const secret = await newSecret(alice);
    const ghost = {
      userId: '11111111-1111-4111-8111-111111111111',
      username: 'ghost',
      publicKey: (await generateKeyPair()).publicKey,
    };
    await expect(share(alice, [await fetchAccess(alice, secret.id)], adding(person(ghost)))).rejects.toMatchObject({
      code: 'unknown_recipient',
    });
  });

  it('refuses to reveal a value older than one this device has seen', async () => {
    const secret = await newSecret(alice, 'sk_v1');
    expect(await revealSecret(alice, secret.id)).toEqual({ clientSecret: 'sk_v1', verified: true });
    await alice.db.put('revisions', { secretId: secret.id, valueRevision: 2 });
    await expect(revealSecret(alice, secret.id)).rejects.toMatchObject({ code: 'old_value' });
  });

  it('edits the client secret at the next value revision, readable by those it is shared with', async () => {
    const secret = await newSecret(alice, 'sk_old');
    await share(alice, [await fetchAccess(alice, secret.id)], adding(person(org.bob)));
    const fresh = await alice.client.call('getSecret', { params: { id: secret.id } });
    const updated = await updateSecret(alice, {
      secretId: secret.id,
      baseRevision: fresh.revision,
      fields: { notes: 'rotated' },
      clientSecret: 'sk_new',
    });
    expect(updated).toMatchObject({ valueRevision: 2, notes: 'rotated' });
    expect(await org.bob.reveal(secret.id)).toBe('sk_new');
    expect(await alice.db.get('revisions', secret.id)).toEqual({ secretId: secret.id, valueRevision: 2 });
  });
});

describe('pending group members (a manager decides; nothing is granted on its own)', () => {
  it('lists a pending member with both fingerprints; approving signs a grant they can open and verify', async () => {
    const secret = await newSecret(alice, 'sk_for_ops');
    const ops: PanelEntry = {
      kind: 'group',
      id: org.ops.id,
      name: 'Ops',
      username: null,
      email: null,
      groupKind: 'user',
      memberCount: 2,
      publicKey: org.ops.publicKey,
      canEdit: false,
    };
    await share(alice, [await fetchAccess(alice, secret.id)], adding(ops));
    const frank = await unlockedAs(org.frank, s.url);
    const waiting = await pendingApprovals(frank);
    expect(
      waiting.map((p) => [p.groupName, p.member.user.username, p.member.fingerprint, p.member.signingFingerprint]),
    ).toEqual([['Ops', 'erin', await fingerprintOf(org.erin.publicKey), expect.stringMatching(/^[0-9a-f]{64}$/)]]);
    await expect(org.erin.reveal(secret.id)).rejects.toThrow(); // listing granted nothing

    expect(await approveMember(frank, org.ops.id, org.erin.userId)).toMatchObject({ ok: true });
    expect(await org.erin.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_for_ops', verified: true });
    expect(await pendingApprovals(frank)).toEqual([]);
    expect((await frank.db.get('pins', pinKey('user', org.erin.userId)))?.fingerprint).toBe(
      await fingerprintOf(org.erin.publicKey),
    );
  });

  it('refusing removes the pending member with a signed decision', async () => {
    const frank = await unlockedAs(org.frank, s.url);
    await s.store.db
      .insertInto('group_members')
      .values({
        group_id: org.ops.id,
        user_id: org.dave.userId,
        is_member: 1,
        is_manager: 0,
        grant: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    expect((await pendingApprovals(frank)).map((p) => p.member.user.username)).toEqual(['dave']);
    const view = await refuseMember(frank, org.ops.id, org.dave.userId);
    expect(view.members!.map((m) => m.user.username)).not.toContain('dave');
  });

  it('a user who manages nothing has nothing to approve', async () => {
    expect(await pendingApprovals(await unlockedAs(org.carol, s.url))).toEqual([]);
  });
});

describe('verification before use', () => {
  it('a grant replaced on the server is refused with a sentence naming the secret and the signer', async () => {
    const secret = await newSecret(alice, 'sk_real');
    await share(alice, [await fetchAccess(alice, secret.id)], adding(person(org.bob)));
    const bob = await unlockedAs(org.bob, s.url);
    await bob.db.put('secrets', { ...(await bob.client.call('getSecret', { params: { id: secret.id } })) });
    expect(await revealSecret(bob, secret.id)).toEqual({ clientSecret: 'sk_real', verified: true });
    const row = await s.store.db
      .selectFrom('access_entries')
      .select('grant')
      .where('secret_id', '=', secret.id)
      .where('recipient_id', '=', org.bob.userId)
      .executeTakeFirstOrThrow();
    const real = JSON.parse(row.grant);
    const forged = await createGrant(
      {
        subjectKind: 'secret',
        subjectId: secret.id,
        recipientKind: 'user',
        recipientId: org.bob.userId,
        recipientPublicKey: org.bob.publicKey,
      },
      newItemKey(),
    );
    await s.store.db
      .updateTable('access_entries')
      .set({
        grant: JSON.stringify({ ...real, ct: forged.ct, iv: forged.iv, ephemeralPublicKey: forged.ephemeralPublicKey }),
      })
      .where('secret_id', '=', secret.id)
      .where('recipient_id', '=', org.bob.userId)
      .execute();
    const refused = await revealSecret(bob, secret.id).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'untrusted_grant' });
    expect(errorText(refused)).toMatch(/is signed by Alice Tester \(alice\), but the signature does not verify/);
  });
});
