import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Ciphertext,
  type Grant,
  type KdfParams,
  decryptLink,
  decryptSecret,
  fromB64url,
  openAccount,
  openGrant,
  openGroupKey,
} from './index';

type FixtureSecret = {
  id: string;
  valueRevision: number;
  ciphertext: Ciphertext;
  ownerGrant: Grant;
  groupGrant?: Grant;
  expected: { clientSecret: string };
};
type Fixture = {
  password: string;
  user: {
    id: string;
    kdf: KdfParams;
    authKey: string;
    publicKey: string;
    fingerprint: string;
    encryptedPrivateKey: Ciphertext;
  };
  group: { id: string; publicKey: string; fingerprint: string; memberGrant: Grant };
  secrets: FixtureSecret[];
  link: { id: string; key: string; ciphertext: Ciphertext; expected: Record<string, string> };
};

// Data written by VEP/1 (fixtures/make-fixture.ts). Never regenerate it to make this pass: see that file.
const vault = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'vault-v1.json'), 'utf8')) as Fixture;
const [ownedSecret, sharedSecret] = vault.secrets;

describe('the committed VEP/1 fixture vault', () => {
  it('opens with its password to the recorded account', async () => {
    const account = await openAccount(vault.password, vault.user.kdf, vault.user.id, vault.user.encryptedPrivateKey);
    expect(account.authKey).toBe(vault.user.authKey);
    expect(account.publicKey).toBe(vault.user.publicKey);
    expect(account.fingerprint).toBe(vault.user.fingerprint);
  });

  it('opens both secrets through the owner grants, and the shared one through the group too', async () => {
    const account = await openAccount(vault.password, vault.user.kdf, vault.user.id, vault.user.encryptedPrivateKey);
    for (const s of vault.secrets) {
      const itemKey = await openGrant(
        s.ownerGrant,
        { subjectKind: 'secret', subjectId: s.id },
        account.privateKey,
        account.publicKey,
      );
      expect(await decryptSecret(itemKey, s.id, s.valueRevision, s.ciphertext)).toEqual(s.expected);
    }
    const group = await openGroupKey(
      vault.group.memberGrant,
      vault.group.id,
      account.privateKey,
      account.publicKey,
      vault.group.publicKey,
    );
    if (!sharedSecret?.groupGrant) throw new Error('the fixture has no secret shared with the group');
    const subject = { subjectKind: 'secret', subjectId: sharedSecret.id } as const;
    const itemKey = await openGrant(sharedSecret.groupGrant, subject, group.privateKey, vault.group.publicKey);
    expect(await decryptSecret(itemKey, sharedSecret.id, sharedSecret.valueRevision, sharedSecret.ciphertext)).toEqual(
      sharedSecret.expected,
    );
  });

  it('opens the external link', async () => {
    expect(await decryptLink(fromB64url(vault.link.key), vault.link.id, vault.link.ciphertext)).toEqual(
      vault.link.expected,
    );
  });

  // Written from docs/crypto.md with raw WebCrypto calls only, none of the module's helpers: if the module
  // and this disagree, the module does not implement the document.
  it('opens with an independent implementation of docs/crypto.md', async () => {
    const subtle = globalThis.crypto.subtle;
    const b = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
    const text = (s: string) => new Uint8Array(new TextEncoder().encode(s));
    const hkdf = (info: string, salt: Uint8Array<ArrayBuffer>) => ({
      name: 'HKDF',
      hash: 'SHA-256',
      salt,
      info: text(info),
    });
    const gcm = (c: { iv: string }, aad: string) => ({ name: 'AES-GCM', iv: b(c.iv), additionalData: text(aad) });
    const aes = { name: 'AES-GCM', length: 256 };
    const ec = { name: 'ECDH', namedCurve: 'P-256' };
    const { user } = vault;
    if (!ownedSecret) throw new Error('the fixture has no secret');

    const password = await subtle.importKey('raw', text(vault.password.normalize('NFC')), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const pbkdf2 = { name: 'PBKDF2', hash: 'SHA-256', salt: b(user.kdf.salt), iterations: user.kdf.iterations };
    const master = await subtle.importKey('raw', await subtle.deriveBits(pbkdf2, password, 256), 'HKDF', false, [
      'deriveBits',
      'deriveKey',
    ]);
    const authKey = await subtle.deriveBits(hkdf('vep1/auth', new Uint8Array(0)), master, 256);
    expect(Buffer.from(authKey).toString('base64url')).toBe(user.authKey);
    const accountKey = await subtle.deriveKey(hkdf('vep1/account', new Uint8Array(0)), master, aes, false, ['decrypt']);
    const pkcs8 = await subtle.decrypt(
      gcm(user.encryptedPrivateKey, `vep1/account/${user.id}`),
      accountKey,
      b(user.encryptedPrivateKey.ct),
    );
    const privateKey = await subtle.importKey('pkcs8', pkcs8, ec, false, ['deriveBits']);

    const grant = ownedSecret.ownerGrant;
    const context = `vep1/grant/secret/${ownedSecret.id}/user/${user.id}`;
    const ephemeral = await subtle.importKey('spki', b(grant.ephemeralPublicKey), ec, false, []);
    const z = await subtle.importKey(
      'raw',
      await subtle.deriveBits({ name: 'ECDH', public: ephemeral }, privateKey, 256),
      'HKDF',
      false,
      ['deriveKey'],
    );
    const kekSalt = new Uint8Array([...b(grant.ephemeralPublicKey), ...b(user.publicKey)]);
    const kek = await subtle.deriveKey(hkdf(context, kekSalt), z, aes, false, ['decrypt']);
    const itemKeyBytes = await subtle.decrypt(gcm(grant, context), kek, b(grant.ct));
    expect(itemKeyBytes.byteLength).toBe(32);

    const itemKey = await subtle.importKey('raw', itemKeyBytes, 'AES-GCM', false, ['decrypt']);
    const aad = `vep1/secret/${ownedSecret.id}/${ownedSecret.valueRevision}`;
    const value = await subtle.decrypt(gcm(ownedSecret.ciphertext, aad), itemKey, b(ownedSecret.ciphertext.ct));
    expect(JSON.parse(new TextDecoder().decode(value))).toEqual(ownedSecret.expected);
    const fingerprint = Buffer.from(await subtle.digest('SHA-256', b(user.publicKey))).toString('hex');
    expect(fingerprint).toBe(user.fingerprint);
  });
});
