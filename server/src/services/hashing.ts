import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's second recommended setting (19 MiB, 2 passes). The input is already a 256-bit
// HKDF output, so this guards a stolen database against cheap offline checks, not weak passwords.
const params = {
  algorithm: 2 /* Argon2id; the package's enum is a const enum */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashAuthKey = (authKey: string) => hash(authKey, params);
export const verifyAuthKey = (stored: string, authKey: string) => verify(stored, authKey).catch(() => false);

/** A decoy hash so that a sign-in for an unknown user costs the same time as a real one. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashAuthKey(randomBytes(32).toString('base64url')));

/** Session tokens and enrollment codes are high-entropy, so one SHA-256 is enough to store them. */
export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

export const hmac = (key: Uint8Array, s: string) => createHmac('sha256', key).update(s).digest();

export const newToken = () => randomBytes(32).toString('base64url');

/** An enrollment code a person can type: 25 characters of an unambiguous alphabet in groups of five. */
export function newEnrollmentCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(25);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** Codes are compared without regard to case, spaces or dashes, which people type differently. */
export function normalizeCode(code: string): string {
  const plain = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return (plain.match(/.{1,5}/g) ?? []).join('-');
}
