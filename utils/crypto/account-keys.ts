import { DEFAULT_ITERATIONS, MAX_ITERATIONS, MIN_ITERATIONS, SALT_BYTES } from './constants';
import { fromB64url, toB64url, utf8 } from './encoding';
import { badInput } from './errors';
import { ACCOUNT_INFO, AUTH_INFO } from './context';
import { hkdfSha256, pbkdf2Sha256 } from './kdf';
import { randomBytes } from './random';

/** A user's password-stretching parameters, public (prelogin returns them). */
export type KdfParams = { salt: string /* b64url, 16 bytes */; iterations: number };

/** What a password opens: the login proof for the server and the key for the account's private key. */
export type DerivedKeys = { authKey: string /* b64url, 32 bytes */; accountKey: CryptoKey };

function kdfSalt(kdf: KdfParams): Uint8Array<ArrayBuffer> {
  if (typeof kdf !== 'object' || kdf === null) throw badInput('The KDF parameters are missing.');
  if (!Number.isSafeInteger(kdf.iterations) || kdf.iterations < 1 || kdf.iterations > MAX_ITERATIONS) {
    throw badInput(`The PBKDF2 iteration count must be a whole number from 1 to ${MAX_ITERATIONS}.`);
  }
  const salt = fromB64url(kdf.salt);
  if (salt.length !== SALT_BYTES) throw badInput('The PBKDF2 salt must be 16 bytes.');
  return salt;
}

/** Fresh parameters, with a new random 16-byte salt, for an enrollment or a password change. */
export function newKdfParams(iterations: number = DEFAULT_ITERATIONS): KdfParams {
  const kdf = { salt: toB64url(randomBytes(SALT_BYTES)), iterations };
  kdfSalt(kdf);
  return kdf;
}

/**
 * Refuses prelogin parameters weaker than the client's floor. The server chooses `iterations`, so without
 * this check a hostile server could ask for 1 and get an authKey it can brute-force offline cheaply.
 * The product calls it with the default floor on every prelogin answer; only tests pass a lower one.
 * @throws {@link VepError} `bad_input` on a count below `minIterations` or malformed parameters.
 */
export function assertKdfPolicy(kdf: KdfParams, minIterations: number = MIN_ITERATIONS): void {
  kdfSalt(kdf);
  if (kdf.iterations < minIterations) {
    throw badInput('The server asked for a weaker password hashing than this client accepts.');
  }
}

/**
 * Stretches the password (NFC, UTF-8) with PBKDF2 into a master key that never leaves this function, then
 * separates it with HKDF into the login proof and the account key. The shared salt is harmless: the two
 * outputs differ by HKDF info, and neither reveals the other or the master key.
 * @throws {@link VepError} `bad_input` on an empty password or malformed parameters.
 */
export async function deriveKeys(password: string, kdf: KdfParams): Promise<DerivedKeys> {
  const salt = kdfSalt(kdf);
  if (typeof password !== 'string' || password.length === 0) throw badInput('The password is empty.');
  const masterKey = await pbkdf2Sha256(utf8(password.normalize('NFC')), salt, kdf.iterations);
  const noSalt = new Uint8Array(0);
  const authKey = await hkdfSha256(masterKey, noSalt, AUTH_INFO);
  const accountBytes = await hkdfSha256(masterKey, noSalt, ACCOUNT_INFO);
  const accountKey = await globalThis.crypto.subtle.importKey('raw', accountBytes, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  // Best effort only (JS may have copied them), but it shortens the life of the bytes we control.
  masterKey.fill(0);
  accountBytes.fill(0);
  return { authKey: toB64url(authKey), accountKey };
}
