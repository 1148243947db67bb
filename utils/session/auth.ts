import {
  assertKdfPolicy,
  deriveKeys,
  enroll as enrollKeys,
  MIN_ITERATIONS,
  newAccountSigningKey,
  openAccount,
  openPrivateKey,
  openSigningKey,
  VepError,
  type KdfParams,
} from '@/utils/crypto';
import type { Me, RouteResponse } from '@/utils/contract';
import type { VaultClient } from '@/utils/vault/client';
import { VaultError } from '@/utils/vault/errors';
import type { OpenedSession, SigningKeys } from './types';

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
 * Opens the account's signing key (docs/crypto.md, "Signing keys") and checks that the server publishes the
 * key it answers to; for a VEP/1 account with none, makes one and publishes it, when `client` can reach the
 * server. Offline, a VEP/1 account stays without one until the next unlock online.
 */
async function signingKeysOf(accountKey: CryptoKey, me: Me, client?: VaultClient): Promise<SigningKeys & { me: Me }> {
  if (me.encryptedSigningKey) {
    const opened = await openSigningKey(accountKey, me.id, me.encryptedSigningKey).catch(() => {
      throw new VaultError('bad_response', { detail: 'The signing key from the server does not open.' });
    });
    if (opened.signingPublicKey !== me.signingPublicKey)
      throw new VaultError('bad_response', { detail: 'The server publishes another signing key for this account.' });
    return { me, signingKey: opened.signingKey, signingPkcs8: opened.signingKeyPkcs8 };
  }
  if (!client) return { me };
  const made = await newAccountSigningKey(accountKey, me.id, me.publicKey);
  const body = {
    signingPublicKey: made.signingPublicKey,
    encryptedSigningKey: made.encryptedSigningKey,
    signingKeyProof: made.signingKeyProof,
  };
  const updated = await client.call('setSigningKey', { body }).catch(() => undefined);
  if (!updated || updated.signingPublicKey !== made.signingPublicKey) return { me };
  return { me: updated, signingKey: made.signingKey, signingPkcs8: made.signingKeyPkcs8 };
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
  authed?: (token: string) => VaultClient,
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
  const signing = await signingKeysOf(accountKey, user, authed?.(token));
  return { token, expiresAt, privateKey: opened.privateKey, pkcs8: opened.privateKeyPkcs8, ...signing };
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
  client?: VaultClient,
): Promise<{ privateKey: CryptoKey; pkcs8: Uint8Array; me: Me } & SigningKeys> {
  checkKdf(me.kdf, floor);
  let opened;
  try {
    opened = await openAccount(password, me.kdf, me.id, me.encryptedPrivateKey);
  } catch (e) {
    if (e instanceof VepError && e.code === 'decrypt_failed') throw new VaultError('wrong_password');
    throw e;
  }
  checkPublishedKey(me, opened.publicKey);
  return {
    privateKey: opened.privateKey,
    pkcs8: opened.privateKeyPkcs8,
    ...(await signingKeysOf(opened.accountKey, me, client)),
  };
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
  const signing = {
    signingPublicKey: keys.signingPublicKey,
    encryptedSigningKey: keys.encryptedSigningKey,
    signingKeyProof: keys.signingKeyProof,
  };
  const { token, expiresAt, user } = await client.call('enroll', {
    body: { username, code, kdf, authKey, publicKey, encryptedPrivateKey, signing },
  });
  checkPublishedKey(user, publicKey);
  if (user.signingPublicKey !== keys.signingPublicKey)
    throw new VaultError('bad_response', { detail: 'The server publishes another signing key for this account.' });
  return {
    token,
    expiresAt,
    me: user,
    privateKey: keys.privateKey,
    pkcs8: keys.privateKeyPkcs8,
    signingKey: keys.signingKey,
    signingPkcs8: keys.signingKeyPkcs8,
  };
}
