import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  EnrollRequest,
  EnrollStartRequest,
  LoginRequest,
  ChangePasswordRequest,
  Me,
  Session,
  SigningKeyUpload,
} from '../../../utils/contract';
import { fingerprintOf, importPublicKey, importVerifyKey, toB64url, verifyKeyBinding } from '../../../utils/crypto';
import { Conflict, Forbidden, Gone, Invalid, Unauthorized } from './errors';
import { write } from '../db/tx';
import type { UsersTable } from '../db/schema';
import type { Ctx } from './context';
import {
  decoyHash,
  hashAuthKey,
  hmac,
  newEnrollmentCode,
  newToken,
  normalizeCode,
  sha256Hex,
  verifyAuthKey,
} from './hashing';
import { isoIn, nowIso } from './clock';
import { audit } from './audit';
import { notifyAll } from './changes';
import { indexUser } from './directory-index';
import { reserveAttempt } from './sign-in-throttle';
import { toMe } from './to-contract';
import { assertKdfFloor, decoyIterations } from './kdf-policy';

const badCredentials = () => new Unauthorized('invalid_credentials', 'The username or password is not correct.');
const badCode = () =>
  new Unauthorized(
    'invalid_enrollment_code',
    'This invitation code is not valid for this username. Check both, or ask your administrator for a new code.',
  );

/** Invites a user (administrator tool): a pending account and a one-time enrollment code, returned once. */
export async function invite(
  ctx: Ctx,
  input: { username: string; name: string; email: string; isAdmin?: boolean },
  actorId: string | null = null,
) {
  const code = newEnrollmentCode();
  const id = randomUUID();
  const now = nowIso();
  await write(ctx.store, async (tx) => {
    const taken = await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new Conflict('username_taken', `The username "${input.username}" is already in use.`);
    await tx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        name: input.name,
        email: input.email,
        is_admin: input.isAdmin ? 1 : 0,
        status: 'pending',
        enroll_code_hash: sha256Hex(code),
        enroll_expires_at: isoIn(ctx.config.enrollmentTtlMs),
        kdf_salt: null,
        kdf_iterations: null,
        auth_hash: null,
        public_key: null,
        fingerprint: null,
        encrypted_private_key: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(tx, {
      actorId,
      action: 'user.invited',
      objectKind: 'user',
      objectId: id,
      details: { username: input.username },
    });
  });
  return { id, code };
}

