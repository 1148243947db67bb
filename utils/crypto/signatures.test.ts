import { beforeAll, describe, expect, it } from 'vitest';
import vectors from './fixtures/vep2-vectors.json';
import {
  type SignedGrant,
  type Signer,
  type SigningKeyPair,
  createSignedGrant,
  encodeFields,
  enroll,
  generateKeyPair,
  grantStatement,
  keyBindingStatement,
  membershipStatement,
  newItemKey,
  newSigningKeys,
  openAccount,
  openGrant,
  openSigningKey,
  toB64url,
  verify,
  verifyGrant,
  verifyKeyBinding,
  verifyManagerProof,
  sign,
  type ManagerProof,
} from './index';
import { toHex } from './encoding';
import { FAST_ITERATIONS, expectVepError, flipByte } from './testing';

const SECRET = '9b2e4c1a-6d3f-4e8a-b7c5-2f1d0e9a8b7c';
const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';

describe('known-answer vectors (committed statement bytes and signatures)', () => {
  it('encodes fields as 4-byte big-endian lengths then bytes, numbers as 8 bytes', () => {
    expect(toHex(encodeFields(['ab', { u64: 258 }, new Uint8Array([0xff])]))).toBe(
      '00000002' + '6162' + '00000008' + '0000000000000102' + '00000001' + 'ff',
    );
    expect(toHex(encodeFields(['']))).toBe('00000000');
    expect(toHex(encodeFields([{ u64: Number.MAX_SAFE_INTEGER }, 'é']))).toBe(
      '00000008' + '001fffffffffffff' + '00000002' + 'c3a9',
    );
  });

  it.each([
    ['grant', () => grantStatement(vectors.grant.input as Parameters<typeof grantStatement>[0])],
    ['membership', () => membershipStatement(vectors.membership.input as Parameters<typeof membershipStatement>[0])],
    ['key binding', () => keyBindingStatement(vectors.keyBinding.input)],
  ])('the %s statement spells exactly the committed bytes', (_name, make) => {
    const v = { grant: vectors.grant, membership: vectors.membership, 'key binding': vectors.keyBinding }[_name]!;
    expect(toHex(make())).toBe(v.statement);
  });

  it.each([['grant'], ['membership'], ['keyBinding']] as const)(
    'the committed %s signature verifies, and not over other bytes',
    async (name) => {
      const v = vectors[name];
      const bytes = Uint8Array.from(v.statement.match(/../g)!.map((h) => parseInt(h, 16)));
      expect(await verify(vectors.signingPublicKey, bytes, v.signature)).toBe(true);
      bytes[bytes.length - 1]! ^= 1;
      expect(await verify(vectors.signingPublicKey, bytes, v.signature)).toBe(false);
    },
  );

  it('the committed key binding checks out', async () => {
    expect(await verifyKeyBinding({ ...vectors.keyBinding.input, signingKeyProof: vectors.keyBinding.signature })).toBe(
      true,
    );
  });

  it('the committed membership statement making someone a manager spells its bytes, and its signature verifies', async () => {
    const v = vectors.membershipManager;
    const bytes = membershipStatement(v.input as Parameters<typeof membershipStatement>[0]);
    expect(toHex(bytes)).toBe(v.statement);
    // Only the action and the time differ from the removal vector: the action is signed.
    expect(v.statement).not.toBe(vectors.membership.statement);
    expect(await verify(v.signingPublicKey, bytes, v.signature)).toBe(true);
    expect(
      await verify(
        v.signingPublicKey,
        membershipStatement({ ...(v.input as Parameters<typeof membershipStatement>[0]), action: 'member' }),
        v.signature,
      ),
    ).toBe(false);
  });

  it('keeps the context first, so statements of different kinds never share bytes', () => {
    expect(vectors.grant.statement.startsWith(toHex(encodeFields(['vep2/grant'])))).toBe(true);
    expect(vectors.membership.statement.startsWith(toHex(encodeFields(['vep2/membership'])))).toBe(true);
    expect(vectors.keyBinding.statement.startsWith(toHex(encodeFields(['vep2/signing-key'])))).toBe(true);
  });
});

