import { z } from './zod';

/** base64url without padding, the encoding of every binary field on the wire (docs/crypto.md). */
export const B64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url without padding')
  .max(8192);

/** A client-generated UUID v4: secrets, groups and links bind their id into their ciphertext. */
export const Uuid = z.uuid({ version: 'v4', message: 'must be a UUID v4' });

/** Any id the server hands out (users get theirs at invitation). */
export const Id = z.uuid({ message: 'must be a UUID' });

/** A SHA-256 fingerprint of a public key's SPKI bytes, as 64 lowercase hex digits. */
export const Fingerprint = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** An AES-256-GCM ciphertext object of VEP/1; `ct` includes the 16-byte tag. */
export const Ciphertext = z.strictObject({
  v: z.literal(1),
  iv: B64url.length(16, 'must be a 12-byte IV'),
  ct: B64url.min(22, 'is too short to hold a GCM tag'),
});
export type Ciphertext = z.infer<typeof Ciphertext>;

export const RecipientKind = z.enum(['user', 'group']);
export type RecipientKind = z.infer<typeof RecipientKind>;

/** An ECDSA P-256 signature, `r || s` (64 bytes), base64url (docs/crypto.md, "Signing keys"). */
export const Signature = B64url.length(86, 'must be a 64-byte P-256 signature');

/**
 * One key wrapped for one recipient's public key (docs/crypto.md, "Grants"). A VEP/2 grant adds its key
 * revision, its granter and the granter's signature; a VEP/1 grant has none of the three.
 */
export const Grant = z.strictObject({
  recipientKind: RecipientKind,
  recipientId: Id,
  recipientKeyFingerprint: Fingerprint,
  ephemeralPublicKey: B64url.min(80).max(200),
  iv: B64url.length(16, 'must be a 12-byte IV'),
  ct: B64url.min(22),
  revision: z.number().int().min(1).optional(),
  granterId: Id.optional(),
  signature: Signature.optional(),
});
export type Grant = z.infer<typeof Grant>;

/** An SPKI-encoded P-256 public key. */
export const PublicKey = B64url.min(80).max(200);

/**
 * The person who signed a grant, as the server presents them next to it, with the role that lets them sign
 * it (docs/crypto.md, "Verifying a grant"). Null for an unsigned (VEP/1) grant.
 */
const SigningPerson = z.object({ id: Id, name: z.string(), username: z.string(), signingPublicKey: PublicKey });

export const Signer = SigningPerson.extend({
  role: z.enum(['owner', 'editor', 'manager', 'none']),
  /**
   * For a manager of a group made one by another manager: that manager's signed decision (docs/crypto.md,
   * "Membership statement", action `manager`). Absent for the owner, a manager named by the administrator's
   * tool, and one made a manager before decisions were signed.
   */
  managerProof: z.object({ by: SigningPerson, at: z.iso.datetime({ offset: true }), signature: Signature }).nullish(),
});
export type Signer = z.infer<typeof Signer>;

export const Timestamp = z.iso.datetime({ offset: true });

/** RFC 9457 problem details with a stable machine `code` and a sentence a person understands. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Ok = z.object({ ok: z.literal(true) });
