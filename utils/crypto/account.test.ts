import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ITERATIONS,
  assertKdfPolicy,
  changePassword,
  deriveKeys,
  enroll,
  fingerprintOf,
  newKdfParams,
  openAccount,
  toB64url,
} from './index';
import { FAST_ITERATIONS, byteLength, expectVepError, flipByte } from './testing';

const userId = '2b0c5a8e-4f3d-4c1a-9e7b-5d6f8a9b0c1d';
const password = 'correct horse battery staple';

describe('enroll then open', () => {
  it('opens the account with the same password and gives back the same key pair and login proof', async () => {
    const e = await enroll(password, userId, FAST_ITERATIONS);
    expect(e.kdf.iterations).toBe(FAST_ITERATIONS);
    expect(byteLength(e.kdf.salt)).toBe(16);
    expect(byteLength(e.authKey)).toBe(32);
    expect(e.fingerprint).toBe(await fingerprintOf(e.publicKey));

    const opened = await openAccount(password, e.kdf, userId, e.encryptedPrivateKey);
    expect(opened.authKey).toBe(e.authKey);
    expect(toB64url(opened.privateKeyPkcs8)).toBe(toB64url(e.privateKeyPkcs8));
    // The client compares these with what the server publishes for the user.
    expect(opened.publicKey).toBe(e.publicKey);
    expect(opened.fingerprint).toBe(e.fingerprint);
    expect(opened.privateKey.extractable).toBe(false);
  });

  it('refuses a wrong password with decrypt_failed and a message about the password', async () => {
    const e = await enroll(password, userId, FAST_ITERATIONS);
    const attempt = openAccount('correct horse battery stapler', e.kdf, userId, e.encryptedPrivateKey);
    await expect(attempt).rejects.toMatchObject({
      code: 'decrypt_failed',
      message: expect.stringMatching(/password is wrong/),
    });
  });

  it('refuses the private key of another user id, another salt, or a changed byte', async () => {
    const e = await enroll(password, userId, FAST_ITERATIONS);
    await expectVepError(
      openAccount(password, e.kdf, '2b0c5a8e-4f3d-4c1a-9e7b-5d6f8a9b0c1e', e.encryptedPrivateKey),
      'decrypt_failed',
    );
    await expectVepError(
      openAccount(password, { ...e.kdf, salt: flipByte(e.kdf.salt, 0) }, userId, e.encryptedPrivateKey),
      'decrypt_failed',
    );
    await expectVepError(
      openAccount(password, e.kdf, userId, { ...e.encryptedPrivateKey, iv: flipByte(e.encryptedPrivateKey.iv, 11) }),
      'decrypt_failed',
    );
    await expectVepError(
      openAccount(password, e.kdf, userId, { ...e.encryptedPrivateKey, ct: flipByte(e.encryptedPrivateKey.ct, 5) }),
      'decrypt_failed',
    );
  });

  it('normalises the password to NFC, so a composed and a decomposed "é" are the same password', async () => {
    const kdf = newKdfParams(FAST_ITERATIONS);
    const composed = await deriveKeys('caf\u00e9', kdf);
    const decomposed = await deriveKeys('cafe\u0301', kdf);
    expect(decomposed.authKey).toBe(composed.authKey);
  });

  it('changes the password without changing the key pair', async () => {
    const e = await enroll(password, userId, FAST_ITERATIONS);
    const changed = await changePassword(
      password,
      e.kdf,
      'a new long passphrase',
      userId,
      e.encryptedPrivateKey,
      FAST_ITERATIONS,
    );
    expect(changed.kdf.salt).not.toBe(e.kdf.salt);
    expect(changed.authKey).not.toBe(e.authKey);
    expect(changed.currentAuthKey).toBe(e.authKey);

    const opened = await openAccount('a new long passphrase', changed.kdf, userId, changed.encryptedPrivateKey);
    expect(opened.publicKey).toBe(e.publicKey);
    await expectVepError(openAccount(password, changed.kdf, userId, changed.encryptedPrivateKey), 'decrypt_failed');
  });

  it('does not change the password when the old one is wrong', async () => {
    const e = await enroll(password, userId, FAST_ITERATIONS);
    await expectVepError(
      changePassword('guess', e.kdf, 'new one', userId, e.encryptedPrivateKey, FAST_ITERATIONS),
      'decrypt_failed',
    );
  });
});

describe('KDF parameters', () => {
  it('defaults to 600,000 iterations and a 16-byte salt', () => {
    const kdf = newKdfParams();
    expect(kdf.iterations).toBe(DEFAULT_ITERATIONS);
    expect(byteLength(kdf.salt)).toBe(16);
  });

  it('lets the product refuse a prelogin answer that downgrades the iterations', () => {
    expect(() => assertKdfPolicy({ salt: newKdfParams().salt, iterations: 1 })).toThrow(/weaker/);
    expect(() => assertKdfPolicy(newKdfParams())).not.toThrow();
    expect(() => assertKdfPolicy(newKdfParams(FAST_ITERATIONS), FAST_ITERATIONS)).not.toThrow();
  });

  it.each([
    ['a short salt', { salt: 'AAAA', iterations: 1000 }],
    ['zero iterations', { salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 0 }],
    ['fractional iterations', { salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 1000.5 }],
    ['absurd iterations', { salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 1e9 }],
  ])('refuses %s before any work', async (_, kdf) => {
    await expectVepError(deriveKeys(password, kdf), 'bad_input');
  });

  it('refuses an empty password and a user id that could blur the AAD', async () => {
    await expectVepError(deriveKeys('', newKdfParams(FAST_ITERATIONS)), 'bad_input');
    await expectVepError(enroll(password, 'a/b', FAST_ITERATIONS), 'bad_input');
  });
});
