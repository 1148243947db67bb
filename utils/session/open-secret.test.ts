import { describe, expect, it } from 'vitest';
import { createGrant, encryptSecret, generateKeyPair, newItemKey, type KeyPair } from '@/utils/crypto';
import { uuid } from '@/test/fixtures';
import { openRevealed } from './open-secret';

const user = (k: KeyPair) => ({ privateKey: k.privateKey, publicKey: k.publicKey });

describe('openRevealed', () => {
  it('opens a client secret granted to the user directly', async () => {
    const [me, secretId, itemKey] = [await generateKeyPair(), uuid(), newItemKey()];
    const grant = await createGrant(
      {
        subjectKind: 'secret',
        subjectId: secretId,
        recipientKind: 'user',
        recipientId: uuid(),
        recipientPublicKey: me.publicKey,
      },
      itemKey,
    );
    const value = await encryptSecret(itemKey, secretId, 3, { clientSecret: 'sk_live_direct' });
    expect(
      await openRevealed({ secretId, value, valueRevision: 3, keyPath: { via: 'user', grant } }, user(me)),
    ).toEqual({ clientSecret: 'sk_live_direct' });
  });

  it('opens a client secret shared with a group the user belongs to', async () => {
    const [me, group, secretId, groupId, itemKey] = [
      await generateKeyPair(),
      await generateKeyPair(),
      uuid(),
      uuid(),
      newItemKey(),
    ];
    const memberGrant = await createGrant(
      {
        subjectKind: 'group',
        subjectId: groupId,
        recipientKind: 'user',
        recipientId: uuid(),
        recipientPublicKey: me.publicKey,
      },
      group.privateKeyPkcs8,
    );
    const groupGrant = await createGrant(
      {
        subjectKind: 'secret',
        subjectId: secretId,
        recipientKind: 'group',
        recipientId: groupId,
        recipientPublicKey: group.publicKey,
      },
      itemKey,
    );
    const value = await encryptSecret(itemKey, secretId, 1, { clientSecret: 'sk_via_group' });
    const res = {
      secretId,
      value,
      valueRevision: 1,
      keyPath: { via: 'group' as const, groupId, memberGrant, groupGrant, groupPublicKey: group.publicKey },
    };
    expect(await openRevealed(res, user(me))).toEqual({ clientSecret: 'sk_via_group' });
  });

  it('refuses a value replayed under another revision', async () => {
    const [me, secretId, itemKey] = [await generateKeyPair(), uuid(), newItemKey()];
    const grant = await createGrant(
      {
        subjectKind: 'secret',
        subjectId: secretId,
        recipientKind: 'user',
        recipientId: uuid(),
        recipientPublicKey: me.publicKey,
      },
      itemKey,
    );
    const old = await encryptSecret(itemKey, secretId, 1, { clientSecret: 'old' });
    await expect(
      openRevealed({ secretId, value: old, valueRevision: 2, keyPath: { via: 'user', grant } }, user(me)),
    ).rejects.toMatchObject({ code: 'decrypt_failed' });
  });
});
