import { concatBytes, fromB64url, utf8 } from './encoding';
import { badInput } from './errors';
import type { RecipientKind, SubjectKind } from './context';

/** One field of a signed statement: text (UTF-8), bytes, or a whole number (uint64, big-endian). */
export type Field = string | Uint8Array | { u64: number };

function bytesOfField(f: Field): Uint8Array {
  if (typeof f === 'string') return utf8(f);
  if (f instanceof Uint8Array) return f;
  if (!Number.isSafeInteger(f.u64) || f.u64 < 0) throw badInput('A signed number must be a whole number from 0.');
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(f.u64));
  return out;
}

/**
 * The canonical encoding of a signed statement (docs/crypto.md, "Canonical encoding"): each field as a
 * 4-byte big-endian length then its bytes. The prefixes make it unambiguous: no two field lists give the
 * same bytes, whatever the fields contain, so a signature cannot be reread with fields shifted.
 */
export function encodeFields(fields: readonly Field[]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  for (const f of fields) {
    const b = bytesOfField(f);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, b.length);
    parts.push(len, b);
  }
  return concatBytes(...parts);
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
