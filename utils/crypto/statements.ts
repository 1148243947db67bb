import { fromB64url, utf8 } from './encoding';
import { badInput } from './errors';
import type { RecipientKind, SubjectKind } from './context';

/** One field of a signed statement: text (UTF-8), bytes, or a whole number (uint64, big-endian). */
export type Field = string | Uint8Array | { u64: number };

/** A field's bytes: text as UTF-8, bytes as they are, a number as 8 bytes, big-endian (written in place). */
function bytesOfField(f: Field): Uint8Array | number {
  if (typeof f === 'string') return utf8(f);
  if (f instanceof Uint8Array) return f;
  if (!Number.isSafeInteger(f.u64) || f.u64 < 0) throw badInput('A signed number must be a whole number from 0.');
  return f.u64;
}

/** Writes `n` (at most 2^53 - 1) as `bytes` big-endian bytes at `at`. */
function writeUint(out: Uint8Array, at: number, n: number, bytes: number): void {
  for (let i = bytes - 1; i >= 0; i--) {
    out[at + i] = n % 256;
    n = Math.floor(n / 256);
  }
}

/**
 * The canonical encoding of a signed statement (docs/crypto.md, "Canonical encoding"): each field as a
 * 4-byte big-endian length then its bytes. The prefixes make it unambiguous: no two field lists give the
 * same bytes, whatever the fields contain, so a signature cannot be reread with fields shifted.
 */
export function encodeFields(fields: readonly Field[]): Uint8Array<ArrayBuffer> {
  // One buffer for the whole statement: every value the index opens checks one (a buffer per length prefix
  // was about twenty short-lived ArrayBuffers a grant).
  const parts = fields.map(bytesOfField);
  const out = new Uint8Array(parts.reduce<number>((n, p) => n + 4 + (typeof p === 'number' ? 8 : p.length), 0));
  let at = 0;
  for (const p of parts) {
    const length = typeof p === 'number' ? 8 : p.length;
    writeUint(out, at, length, 4);
    if (typeof p === 'number') writeUint(out, at + 4, p, 8);
    else out.set(p, at + 4);
    at += 4 + length;
  }
  return out;
}

function fingerprintBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw badInput('A fingerprint must be 64 lowercase hex digits.');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** What a grant statement covers: the grant's fields, its subject, key revision and granter. */
export type GrantStatementInput = {
  subjectKind: SubjectKind;
  subjectId: string;
  recipientKind: RecipientKind;
  recipientId: string;
  recipientKeyFingerprint: string;
  ephemeralPublicKey: string;
  iv: string;
  ct: string;
  revision: number;
  granterId: string;
};

/** The bytes a granter signs for one grant (docs/crypto.md, "Grant statement"). */
export function grantStatement(g: GrantStatementInput): Uint8Array<ArrayBuffer> {
  return encodeFields([
    'vep2/grant',
    g.subjectKind,
    g.subjectId,
    g.recipientKind,
    g.recipientId,
    fingerprintBytes(g.recipientKeyFingerprint),
    fromB64url(g.ephemeralPublicKey),
    fromB64url(g.iv),
    fromB64url(g.ct),
    { u64: g.revision },
    g.granterId,
  ]);
}

/**
 * What a manager decides about a member: remove (or refuse) them, make them a manager, or make a manager a
 * plain member again.
 */
export type MembershipAction = 'remove' | 'manager' | 'member';

/**
 * The bytes a manager signs for a change of a group's membership: removing or refusing a member, or changing
 * their role (docs/crypto.md, "Membership statement").
 */
export function membershipStatement(m: {
  action: MembershipAction;
  groupId: string;
  memberId: string;
  managerId: string;
  at: string;
}): Uint8Array<ArrayBuffer> {
  return encodeFields(['vep2/membership', m.action, m.groupId, m.memberId, m.managerId, m.at]);
}

/** The bytes a new signing key signs to bind itself to its account and encryption key. */
export function keyBindingStatement(k: {
  userId: string;
  publicKey: string;
  signingPublicKey: string;
}): Uint8Array<ArrayBuffer> {
  return encodeFields(['vep2/signing-key', k.userId, fromB64url(k.publicKey), fromB64url(k.signingPublicKey)]);
}
