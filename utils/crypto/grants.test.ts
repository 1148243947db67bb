import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Grant,
  type KeyPair,
  createGrant,
  generateKeyPair,
  grantContext,
  newGroupKeys,
  newId,
  newItemKey,
  decryptSecret,
  encryptSecret,
  openGrant,
  openGrantKey,
  openGroupKey,
  toB64url,
} from './index';
import { byteLength, expectVepError, flipByte } from './testing';

const secret = { subjectKind: 'secret', subjectId: '7d1e6a52-3c4b-4f8e-9a0d-1b2c3d4e5f60' } as const;
let alice: KeyPair;
let bob: KeyPair;
const aliceId = 'a11ce000-0000-4000-8000-000000000001';

beforeAll(async () => {
  [alice, bob] = await Promise.all([generateKeyPair(), generateKeyPair()]);
});

function toAlice(keyBytes: Uint8Array): Promise<Grant> {
  return createGrant(
    { ...secret, recipientKind: 'user', recipientId: aliceId, recipientPublicKey: alice.publicKey },
    keyBytes,
  );
}

describe('grants to a user', () => {
  it('spells the context as the doc says', () => {
    expect(grantContext({ ...secret, recipientKind: 'user', recipientId: aliceId })).toBe(
      `vep1/grant/secret/${secret.subjectId}/user/${aliceId}`,
    );
  });

  it('gives the recipient the exact key bytes', async () => {
    const itemKey = newItemKey();
    const grant = await toAlice(itemKey);
    expect(grant).toMatchObject({
      recipientKind: 'user',
      recipientId: aliceId,
      recipientKeyFingerprint: alice.fingerprint,
    });
    expect(toB64url(await openGrant(grant, secret, alice.privateKey, alice.publicKey))).toBe(toB64url(itemKey));
  });

  it('says wrong_recipient when someone else tries to open it', async () => {
    const grant = await toAlice(newItemKey());
    await expectVepError(openGrant(grant, secret, bob.privateKey, bob.publicKey), 'wrong_recipient');
    await expectVepError(
      openGrant({ ...grant, recipientKeyFingerprint: bob.fingerprint }, secret, bob.privateKey, bob.publicKey),
      'decrypt_failed',
    );
  });

  it('fails when the private key does not belong to the public key given', async () => {
    const grant = await toAlice(newItemKey());
    await expectVepError(openGrant(grant, secret, bob.privateKey, alice.publicKey), 'decrypt_failed');
  });

  it('refuses to be moved to another subject or recipient', async () => {
    const grant = await toAlice(newItemKey());
    const open = (g: Grant, s: { subjectKind: 'secret' | 'group'; subjectId: string }) =>
      openGrant(g, s, alice.privateKey, alice.publicKey);
    await expectVepError(open(grant, { ...secret, subjectId: newId() }), 'decrypt_failed');
    await expectVepError(open(grant, { ...secret, subjectKind: 'group' }), 'decrypt_failed');
    await expectVepError(open({ ...grant, recipientId: newId() }, secret), 'decrypt_failed');
    await expectVepError(open({ ...grant, recipientKind: 'group' }, secret), 'decrypt_failed');
  });

  it.each(['ephemeralPublicKey', 'iv', 'ct'] as const)('fails on a change to any byte of %s', async (field) => {
    const grant = await toAlice(newItemKey());
    const attempts = Array.from({ length: byteLength(grant[field]) }, (_, i) =>
      expectVepError(
        openGrant({ ...grant, [field]: flipByte(grant[field], i) }, secret, alice.privateKey, alice.publicKey),
      ),
    );
    await Promise.all(attempts);
  });

  it('refuses a recipient public key that is not a P-256 key', async () => {
    const target = {
      ...secret,
      recipientKind: 'user',
      recipientId: aliceId,
      recipientPublicKey: flipByte(alice.publicKey, 40),
    } as const;
    await expectVepError(createGrant(target, newItemKey()), 'bad_input');
  });
});

