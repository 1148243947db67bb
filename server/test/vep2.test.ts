import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupView, Me, SecretSummary } from '../../utils/contract';
import {
  createGrant,
  enroll,
  membershipStatement,
  newItemKey,
  newSigningKeys,
  sign,
  signGrant,
} from '../../utils/crypto';
import { invite } from '../src/services/accounts';
import { VaultClient } from './support/client';
import { dialects, snapshot, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { expectProblem, expectRefused } from './support/problems';
import { groupKeyOf } from './support/requests';

/**
 * VEP/2 (docs/crypto.md): a member who exists only in the server's database reads nothing; a grant the
 * server replaced is refused by the client with a message; managers approve or refuse pending members;
 * owners and editors rotate item keys; the server checks every signature it is sent.
 */
describe.each(dialects)('VEP/2 on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let keys: Record<string, string>;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    keys = Object.fromEntries(
      [org.alice, org.bob, org.carol, org.dave, org.erin, org.frank].map((c) => [c.userId, c.publicKey]),
    );
    keys[org.ops.id] = org.ops.publicKey;
  });
  afterAll(() => s?.close());

  const grantRow = (secretId: string, userId: string) =>
    s.store.db
      .selectFrom('access_entries')
      .select('grant')
      .where('secret_id', '=', secretId)
      .where('recipient_id', '=', userId)
      .executeTakeFirstOrThrow();
  const setGrant = (secretId: string, userId: string, grant: object) =>
    s.store.db
      .updateTable('access_entries')
      .set({ grant: JSON.stringify(grant) })
      .where('secret_id', '=', secretId)
      .where('recipient_id', '=', userId)
      .execute();

  describe('a member added only in the database', () => {
    it('reads nothing shared with the group: no list entry, no value, no key', async () => {
      const secret = await org.alice.createSecret({ name: 'Ops database', clientSecret: 'sk_ops_db' });
      await org.alice.share(secret.id, [org.ops]);
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

      expect((await org.dave.list()).map((x) => x.id)).not.toContain(secret.id);
      expectProblem(await org.dave.call('POST', `/v1/secrets/${secret.id}/reveal`), 404, 'not_found');
      expect(
        (await org.dave.call<{ items: unknown[] }>('POST', '/v1/secrets/values', { ids: [secret.id] })).body.items,
      ).toEqual([]);
      // the managers see them as pending, with what they need to decide: name, username, both fingerprints
      const frank = (await org.frank.call<GroupView>('GET', `/v1/groups/${org.ops.id}`)).body;
      expect(frank.members!.find((m) => m.user.id === org.dave.userId)).toMatchObject({
        pending: true,
        user: { username: 'dave' },
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        signingFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        // nothing in the audit trail put them there: the approval view says so
        addedVia: { by: 'unrecorded', user: null, at: null },
      });
      // a plain member of the group does not see who is pending
      const carol = (await org.carol.call<GroupView>('GET', `/v1/groups/${org.ops.id}`)).body;
      expect(carol.members?.find((m) => m.user.id === org.dave.userId)?.addedVia).toBeUndefined();
    });

    it('a grant the server forges for them opens nothing: it holds no group key, so the key it wraps is not the group’s', async () => {
      const secret = await org.alice.createSecret({ name: 'Ops pager 2', clientSecret: 'sk_pager_2' });
      await org.alice.share(secret.id, [org.ops]);
      const forged = await createGrant(
        {
          subjectKind: 'group',
          subjectId: org.ops.id,
          recipientKind: 'user',
          recipientId: org.dave.userId,
          recipientPublicKey: org.dave.publicKey,
        },
        newItemKey(),
      );
      await s.store.db
        .updateTable('group_members')
        .set({ grant: JSON.stringify(forged) })
        .where('group_id', '=', org.ops.id)
        .where('user_id', '=', org.dave.userId)
        .execute();
      await expect(org.dave.verifiedReveal(secret.id, 'Ops pager 2')).rejects.toThrow(
        "This group key does not match the group's public key.",
      );
      await s.store.db
        .deleteFrom('group_members')
        .where('group_id', '=', org.ops.id)
        .where('user_id', '=', org.dave.userId)
        .execute();
    });
  });

  describe('a grant replaced on the server', () => {
    let secret: SecretSummary;
    beforeAll(async () => {
      secret = await org.alice.createSecret({ name: 'Stripe production', clientSecret: 'sk_live_real' });
      await org.alice.share(secret.id, [org.bob.me()]);
    });

    it('a signed grant verifies and opens, and is reported as verified', async () => {
      expect(await org.bob.verifiedReveal(secret.id, 'Stripe production')).toEqual({
        clientSecret: 'sk_live_real',
        verified: true,
      });
    });

    it('is refused when the server puts an unsigned grant of its own key in its place', async () => {
      const real = JSON.parse((await grantRow(secret.id, org.bob.userId)).grant);
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
      await setGrant(secret.id, org.bob.userId, forged);
      await expect(org.bob.verifiedReveal(secret.id, 'Stripe production')).rejects.toThrow(
        'The key for the API secret “Stripe production” is not signed, though this device has seen it signed before. The server may have replaced it; nothing was opened.',
      );
      await setGrant(secret.id, org.bob.userId, real);
    });

    it('is refused when the server changes a signed grant’s ciphertext', async () => {
      const real = JSON.parse((await grantRow(secret.id, org.bob.userId)).grant);
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
      await setGrant(secret.id, org.bob.userId, {
        ...real,
        ephemeralPublicKey: forged.ephemeralPublicKey,
        iv: forged.iv,
        ct: forged.ct,
      });
      await expect(org.bob.verifiedReveal(secret.id, 'Stripe production')).rejects.toThrow(
        'The key for the API secret “Stripe production” is signed by Alice Tester (alice), but the signature does not verify. The server may have replaced it; nothing was opened.',
      );
      await setGrant(secret.id, org.bob.userId, real);
    });

    it('is refused when signed by an account the server controls, which is not the owner or an editor', async () => {
      const real = JSON.parse((await grantRow(secret.id, org.bob.userId)).grant);
      const forged = await signGrant(
        await createGrant(
          {
            subjectKind: 'secret',
            subjectId: secret.id,
            recipientKind: 'user',
            recipientId: org.bob.userId,
            recipientPublicKey: org.bob.publicKey,
          },
          newItemKey(),
        ),
        { subjectKind: 'secret', subjectId: secret.id },
        1,
        { id: org.dave.userId, signingKey: org.dave.signingKey! },
      );
      await setGrant(secret.id, org.bob.userId, forged);
      await expect(org.bob.verifiedReveal(secret.id, 'Stripe production')).rejects.toThrow(
        /was signed by Dave Tester \(dave\), who is not its owner or an editor/,
      );
      await setGrant(secret.id, org.bob.userId, real);
    });

    it('is refused when the server also swaps the owner’s signing key for one it holds', async () => {
      const real = JSON.parse((await grantRow(secret.id, org.bob.userId)).grant);
      const alice = await s.store.db
        .selectFrom('users')
        .select(['signing_public_key', 'signing_fingerprint'])
        .where('id', '=', org.alice.userId)
        .executeTakeFirstOrThrow();
      const server = await newSigningKeys();
      const forged = await signGrant(
        await createGrant(
          {
            subjectKind: 'secret',
            subjectId: secret.id,
            recipientKind: 'user',
            recipientId: org.bob.userId,
            recipientPublicKey: org.bob.publicKey,
          },
          newItemKey(),
        ),
        { subjectKind: 'secret', subjectId: secret.id },
        1,
        { id: org.alice.userId, signingKey: server.signingKey },
      );
      await s.store.db
        .updateTable('users')
        .set({ signing_public_key: server.signingPublicKey, signing_fingerprint: server.signingFingerprint })
        .where('id', '=', org.alice.userId)
        .execute();
      await setGrant(secret.id, org.bob.userId, forged);
      await expect(org.bob.verifiedReveal(secret.id, 'Stripe production')).rejects.toThrow(
        /signed by Alice Tester \(alice\) with a signing key that differs from the one this device pinned/,
      );
      await s.store.db.updateTable('users').set(alice).where('id', '=', org.alice.userId).execute();
      await setGrant(secret.id, org.bob.userId, real);
      expect((await org.bob.verifiedReveal(secret.id, 'Stripe production')).clientSecret).toBe('sk_live_real');
    });
  });

  describe('approval of pending members', () => {
    it('a manager approves with a signed grant; the member then opens and verifies through the group', async () => {
      const secret = await org.alice.createSecret({ name: 'Ops runbook key', clientSecret: 'sk_runbook' });
      await org.alice.share(secret.id, [org.ops]);
      expectProblem(await org.erin.call('POST', `/v1/secrets/${secret.id}/reveal`), 404, 'not_found');
      const before = (await org.frank.call<GroupView>('GET', `/v1/groups/${org.ops.id}`)).body;
      expect(before.members!.find((m) => m.user.id === org.erin.userId)?.addedVia).toEqual({
        by: 'administrator',
        user: null,
        at: expect.any(String),
      });
      const view = await org.frank.approve(org.ops.id, org.erin.me());
      expect(view.members!.find((m) => m.user.id === org.erin.userId)).not.toHaveProperty('addedVia');
      expect(view.members!.find((m) => m.user.id === org.erin.userId)).toMatchObject({ pending: false, signed: true });
      expect(await org.erin.verifiedReveal(secret.id, 'Ops runbook key')).toEqual({
        clientSecret: 'sk_runbook',
        verified: true,
      });
      const erin = (await org.erin.call<GroupView>('GET', `/v1/groups/${org.ops.id}`)).body;
      expect(erin.myGrantSigner).toMatchObject({ id: org.frank.userId, role: 'manager' });
    });

    it('refusing removes a pending member, with the manager’s signed decision in the audit trail', async () => {
      const { code } = await invite(s.services, { username: 'gus', name: 'Gus Pending', email: 'gus@example.com' });
      const gus = await new VaultClient(s.url, 'gus').enroll(code);
      await s.store.db
        .insertInto('group_members')
        .values({
          group_id: org.ops.id,
          user_id: gus.userId,
          is_member: 1,
          is_manager: 0,
          grant: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      const at = new Date().toISOString();
      const statement = membershipStatement({
        action: 'remove',
        groupId: org.ops.id,
        memberId: gus.userId,
        managerId: org.frank.userId,
        at,
      });
      const path = `/v1/groups/${org.ops.id}/members/${gus.userId}/remove`;

      // a signature by someone else (here over another member) is refused, and nothing changes
      const wrong = await sign(
        org.frank.signingKey!,
        membershipStatement({
          action: 'remove',
          groupId: org.ops.id,
          memberId: org.carol.userId,
          managerId: org.frank.userId,
          at,
        }),
      );
      await expectRefused(s, 400, 'bad_signature', () => org.frank.call('POST', path, { at, signature: wrong }));

      const view = (
        await org.frank.call<GroupView>('POST', path, { at, signature: await sign(org.frank.signingKey!, statement) })
      ).body;
      expect(view.members!.map((m) => m.user.username)).not.toContain('gus');
      const audit = await s.store.db
        .selectFrom('audit_events')
        .select(['action', 'details'])
        .where('object_id', '=', org.ops.id)
        .where('action', '=', 'group.member_refused')
        .execute();
      expect(audit.map((a) => JSON.parse(a.details))).toEqual([
        { userId: gus.userId, signed: { at, signature: expect.any(String) } },
      ]);
    });
  });

  describe('the server checks the signatures it is sent', () => {
    it('refuses an unsigned grant from an account that has a signing key, and a signature by someone else', async () => {
      const secret = await org.alice.createSecret({ name: 'Checked', clientSecret: 'sk_checked' });
      const key = await org.alice.heldKey(secret.id);
      const unsigned = await createGrant(
        {
          subjectKind: 'secret',
          subjectId: secret.id,
          recipientKind: 'user',
          recipientId: org.bob.userId,
          recipientPublicKey: org.bob.publicKey,
        },
        key.key,
      );
      const list = await org.alice.access(secret.id);
      const put = (grant: object) =>
        org.alice.call('PUT', `/v1/secrets/${secret.id}/access`, {
          baseRevision: list.accessRevision,
          entries: [{ recipientKind: 'user', recipientId: org.bob.userId, canView: true, grant }],
        });
      await expectRefused(s, 400, 'signature_required', () => put(unsigned));
      await expectRefused(s, 400, 'bad_signature', async () =>
        put(
          await signGrant(unsigned, { subjectKind: 'secret', subjectId: secret.id }, 1, {
            id: org.alice.userId,
            signingKey: org.bob.signingKey!,
          }),
        ),
      );
      await expectRefused(s, 400, 'bad_signature', async () =>
        put(
          await signGrant(unsigned, { subjectKind: 'secret', subjectId: secret.id }, 1, {
            id: org.bob.userId,
            signingKey: org.bob.signingKey!,
          }),
        ),
      );
      await expectRefused(s, 409, 'stale_key_revision', async () =>
        put(
          await signGrant(unsigned, { subjectKind: 'secret', subjectId: secret.id }, 2, {
            id: org.alice.userId,
            signingKey: org.alice.signingKey!,
          }),
        ),
      );
    });
  });

  describe('signed changes of role', () => {
    let crew: Awaited<ReturnType<typeof org.alice.createPrivateGroup>>;
    let secret: SecretSummary;
    const proofRow = () =>
      s.store.db
        .selectFrom('group_members')
        .select('manager_proof')
        .where('group_id', '=', crew.view.id)
        .where('user_id', '=', org.bob.userId)
        .executeTakeFirstOrThrow();
    beforeAll(async () => {
      crew = await org.alice.createPrivateGroup('Signed roles crew');
      await org.alice.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.bob.me());
    });
    const patch = (body: object) =>
      org.alice.call('PATCH', `/v1/groups/${crew.view.id}/members/${org.bob.userId}`, body);
    const signRole = (action: 'manager' | 'member' | 'remove', at: string, by = org.alice) =>
      sign(
        by.signingKey!,
        membershipStatement({
          action,
          groupId: crew.view.id,
          memberId: org.bob.userId,
          managerId: org.alice.userId,
          at,
        }),
      );

    it('refuses a promotion that is not signed, signed for another decision, or signed by someone else; nothing changes', async () => {
      const at = new Date().toISOString();
      await expectRefused(s, 400, 'signature_required', () => patch({ manager: true }));
      await expectRefused(s, 400, 'bad_signature', async () =>
        patch({ manager: true, at, signature: await signRole('member', at) }),
      );
      await expectRefused(s, 400, 'bad_signature', async () =>
        patch({ manager: true, at, signature: await signRole('remove', at) }),
      );
      await expectRefused(s, 400, 'bad_signature', async () =>
        patch({ manager: true, at, signature: await signRole('manager', at, org.bob) }),
      );
      await expectRefused(s, 400, 'bad_signature', async () => patch({ manager: true, at }));
    });

    it('a signed promotion is kept with the membership and in the audit trail, and comes with the new manager’s grants', async () => {
      const view = (await org.alice.setRole(crew.view.id, org.bob.userId, true)).body as GroupView;
      expect(view.members?.find((m) => m.user.id === org.bob.userId)?.manager).toBe(true);
      expect(JSON.parse((await proofRow()).manager_proof!)).toMatchObject({ by: org.alice.userId });
      const event = await s.store.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'group.role_changed')
        .where('object_id', '=', crew.view.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(event.details)).toMatchObject({
        userId: org.bob.userId,
        manager: true,
        signed: { at: expect.any(String) },
      });
      // bob, now a manager, adds carol; carol reads a secret shared with the group, verified end to end
      await org.bob.addMember(crew.view.id, await groupKeyOf(org.bob, crew.view.id), org.carol.me());
      secret = await org.alice.createSecret({ name: 'Crew deploy key', clientSecret: 'sk_crew' });
      await org.alice.share(secret.id, [{ kind: 'group', id: crew.view.id, publicKey: crew.view.publicKey }]);
      const carolsView = (await org.carol.call<GroupView>('GET', `/v1/groups/${crew.view.id}`)).body;
      expect(carolsView.myGrantSigner).toMatchObject({
        id: org.bob.userId,
        role: 'manager',
        managerProof: { by: { id: org.alice.userId, username: 'alice' } },
      });
      expect(await org.carol.verifiedReveal(secret.id, 'Crew deploy key')).toEqual({
        clientSecret: 'sk_crew',
        verified: true,
      });
    });

    it('a promotion changed on the server is refused by the member, naming who made whom a manager', async () => {
      const saved = (await proofRow()).manager_proof!;
      const forged = { ...JSON.parse(saved), at: '2026-01-01T00:00:00.000Z' };
      const setProof = (proof: string | null) =>
        s.store.db
          .updateTable('group_members')
          .set({ manager_proof: proof })
          .where('group_id', '=', crew.view.id)
          .where('user_id', '=', org.bob.userId)
          .execute();
      await setProof(JSON.stringify(forged));
      await expect(org.carol.verifiedReveal(secret.id, 'Crew deploy key')).rejects.toThrow(
        'Bob Tester (bob) was made a manager of the group “Signed roles crew” by Alice Tester (alice), but that decision’s signature does not verify. The server may have changed it; nothing was opened.',
      );
      // and once seen signed, a promotion the server leaves out is refused too
      await setProof(null);
      await expect(org.carol.verifiedReveal(secret.id, 'Crew deploy key')).rejects.toThrow(
        /whose role as a manager this device has seen signed before, but the server now shows no signature/,
      );
      await setProof(saved);
      expect((await org.carol.verifiedReveal(secret.id, 'Crew deploy key')).verified).toBe(true);
    });

    it('made a plain member again, signed, the proof is gone; a manager cannot promote themselves back', async () => {
      await org.alice.setRole(crew.view.id, org.bob.userId, false);
      expect((await proofRow()).manager_proof).toBeNull();
      const at = new Date().toISOString();
      await expectRefused(s, 403, 'forbidden', async () =>
        org.bob.call('PATCH', `/v1/groups/${crew.view.id}/members/${org.bob.userId}`, {
          manager: true,
          at,
          signature: await sign(
            org.bob.signingKey!,
            membershipStatement({
              action: 'manager',
              groupId: crew.view.id,
              memberId: org.bob.userId,
              managerId: org.bob.userId,
              at,
            }),
          ),
        }),
      );
    });
  });

  describe('rotation', () => {
    it('the owner rotates after removing someone: the others open the new value, verified; the old key opens no later value', async () => {
      const secret = await org.alice.createSecret({ name: 'Rotated', clientSecret: 'sk_before' });
      await org.alice.share(secret.id, [org.bob.me(), org.dave.me(), org.ops]);
      const daveOld = await org.dave.heldKey(secret.id);
      const list = await org.alice.access(secret.id);
      await org.alice.call('PUT', `/v1/secrets/${secret.id}/access`, {
        baseRevision: list.accessRevision,
        entries: list.entries
          .filter((e) => e.recipientId !== org.dave.userId)
          .map((e) => ({
            recipientKind: e.recipientKind,
            recipientId: e.recipientId,
            canView: true,
            canEdit: e.canEdit,
          })),
      });

      const rotated = await org.alice.rotate(secret.id, 'sk_after', keys);
      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({ valueRevision: 2 });
      expect(await org.bob.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_after', verified: true });
      expect(await org.carol.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_after', verified: true });
      expect(await org.alice.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_after', verified: true });
      const now = (
        await org.alice.call<{ value: { iv: string; ct: string }; keyRevision: number }>(
          'POST',
          `/v1/secrets/${secret.id}/reveal`,
        )
      ).body;
      expect(now.keyRevision).toBe(2);
      const { decryptSecret } = await import('../../utils/crypto');
      await expect(decryptSecret(daveOld.key, secret.id, 2, now.value as never)).rejects.toMatchObject({
        code: 'decrypt_failed',
      });
    });

    it('an editor may rotate; recipients verify the editor as signer', async () => {
      const secret = await org.alice.createSecret({ name: 'Edited', clientSecret: 'sk_e1' });
      await org.alice.share(secret.id, [{ ...org.carol.me(), canEdit: true }, org.bob.me()]);
      expect((await org.carol.rotate(secret.id, 'sk_e2', keys)).status).toBe(200);
      expect(await org.bob.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_e2', verified: true });
      expect(await org.alice.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_e2', verified: true });
      expect((await org.bob.rotate(secret.id, 'sk_e3', keys)).status).toBe(403); // Can view only
    });

    it('is refused, changing nothing, when the grants do not cover exactly the current list or the list changed', async () => {
      const secret = await org.alice.createSecret({ name: 'Strict', clientSecret: 'sk_s1' });
      await org.alice.share(secret.id, [org.bob.me(), org.carol.me()]);
      const body = await org.alice.rotateBody(secret.id, 'sk_s2', keys);
      await expectRefused(s, 409, 'grants_mismatch', () =>
        org.alice.call('POST', `/v1/secrets/${secret.id}/rotate`, { ...body, grants: body.grants.slice(1) }),
      );
      await expectRefused(s, 409, 'stale_access_revision', () =>
        org.alice.call('POST', `/v1/secrets/${secret.id}/rotate`, {
          ...body,
          baseAccessRevision: body.baseAccessRevision - 1,
        }),
      );
      expect(await org.bob.reveal(secret.id)).toBe('sk_s1');
    });
  });

  describe('signing keys', () => {
    it('a VEP/1 account sets one once, bound to it by its own signature; a replacement is refused', async () => {
      const { code } = await invite(s.services, { username: 'vic', name: 'Vic Legacy', email: 'vic@example.com' });
      const vic = await new VaultClient(s.url, 'vic', 'vic-password', { vep1: true }).enroll(code);
      expect((await vic.call<Me>('GET', '/v1/me')).body).toMatchObject({
        signingPublicKey: null,
        encryptedSigningKey: null,
      });
      const e = await enroll('vic-password', vic.userId, 1000);
      const other = await enroll('vic-password', org.dave.userId, 1000); // bound to another account
      const upload = (k: typeof e) => ({
        signingPublicKey: k.signingPublicKey,
        encryptedSigningKey: k.encryptedSigningKey,
        signingKeyProof: k.signingKeyProof,
      });
      const before = await snapshot(s);
      expectProblem(await vic.call('PUT', '/v1/me/signing-key', upload(other)), 400, 'invalid_signing_key');
      expect(await snapshot(s)).toEqual(before);
      // e's binding names e's ECDH key, not vic's: refused too
      expectProblem(await vic.call('PUT', '/v1/me/signing-key', upload(e)), 400, 'invalid_signing_key');
      const { newAccountSigningKey, openAccount } = await import('../../utils/crypto');
      const me = (await vic.call<Me>('GET', '/v1/me')).body;
      const opened = await openAccount('vic-password', me.kdf, vic.userId, me.encryptedPrivateKey);
      const mine = await newAccountSigningKey(opened.accountKey, vic.userId, me.publicKey);
      const set = await vic.call<Me>('PUT', '/v1/me/signing-key', {
        signingPublicKey: mine.signingPublicKey,
        encryptedSigningKey: mine.encryptedSigningKey,
        signingKeyProof: mine.signingKeyProof,
      });
      expect(set.body).toMatchObject({
        signingPublicKey: mine.signingPublicKey,
        signingFingerprint: mine.signingFingerprint,
      });
      expectProblem(
        await vic.call('PUT', '/v1/me/signing-key', {
          signingPublicKey: mine.signingPublicKey,
          encryptedSigningKey: mine.encryptedSigningKey,
          signingKeyProof: mine.signingKeyProof,
        }),
        409,
        'signing_key_set',
      );
    });
  });

  it('lists what still carries unsigned grants, for the owner and the managers to re-make', async () => {
    const { code } = await invite(s.services, { username: 'wes', name: 'Wes Legacy', email: 'wes@example.com' });
    const wes = await new VaultClient(s.url, 'wes', 'wes-password', { vep1: true }).enroll(code);
    const old = await wes.createSecret({ name: 'Legacy', clientSecret: 'sk_legacy' });
    expect((await wes.call<{ secrets: string[] }>('GET', '/v1/me/unsigned')).body.secrets).toEqual([old.id]);
    expect((await org.alice.call<{ secrets: string[] }>('GET', '/v1/me/unsigned')).body.secrets).toEqual([]);
    // the administrator's tool made frank's own grant of Ops unsigned
    expect((await org.frank.call<{ groups: string[] }>('GET', '/v1/me/unsigned')).body.groups).toEqual([org.ops.id]);
    await org.frank.approve(org.ops.id, org.frank.me());
    expect((await org.frank.call<{ groups: string[] }>('GET', '/v1/me/unsigned')).body.groups).toEqual([]);
    expect(await groupKeyOf(org.frank, org.ops.id)).toHaveLength(138);
  });
});