describe('signed grants', () => {
  let signer: SigningKeyPair;
  let bob: Awaited<ReturnType<typeof generateKeyPair>>;
  let grant: SignedGrant;
  let asSigner: Signer;
  const itemKey = newItemKey();
  const expectation = () => ({
    subjectKind: 'secret' as const,
    subjectId: SECRET,
    label: 'Stripe production',
    revision: 2,
    signer: asSigner,
  });

  beforeAll(async () => {
    [signer, bob] = await Promise.all([newSigningKeys(), generateKeyPair()]);
    asSigner = {
      id: ALICE,
      name: 'Alice Martins',
      username: 'alice',
      signingPublicKey: signer.signingPublicKey,
      role: 'owner',
    };
    grant = await createSignedGrant(
      {
        subjectKind: 'secret',
        subjectId: SECRET,
        recipientKind: 'user',
        recipientId: BOB,
        recipientPublicKey: bob.publicKey,
      },
      itemKey,
      2,
      { id: ALICE, signingKey: signer.signingKey },
    );
  });

  it('verifies, then opens to the exact key (the wrapping is VEP/1’s)', async () => {
    expect(grant).toMatchObject({ revision: 2, granterId: ALICE });
    await verifyGrant(grant, expectation());
    expect(
      toB64url(await openGrant(grant, { subjectKind: 'secret', subjectId: SECRET }, bob.privateKey, bob.publicKey)),
    ).toBe(toB64url(itemKey));
  });

  // Each signed field changed, one at a time: the signature must no longer verify.
  it.each([
    ['recipientId', (g: SignedGrant) => ({ ...g, recipientId: ALICE })],
    ['recipientKind', (g: SignedGrant) => ({ ...g, recipientKind: 'group' as const })],
    ['recipientKeyFingerprint', (g: SignedGrant) => ({ ...g, recipientKeyFingerprint: 'f'.repeat(64) })],
    ['ephemeralPublicKey', (g: SignedGrant) => ({ ...g, ephemeralPublicKey: flipByte(g.ephemeralPublicKey, 80) })],
    ['iv', (g: SignedGrant) => ({ ...g, iv: flipByte(g.iv, 0) })],
    ['ct', (g: SignedGrant) => ({ ...g, ct: flipByte(g.ct, 5) })],
    ['signature', (g: SignedGrant) => ({ ...g, signature: flipByte(g.signature, 10) })],
  ])('refuses the grant with %s changed', async (_field, change) => {
    await expectVepError(verifyGrant(change(grant), expectation()), 'bad_signature');
  });

  it.each([
    ['another secret', { subjectId: '3d6f0a2b-8c4e-4b1d-9f7a-5e2c1b0a9d8e' }],
    ['a group subject', { subjectKind: 'group' as const, signer: null }],
  ])('refuses it presented for %s', async (_what, change) => {
    const e = { ...expectation(), ...change };
    await expectVepError(
      verifyGrant(grant, { ...e, signer: e.signer === null ? { ...asSigner, role: 'manager' } : asSigner }),
      'bad_signature',
    );
  });

  it('refuses another revision, naming it', async () => {
    await expect(verifyGrant({ ...grant, revision: 3 }, expectation())).rejects.toMatchObject({
      code: 'bad_signature',
    });
    await expect(verifyGrant(grant, { ...expectation(), revision: 3 })).rejects.toThrow(
      /another key revision \(2, expected 3\)/,
    );
  });

  it('refuses another granter id, and a signer other than the granter', async () => {
    await expectVepError(verifyGrant({ ...grant, granterId: BOB }, expectation()), 'bad_signature');
    await expectVepError(verifyGrant(grant, { ...expectation(), signer: { ...asSigner, id: BOB } }), 'bad_signature');
  });

  it('refuses a signature by someone else’s key, saying who and what', async () => {
    const mallory = await newSigningKeys();
    await expect(
      verifyGrant(grant, { ...expectation(), signer: { ...asSigner, signingPublicKey: mallory.signingPublicKey } }),
    ).rejects.toThrow(
      'The key for the API secret “Stripe production” is signed by Alice Martins (alice), but the signature does not verify. The server may have replaced it; nothing was opened.',
    );
  });

  it('refuses a signer without authority over the subject', async () => {
    await expect(verifyGrant(grant, { ...expectation(), signer: { ...asSigner, role: 'manager' } })).rejects.toThrow(
      /who is not its owner or an editor/,
    );
    await verifyGrant(grant, { ...expectation(), signer: { ...asSigner, role: 'editor' } });
  });

  it('refuses an unsigned (VEP/1) grant with code unsigned', async () => {
    const { revision: _r, granterId: _g, signature: _s, ...plain } = grant;
    await expectVepError(verifyGrant(plain, expectation()), 'unsigned');
  });

  it('the statement covers the subject: the same grant signed for another secret has other bytes', () => {
    const a = grantStatement({ ...grant, subjectKind: 'secret', subjectId: SECRET });
    const b = grantStatement({ ...grant, subjectKind: 'secret', subjectId: SECRET.replace('9b', '9c') });
    expect(toHex(a)).not.toBe(toHex(b));
  });
});

