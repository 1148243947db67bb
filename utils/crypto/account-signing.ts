import { type Ciphertext, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { signingAad } from './context';
import { decryptFailed } from './errors';
import { fingerprintOf } from './fingerprint';
import { importSigningKey, newSigningKeys, sign, signingPublicKeyOf, verify } from './signing';
import { keyBindingStatement } from './statements';

/** What an account publishes and stores for its signing key (docs/crypto.md, "Signing keys"). */
export type SigningUpload = { signingPublicKey: string; encryptedSigningKey: Ciphertext; signingKeyProof: string };

/** An opened signing key, with the public key computed from it (to compare with the server's). */
export type OpenedSigningKey = { signingKey: CryptoKey; signingPublicKey: string; signingFingerprint: string };

/** An opened signing key with its PKCS8 bytes, for a caller that must keep a wrapped copy (the caller zeroes them). */
export type OpenedSigningKeyBytes = OpenedSigningKey & { signingKeyPkcs8: Uint8Array };

/**
 * Makes an account's signing key pair, seals its private key under the account key with AAD
 * `vep2/signing/<userId>`, and signs the key-binding statement with it.
 * @param publicKey - the account's ECDH public key, which the binding names
 */
export async function newAccountSigningKey(
  accountKey: CryptoKey,
  userId: string,
  publicKey: string,
): Promise<SigningUpload & OpenedSigningKeyBytes> {
  const aad = signingAad(userId);
  const pair = await newSigningKeys();
  const encryptedSigningKey = await aesGcmEncrypt(accountKey, pair.signingKeyPkcs8, aad);
  const signingKeyProof = await sign(
    pair.signingKey,
    keyBindingStatement({ userId, publicKey, signingPublicKey: pair.signingPublicKey }),
  );
  return { ...pair, encryptedSigningKey, signingKeyProof };
}

/**
 * Opens an account's signing key.
 * @throws {@link VepError} `decrypt_failed` when the account key is wrong or the data was changed.
 */
export async function openSigningKey(
  accountKey: CryptoKey,
  userId: string,
  encryptedSigningKey: Ciphertext,
): Promise<OpenedSigningKeyBytes> {
  const pkcs8 = await aesGcmDecrypt(accountKey, encryptedSigningKey, signingAad(userId));
  const signingPublicKey = await signingPublicKeyOf(pkcs8).catch(() => {
    throw decryptFailed('The signing key of this account is not a P-256 key.');
  });
  return {
    signingKey: await importSigningKey(pkcs8),
    signingKeyPkcs8: pkcs8,
    signingPublicKey,
    signingFingerprint: await fingerprintOf(signingPublicKey),
  };
}

/**
 * Whether `signingKeyProof` is the signing key's own signature binding it to `userId` and `publicKey`.
 * @throws {@link VepError} `bad_input` when a key is not canonical P-256 SPKI.
 */
export function verifyKeyBinding(k: {
  userId: string;
  publicKey: string;
  signingPublicKey: string;
  signingKeyProof: string;
}): Promise<boolean> {
  return verify(k.signingPublicKey, keyBindingStatement(k), k.signingKeyProof);
}