describe('an itemKey opened into a key that only decrypts (openGrantKey)', () => {
  const open = (g: Grant, s = secret as { subjectKind: 'secret' | 'group'; subjectId: string }, me = alice) =>
    openGrantKey(g, s, me.privateKey, me.publicKey);

  it('opens the value the itemKey sealed, with a key that cannot be read out or used for anything else', async () => {
    const itemKey = newItemKey();
    const value = await encryptSecret(itemKey, secret.subjectId, 3, { clientSecret: 'sk_live_51H8' });
    const key = await open(await toAlice(itemKey));
    expect(await decryptSecret(key, secret.subjectId, 3, value)).toEqual({ clientSecret: 'sk_live_51H8' });
    expect(key).toMatchObject({ extractable: false, usages: ['decrypt'], algorithm: { name: 'AES-GCM', length: 256 } });
    await expect(globalThis.crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expectVepError(decryptSecret(key, secret.subjectId, 2, value), 'decrypt_failed');
  });

  it('refuses what openGrant refuses, with the same codes', async () => {
    const grant = await toAlice(newItemKey());
    await expectVepError(open(grant, secret, bob), 'wrong_recipient');
    await expectVepError(openGrantKey(grant, secret, bob.privateKey, alice.publicKey), 'decrypt_failed');
    await expectVepError(open(grant, { ...secret, subjectId: newId() }), 'decrypt_failed');
    await expectVepError(open({ ...grant, recipientId: newId() }), 'decrypt_failed');
    for (const field of ['ephemeralPublicKey', 'iv', 'ct'] as const)
      await Promise.all(
        Array.from({ length: byteLength(grant[field]) }, (_, i) =>
          expectVepError(open({ ...grant, [field]: flipByte(grant[field], i) }), 'decrypt_failed'),
        ),
      );
  });

  it.each([16, 20, 24, 31, 33, 48])('refuses a granted key of %i bytes as bad_input (AES-256 only)', async (n) => {
    const grant = await toAlice(new Uint8Array(n).fill(7));
    expect((await openGrant(grant, secret, alice.privateKey, alice.publicKey)).length).toBe(n);
    await expectVepError(open(grant), 'bad_input');
  });
});

describe('grants through a group (two steps)', () => {
  it('lets a member open a secret shared with the group, and a manager complete a pending member', async () => {
    const groupId = newId();
    const group = await newGroupKeys();
    const itemKey = newItemKey();
    const itemGrant = await createGrant(
      { ...secret, recipientKind: 'group', recipientId: groupId, recipientPublicKey: group.publicKey },
      itemKey,
    );
    const aliceGrant = await createGrant(
      {
        subjectKind: 'group',
        subjectId: groupId,
        recipientKind: 'user',
        recipientId: aliceId,
        recipientPublicKey: alice.publicKey,
      },
      group.privateKeyPkcs8,
    );

    const aliceGroup = await openGroupKey(aliceGrant, groupId, alice.privateKey, alice.publicKey, group.publicKey);
    expect(toB64url(await openGrant(itemGrant, secret, aliceGroup.privateKey, group.publicKey))).toBe(
      toB64url(itemKey),
    );

    // Alice, as a manager, grants the group key to Bob, who was pending.
    const bobId = newId();
    const bobGrant = await createGrant(
      {
        subjectKind: 'group',
        subjectId: groupId,
        recipientKind: 'user',
        recipientId: bobId,
        recipientPublicKey: bob.publicKey,
      },
      aliceGroup.privateKeyPkcs8,
    );
    const bobGroup = await openGroupKey(bobGrant, groupId, bob.privateKey, bob.publicKey, group.publicKey);
    expect(toB64url(await openGrant(itemGrant, secret, bobGroup.privateKey, group.publicKey))).toBe(toB64url(itemKey));
  });

  it("refuses a group key that does not match the group's public key", async () => {
    const groupId = newId();
    const [group, forged] = await Promise.all([newGroupKeys(), newGroupKeys()]);
    const grant = await createGrant(
      {
        subjectKind: 'group',
        subjectId: groupId,
        recipientKind: 'user',
        recipientId: aliceId,
        recipientPublicKey: alice.publicKey,
      },
      forged.privateKeyPkcs8,
    );
    await expectVepError(
      openGroupKey(grant, groupId, alice.privateKey, alice.publicKey, group.publicKey),
      'decrypt_failed',
    );
  });
});
