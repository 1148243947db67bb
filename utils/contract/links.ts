import { z } from './zod';
import { B64url, Ciphertext, Grant, Id, Timestamp, Uuid } from './common';

/** The administrator's sharing options, as the extension needs them to offer (or hide) external links. */
export const SharingPolicy = z.object({
  external: z.boolean(),
  /** The longest a link may live, in seconds. */
  maxLinkSeconds: z.number().int().positive(),
  /**
   * Where links point: the administrator's base URL, else the server's PUBLIC_URL; null means the vault
   * server's own address, as the extension knows it.
   */
  baseUrl: z.string().nullable(),
});
export type SharingPolicy = z.infer<typeof SharingPolicy>;

export const LinkStatus = z.enum(['active', 'finished', 'expired', 'revoked']);
export type LinkStatus = z.infer<typeof LinkStatus>;

/** The most accesses a link may allow when it is not unlimited. */
export const MAX_LINK_ACCESSES = 1000;

/** The PBKDF2 count a link's access code is stretched with (docs/crypto.md, "External links"). */
const CodeIterations = z.number().int().min(600_000, 'must be at least 600,000').max(10_000_000);

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const CreateLinkRequest = z.strictObject({
  /** Bound into the link's ciphertext and key derivation, so the client picks it. */
  id: Uuid,
  secretId: Id,
  recipientEmail: z.email({ message: "Recipient's email is not a valid email address" }).max(254),
  expiresAt: Timestamp,
  /** null: unlimited. */
  maxAccesses: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(MAX_LINK_ACCESSES, `must be at most ${MAX_LINK_ACCESSES}`)
    .nullable(),
  /** `{ name, url, clientId, clientSecret }` under the link's own key. */
  ciphertext: Ciphertext,
  /** SHA-256 of the verifier the opener will present, as hex. */
  verifierHash: Sha256Hex,
  /** Present when the link has an access code: the PBKDF2 count the page stretches it with. */
  code: z.strictObject({ iterations: CodeIterations }).nullable(),
  /** The fragment key wrapped for the sharer's own public key, so they alone can copy the link again. */
  sharerGrant: Grant,
});
export type CreateLinkRequest = z.infer<typeof CreateLinkRequest>;

export const LinkAccess = z.object({
  at: Timestamp,
  /** The client's network, never its full address: a /24 (IPv4) or /48 (IPv6). */
  network: z.string(),
  browser: z.string(),
  outcome: z.enum(['opened', 'wrong_code']),
});
export type LinkAccess = z.infer<typeof LinkAccess>;

export const LinkView = z.object({
  id: Id,
  secretId: Id,
  secretName: z.string(),
  recipientEmail: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  maxAccesses: z.number().int().nullable(),
  accesses: z.number().int(),
  /** null: unlimited. */
  remainingAccesses: z.number().int().nullable(),
  status: LinkStatus,
  hasCode: z.boolean(),
  revokedAt: Timestamp.nullable(),
  lastEmailedAt: Timestamp.nullable(),
  sharerGrant: Grant,
  log: z.array(LinkAccess),
});
export type LinkView = z.infer<typeof LinkView>;

/** The most links one page of the list holds, and how many it holds unless asked for fewer. */
export const LINK_PAGE_MAX = 100;
export const LINK_PAGE_DEFAULT = 50;

/**
 * Where the next page of links starts: the last link sent, as its creation time and id (the list's order).
 * Opaque to clients, which only send back the `next` they were given.
 */
export const LinkCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/, 'is not a link list cursor');

/** One page of the caller's links, newest first; `next` is where the rest continues, null on the last page. */
export const LinkList = z.object({ links: z.array(LinkView), next: LinkCursor.nullable() });
export type LinkList = z.infer<typeof LinkList>;
export const LinkListQuery = z.strictObject({
  secretId: Id.optional(),
  cursor: LinkCursor.optional(),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(LINK_PAGE_MAX, `must be at most ${LINK_PAGE_MAX}`)
    .default(LINK_PAGE_DEFAULT),
});

/** Emailing a link: the server writes `<base>/s/<id>#<fragmentKey>` into the message and keeps none of it. */
export const SendLinkRequest = z.strictObject({ fragmentKey: B64url.length(43, 'must be a 32-byte key') });

/** What the link page learns before asking for anything. */
export const PublicLinkInfo = z.object({
  status: LinkStatus,
  /** Present while the link is active and has an access code. */
  code: z.object({ iterations: z.number().int() }).nullable(),
});
export type PublicLinkInfo = z.infer<typeof PublicLinkInfo>;

export const OpenLinkRequest = z.strictObject({ verifier: B64url.length(43, 'must be a 32-byte verifier') });
export const OpenLinkResponse = z.object({ ciphertext: Ciphertext, remainingAccesses: z.number().int().nullable() });
export type OpenLinkResponse = z.infer<typeof OpenLinkResponse>;
