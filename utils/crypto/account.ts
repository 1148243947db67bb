import { DEFAULT_ITERATIONS } from './constants';
import { type Ciphertext, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { type KdfParams, deriveKeys, newKdfParams } from './account-keys';
import { accountAad, signingAad } from './context';
import { type SigningUpload, newAccountSigningKey } from './account-signing';
import { VepError, decryptFailed } from './errors';
import { sha256Hex } from './fingerprint';
import { fromB64url } from './encoding';
import { generateKeyPair, importPrivateKey, publicKeyOf } from './keys';

/** Everything enrollment uploads (all but the private key fields) and keeps in memory; VEP/2 adds the signing key. */
export type Enrollment = {
  kdf: KdfParams;
  authKey: string;
  publicKey: string;
  fingerprint: string;
  encryptedPrivateKey: Ciphertext;
  privateKey: CryptoKey;
  privateKeyPkcs8: Uint8Array;
} & SigningUpload & { signingKey: CryptoKey; signingKeyPkcs8: Uint8Array; signingFingerprint: string };

/**
 * An unlocked account: the login proof, the private key, and the account key, kept only as long as it takes
 * to open (or, for a VEP/1 account, to create) the signing key.
 */
export type OpenedAccount = {
  authKey: string;
  accountKey: CryptoKey;
  privateKey: CryptoKey;
  privateKeyPkcs8: Uint8Array;
};

/**
 * An opened private key. `publicKey` and `fingerprint` are computed from it: the client checks that the
 * server publishes this same key for the user (docs/crypto.md, "Account keys and login", step 5).
 */
export type OpenedPrivateKey = {
  privateKey: CryptoKey;
  privateKeyPkcs8: Uint8Array;
  publicKey: string;
  fingerprint: string;
};

const WRONG_PASSWORD = 'The password is wrong, or the account data was changed.';

/**
 * Creates an account's keys: new KDF parameters, a new P-256 ECDH key pair and a P-256 ECDSA signing key
 * pair, both private keys sealed to the user.
 */
export async function enroll(
  password: string,
  userId: string,
  iterations: number = DEFAULT_ITERATIONS,
): Promise<Enrollment> {
  const aad = accountAad(userId); // validated before the slow PBKDF2
  const kdf = newKdfParams(iterations);
  const { authKey, accountKey } = await deriveKeys(password, kdf);
  const pair = await generateKeyPair();
  const encryptedPrivateKey = await aesGcmEncrypt(accountKey, pair.privateKeyPkcs8, aad);
  const signing = await newAccountSigningKey(accountKey, userId, pair.publicKey);
  return { kdf, authKey, encryptedPrivateKey, ...pair, ...signing };
}

/**
 * Opens the private key with an account key already derived (a login derives once, then opens).
 * @throws {@link VepError} `decrypt_failed` when the account key is wrong or the data was changed.
 */
export async function openPrivateKey(
  accountKey: CryptoKey,
  userId: string,
  encryptedPrivateKey: Ciphertext,
): Promise<OpenedPrivateKey> {
  const aad = accountAad(userId);
  let pkcs8: Uint8Array;
  try {
    pkcs8 = await aesGcmDecrypt(accountKey, encryptedPrivateKey, aad);
  } catch (e) {
    throw e instanceof VepError && e.code === 'decrypt_failed' ? decryptFailed(WRONG_PASSWORD) : e;
  }
  const publicKey = await publicKeyOf(pkcs8);
  const fingerprint = await sha256Hex(fromB64url(publicKey));
  return { privateKey: await importPrivateKey(pkcs8), privateKeyPkcs8: pkcs8, publicKey, fingerprint };
}

/**
 * Derives the keys from the password and opens the account's private key.
 * @throws {@link VepError} `decrypt_failed` on a wrong password (or changed data), `bad_input` on malformed input.
 */
export async function openAccount(
  password: string,
  kdf: KdfParams,
  userId: string,
  encryptedPrivateKey: Ciphertext,
): Promise<OpenedAccount & OpenedPrivateKey> {
  accountAad(userId); // a malformed id fails now, not after the slow PBKDF2
  const { authKey, accountKey } = await deriveKeys(password, kdf);
  return { authKey, accountKey, ...(await openPrivateKey(accountKey, userId, encryptedPrivateKey)) };
}

/**
 * Re-encrypts the unchanged private key (and the signing key, when the account has one) under a new
 * password with a new salt. `currentAuthKey` proves the
 * old password to the server, which must refuse the change without it (a stolen session is not enough).
 * @throws {@link VepError} `decrypt_failed` when the old password is wrong.
 */
export async function changePassword(
  oldPassword: string,
  oldKdf: KdfParams,
  newPassword: string,
  userId: string,
  encryptedPrivateKey: Ciphertext,
  iterations: number = DEFAULT_ITERATIONS,
  encryptedSigningKey?: Ciphertext | null,
): Promise<{
  kdf: KdfParams;
  authKey: string;
  encryptedPrivateKey: Ciphertext;
  currentAuthKey: string;
  encryptedSigningKey?: Ciphertext;
}> {
  const opened = await openAccount(oldPassword, oldKdf, userId, encryptedPrivateKey);
  const kdf = newKdfParams(iterations);
  const { authKey, accountKey } = await deriveKeys(newPassword, kdf);
  const sealed = await aesGcmEncrypt(accountKey, opened.privateKeyPkcs8, accountAad(userId));
  const out = { kdf, authKey, encryptedPrivateKey: sealed, currentAuthKey: opened.authKey };
  if (!encryptedSigningKey) return out;
  const signingPkcs8 = await aesGcmDecrypt(opened.accountKey, encryptedSigningKey, signingAad(userId));
  try {
    return { ...out, encryptedSigningKey: await aesGcmEncrypt(accountKey, signingPkcs8, signingAad(userId)) };
  } finally {
    signingPkcs8.fill(0);
  }
}