describe('signed decisions that make someone a group manager', () => {
  const GROUP = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
  const CAROL = 'c4401000-0000-4000-8000-000000000003';
  let alice: SigningKeyPair;
  let proof: ManagerProof;
  const bob = { id: BOB, name: 'Bob Ramos', username: 'bob', signingPublicKey: '' };
  const at = '2026-11-30T20:45:00.000Z';

  beforeAll(async () => {
    alice = await newSigningKeys();
    bob.signingPublicKey = (await newSigningKeys()).signingPublicKey;
    const signature = await sign(
      alice.signingKey,
      membershipStatement({ action: 'manager', groupId: GROUP, memberId: BOB, managerId: ALICE, at }),
    );
    proof = {
      by: { id: ALICE, name: 'Alice Martins', username: 'alice', signingPublicKey: alice.signingPublicKey },
      at,
      signature,
    };
  });
  const check = (p: ManagerProof, groupId = GROUP, manager = bob) =>
    verifyManagerProof(p, { groupId, label: 'Ops', manager });

  it('verifies the decision by another manager', async () => {
    await check(proof);
  });

  // Each signed field changed, one at a time: the decision must be refused.
  it.each([
    ['group', () => check(proof, '3d6f0a2b-8c4e-4b1d-9f7a-5e2c1b0a9d8e')],
    ['member', () => check(proof, GROUP, { ...bob, id: CAROL })],
    ['deciding manager', () => check({ ...proof, by: { ...proof.by, id: CAROL } })],
    ['time', () => check({ ...proof, at: '2026-11-30T20:45:01.000Z' })],
    ['signature', () => check({ ...proof, signature: flipByte(proof.signature, 10) })],
    ['signing key', () => check({ ...proof, by: { ...proof.by, signingPublicKey: bob.signingPublicKey } })],
  ])('refuses it with the %s changed', async (_field, run) => {
    await expectVepError(run(), 'bad_signature');
  });

  it('refuses a removal or a demotion presented as a promotion, naming who and what', async () => {
    const removal = await sign(
      alice.signingKey,
      membershipStatement({ action: 'remove', groupId: GROUP, memberId: BOB, managerId: ALICE, at }),
    );
    await expect(check({ ...proof, signature: removal })).rejects.toThrow(
      'Bob Ramos (bob) was made a manager of the group “Ops” by Alice Martins (alice), but that decision’s signature does not verify. The server may have changed it; nothing was opened.',
    );
  });

  it('refuses a manager who promoted themselves', async () => {
    await expect(check(proof, GROUP, { ...bob, id: ALICE })).rejects.toThrow(/only by their own word/);
  });
});

describe('account signing keys', () => {
  it('enrollment makes one, sealed to the account, whose public key and binding check out', async () => {
    const e = await enroll('a long passphrase', ALICE, FAST_ITERATIONS);
    expect(
      await verifyKeyBinding({
        userId: ALICE,
        publicKey: e.publicKey,
        signingPublicKey: e.signingPublicKey,
        signingKeyProof: e.signingKeyProof,
      }),
    ).toBe(true);
    expect(
      await verifyKeyBinding({
        userId: BOB,
        publicKey: e.publicKey,
        signingPublicKey: e.signingPublicKey,
        signingKeyProof: e.signingKeyProof,
      }),
    ).toBe(false);
    const opened = await openAccount('a long passphrase', e.kdf, ALICE, e.encryptedPrivateKey);
    const signing = await openSigningKey(opened.accountKey, ALICE, e.encryptedSigningKey);
    expect(signing).toMatchObject({ signingPublicKey: e.signingPublicKey, signingFingerprint: e.signingFingerprint });
    await expectVepError(openSigningKey(opened.accountKey, BOB, e.encryptedSigningKey), 'decrypt_failed');
  });
});