/** Salt and iterations for a username; unknown and pending usernames get a stable decoy. */
export async function prelogin(ctx: Ctx, username: string) {
  const u = await ctx.store.db
    .selectFrom('users')
    .select(['kdf_salt', 'kdf_iterations', 'status'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (u && u.status !== 'pending' && u.kdf_salt && u.kdf_iterations)
    return { salt: u.kdf_salt, iterations: u.kdf_iterations };
  return {
    salt: toB64url(hmac(ctx.serverSecret, `prelogin/${username}`).subarray(0, 16)),
    iterations: await decoyIterations(ctx.store.db, ctx.serverSecret, username, ctx.config.kdfIterations),
  };
}

/**
 * Checks a signing key upload: a canonical P-256 key whose own signature binds it to this account and its
 * encryption key (docs/crypto.md, "Key-binding statement"). Returns the columns to store.
 */
async function signingColumns(userId: string, publicKey: string, s: z.output<typeof SigningKeyUpload>) {
  const bad = () =>
    new Invalid('invalid_signing_key', 'The signing key is not a valid P-256 key bound to this account.');
  await importVerifyKey(s.signingPublicKey).catch(() => {
    throw bad();
  });
  if (!(await verifyKeyBinding({ userId, publicKey, ...s }).catch(() => false))) throw bad();
  return {
    signing_public_key: s.signingPublicKey,
    signing_fingerprint: await fingerprintOf(s.signingPublicKey),
    encrypted_signing_key: JSON.stringify(s.encryptedSigningKey),
    signing_key_proof: s.signingKeyProof,
  };
}

async function openSession(ctx: Ctx, u: UsersTable): Promise<Session> {
  const token = newToken();
  const expiresAt = isoIn(ctx.config.sessionTtlMs);
  await ctx.store.db
    .insertInto('sessions')
    .values({ token_hash: sha256Hex(token), user_id: u.id, created_at: nowIso(), expires_at: expiresAt })
    .execute();
  return { token, expiresAt, user: toMe(u) };
}

export async function login(ctx: Ctx, body: z.output<typeof LoginRequest>, ip: string): Promise<Session> {
  const attempt = await reserveAttempt(ctx, 'login', body.username, ip);
  const u = await ctx.store.db.selectFrom('users').selectAll().where('username', '=', body.username).executeTakeFirst();
  const ok =
    u && u.status !== 'pending' && u.auth_hash
      ? await verifyAuthKey(u.auth_hash, body.authKey)
      : (await verifyAuthKey(await decoyHash(), body.authKey), false);
  if (!ok || !u) {
    await attempt.failed();
    throw badCredentials();
  }
  await attempt.succeeded();
  // Told only to someone who proved the password, so it does not reveal who was offboarded.
  if (u.status === 'disabled')
    throw new Forbidden(
      'account_disabled',
      'Your account has been disabled by an administrator. Ask them if you need access again.',
    );
  return openSession(ctx, u);
}

/** Checks an invitation code; expiry is told only to someone who holds the right code. */
async function pendingUser(ctx: Ctx, username: string, code: string, ip: string) {
  const attempt = await reserveAttempt(ctx, 'enroll', username, ip);
  const u = await ctx.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!u || u.status !== 'pending' || u.enroll_code_hash !== sha256Hex(normalizeCode(code))) {
    await attempt.failed();
    throw badCode();
  }
  await attempt.succeeded();
  if (!u.enroll_expires_at || u.enroll_expires_at < nowIso())
    throw new Gone(
      'enrollment_code_expired',
      'This invitation code has expired. Ask your administrator for a new one.',
    );
  return u;
}

export async function enrollStart(ctx: Ctx, body: z.output<typeof EnrollStartRequest>, ip: string) {
  const u = await pendingUser(ctx, body.username, body.code, ip);
  return { userId: u.id, username: u.username, name: u.name, email: u.email, iterations: ctx.config.kdfIterations };
}

export async function enroll(ctx: Ctx, body: z.output<typeof EnrollRequest>, ip: string): Promise<Session> {
  assertKdfFloor(ctx.config, body.kdf.iterations);
  const u = await pendingUser(ctx, body.username, body.code, ip);
  // importPublicKey checks that it is a canonical P-256 key; fingerprintOf alone would hash any bytes.
  const fingerprint = await importPublicKey(body.publicKey)
    .then(() => fingerprintOf(body.publicKey))
    .catch(() => {
      throw new Invalid('invalid_public_key', 'The public key is not a valid P-256 key.');
    });
  const signing = body.signing ? await signingColumns(u.id, body.publicKey, body.signing) : {};
  const authHash = await hashAuthKey(body.authKey);
  await write(ctx.store, async (tx) => {
    // The status check inside the write makes a code usable exactly once, even under a race.
    const done = await tx
      .updateTable('users')
      .set({
        status: 'active',
        enroll_code_hash: null,
        enroll_expires_at: null,
        kdf_salt: body.kdf.salt,
        kdf_iterations: body.kdf.iterations,
        auth_hash: authHash,
        public_key: body.publicKey,
        fingerprint,
        encrypted_private_key: JSON.stringify(body.encryptedPrivateKey),
        updated_at: nowIso(),
        ...signing,
      })
      .where('id', '=', u.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw badCode();
    await indexUser(tx, u.id);
    await notifyAll(tx, 'user', u.id);
    await audit(tx, { actorId: u.id, action: 'user.enrolled', objectKind: 'user', objectId: u.id });
  });
  const fresh = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
  return openSession(ctx, fresh);
}

export async function me(ctx: Ctx, userId: string): Promise<Me> {
  return toMe(await ctx.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow());
}

/**
 * Sets the account's signing key, once (a VEP/1 account's client does it at its next unlock). Refusing a
 * replacement keeps a stolen session from swapping the key that vouches for every grant the user makes.
 */
export async function setSigningKey(ctx: Ctx, userId: string, body: z.output<typeof SigningKeyUpload>): Promise<Me> {
  const u = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const columns = await signingColumns(userId, u.public_key!, body);
  await write(ctx.store, async (tx) => {
    const done = await tx
      .updateTable('users')
      .set({ ...columns, updated_at: nowIso() })
      .where('id', '=', userId)
      .where('signing_public_key', 'is', null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1)
      throw new Conflict('signing_key_set', 'This account already has a signing key; it cannot be replaced.');
    await notifyAll(tx, 'user', userId);
    await audit(tx, {
      actorId: userId,
      action: 'user.signing_key_set',
      objectKind: 'user',
      objectId: userId,
      details: { signingFingerprint: columns.signing_fingerprint },
    });
  });
  return me(ctx, userId);
}

export async function logout(ctx: Ctx, tokenHash: string) {
  await ctx.store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  return { ok: true as const };
}

/** Password change: the key pair stays; other sessions end, this one goes on. */
export async function changePassword(
  ctx: Ctx,
  userId: string,
  tokenHash: string,
  body: z.output<typeof ChangePasswordRequest>,
  ip: string,
) {
  assertKdfFloor(ctx.config, body.kdf.iterations);
  const u = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  // The same budget as sign-in: a stolen session must not become an unthrottled password oracle.
  const attempt = await reserveAttempt(ctx, 'login', u.username, ip, 'password_change');
  if (!(await verifyAuthKey(u.auth_hash!, body.currentAuthKey))) {
    await attempt.failed();
    throw new Forbidden('invalid_credentials', 'The current password is not correct.');
  }
  if (u.encrypted_signing_key && !body.encryptedSigningKey) {
    await attempt.succeeded();
    throw new Invalid(
      'signing_key_required',
      'Your account has a signing key: send it sealed under the new password too.',
    );
  }
  await attempt.succeeded();
  const authHash = await hashAuthKey(body.authKey);
  const signing =
    u.encrypted_signing_key && body.encryptedSigningKey
      ? { encrypted_signing_key: JSON.stringify(body.encryptedSigningKey) }
      : {};
  await write(ctx.store, async (tx) => {
    await tx
      .updateTable('users')
      .set({
        kdf_salt: body.kdf.salt,
        kdf_iterations: body.kdf.iterations,
        auth_hash: authHash,
        encrypted_private_key: JSON.stringify(body.encryptedPrivateKey),
        ...signing,
        updated_at: nowIso(),
      })
      .where('id', '=', userId)
      .execute();
    await tx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '!=', tokenHash).execute();
    await audit(tx, { actorId: userId, action: 'user.password_changed', objectKind: 'user', objectId: userId });
  });
  return { ok: true as const };
}

/** Resolves a bearer token to its user; expired sessions are deleted when met. */
export async function authenticate(ctx: Ctx, authorization: string | undefined) {
  const token = authorization?.match(/^Bearer ([A-Za-z0-9_-]{20,100})$/)?.[1];
  if (!token) throw new Unauthorized('unauthenticated', 'Sign in to continue.');
  const tokenHash = sha256Hex(token);
  const s = await ctx.store.db
    .selectFrom('sessions')
    .select(['user_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!s) throw new Unauthorized('session_expired', 'Your session has ended. Sign in again.');
  if (s.expires_at < nowIso()) {
    await ctx.store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    throw new Unauthorized('session_expired', 'Your session has ended. Sign in again.');
  }
  return { userId: s.user_id, tokenHash };
}
