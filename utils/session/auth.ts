import {
  assertKdfPolicy,
  deriveKeys,
  enroll as enrollKeys,
  MIN_ITERATIONS,
  openAccount,
  openPrivateKey,
  VepError,
  type KdfParams,
} from '@/utils/crypto';
import type { Me, RouteResponse } from '@/utils/contract';
import type { VaultClient } from '@/utils/vault/client';
import { VaultError } from '@/utils/vault/errors';
import type { OpenedSession } from './types';

/** The lowest PBKDF2 count accepted from a server; tests lower it, the product never does. */
export type KdfFloor = { minIterations?: number };

function checkKdf(kdf: KdfParams, floor: KdfFloor): void {
  try {
    assertKdfPolicy(kdf, floor.minIterations ?? MIN_ITERATIONS);
  } catch {
    throw new VaultError('bad_response', {
      detail: 'The server asked for weaker password hashing than this extension accepts.',
    });
  }
}

/** The server must publish the key our private key answers to, or shares "to us" would reach someone else. */
function checkPublishedKey(me: Me, publicKey: string): void {
  if (me.publicKey !== publicKey)
    throw new VaultError('bad_response', { detail: 'The server publishes another public key for this account.' });
}

/**
 * Signs in (docs/crypto.md, "Account keys and login"): prelogin for the KDF parameters, the password
 * stretched on this device, the auth key as proof, then the private key opened with the same derivation.
 */
export async function signIn(
  client: VaultClient,
  username: string,
  password: string,
  floor: KdfFloor = {},
): Promise<OpenedSession> {
  const kdf = await client.call('prelogin', { body: { username } });
  checkKdf(kdf, floor);
  const { authKey, accountKey } = await deriveKeys(password, kdf);
  const { token, expiresAt, user } = await client.call('login', { body: { username, authKey } });
  let opened;
  try {
    opened = await openPrivateKey(accountKey, user.id, user.encryptedPrivateKey);
  } catch {
    // The server accepted the proof, so the password is right: the key it returned is not ours.
    throw new VaultError('bad_response', { detail: 'The account key from the server does not open.' });
  }
  checkPublishedKey(user, opened.publicKey);
  return { token, expiresAt, me: user, privateKey: opened.privateKey, pkcs8: opened.privateKeyPkcs8 };
}

/**
 * Opens the private key with the password alone, from the encrypted copy kept since sign-in: unlocking
 * works offline and the password never leaves the device.
 * @throws {@link VaultError} `wrong_password`
 */
export async function unlockWithPassword(
  me: Me,
  password: string,
  floor: KdfFloor = {},
): Promise<{ privateKey: CryptoKey; pkcs8: Uint8Array }> {
  checkKdf(me.kdf, floor);
  try {
    const opened = await openAccount(password, me.kdf, me.id, me.encryptedPrivateKey);
    checkPublishedKey(me, opened.publicKey);
    return { privateKey: opened.privateKey, pkcs8: opened.privateKeyPkcs8 };
  } catch (e) {
    if (e instanceof VepError && e.code === 'decrypt_failed') throw new VaultError('wrong_password');
    throw e;
  }
}

/** Checks an invitation code; the answer names the person, so the page can confirm before keys are made. */
export function startEnrollment(
  client: VaultClient,
  username: string,
  code: string,
): Promise<RouteResponse<'enrollStart'>> {
  return client.call('enrollStart', { body: { username, code } });
}

/**
 * First-time enrollment: the key pair is made on this device and only its public half and the private half
 * sealed under the password leave it. The iteration count never goes below the client's floor, so the
 * account can always sign in again from this extension.
 */
export async function enroll(
  client: VaultClient,
  username: string,
  code: string,
  password: string,
  floor: KdfFloor = {},
): Promise<OpenedSession> {
  const invite = await startEnrollment(client, username, code);
  const iterations = Math.max(invite.iterations, floor.minIterations ?? MIN_ITERATIONS);
  const keys = await enrollKeys(password, invite.userId, iterations);
  const { authKey, publicKey, encryptedPrivateKey, kdf } = keys;
  const { token, expiresAt, user } = await client.call('enroll', {
    body: { username, code, kdf, authKey, publicKey, encryptedPrivateKey },
  });
  checkPublishedKey(user, publicKey);
  return { token, expiresAt, me: user, privateKey: keys.privateKey, pkcs8: keys.privateKeyPkcs8 };
}
