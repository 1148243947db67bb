import { z } from './zod';
import { Ciphertext, Grant, Id, RecipientKind, Signer, Timestamp, Uuid } from './common';
import { GroupKind, UserRef } from './directory';
import { displayName, multiLine, singleLine } from './text';

export const Method = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OTHER']);
export type Method = z.infer<typeof Method>;

export const SecretStatus = z.enum(['enabled', 'disabled']);

const Name = displayName(
  z.string().trim().min(1, 'Name is required').max(200, 'Name is too long (200 characters at most)'),
);
const Url = singleLine(z.string().trim().min(1, 'URL is required').max(2000, 'URL is too long')).refine(
  (s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol),
  'URL must start with http:// or https://',
);
const ClientId = singleLine(z.string().trim().min(1, 'Client ID is required').max(500, 'Client ID is too long'));
const Identifier = displayName(z.string().trim().max(100, 'Identifier is too long'))
  .transform((s) => (s === '' ? null : s))
  .nullable();
const Tags = z
  .array(displayName(z.string().trim().min(1).max(50, 'A tag is at most 50 characters')))
  .max(20, 'At most 20 tags')
  .transform((t) => [...new Set(t)]);
const Notes = multiLine(z.string().max(5000, 'Notes are too long (5,000 characters at most)'));

/** The descriptive fields, kept in clear so that the list, the search and the audit work. */
export const SecretFieldsInput = z.strictObject({
  name: Name,
  url: Url,
  clientId: ClientId,
  identifier: Identifier.default(null),
  method: Method.default('GET'),
  tags: Tags.default([]),
  notes: Notes.default(''),
});

export const CreateSecretRequest = SecretFieldsInput.extend({
  id: Uuid,
  /** `{ clientSecret }` under the itemKey, aad "vep1/secret/<id>/1". */
  value: Ciphertext,
  /** The itemKey granted to the owner. */
  ownerGrant: Grant,
});

export const UpdateSecretRequest = z.strictObject({
  baseRevision: z.number().int().min(1),
  name: Name.optional(),
  url: Url.optional(),
  clientId: ClientId.optional(),
  identifier: Identifier.optional(),
  method: Method.optional(),
  tags: Tags.optional(),
  notes: Notes.optional(),
  /** A rewritten sensitive value; `valueRevision` must be the current one plus one. */
  value: z.strictObject({ ciphertext: Ciphertext, valueRevision: z.number().int().min(2) }).optional(),
});

export const StatusRequest = z.strictObject({ baseRevision: z.number().int().min(1) });

export const Permissions = z.object({ view: z.boolean(), edit: z.boolean(), share: z.boolean() });

/** A recipient a row's access summary names: a user or a group, with the name to show. */
export const AccessName = z.object({ kind: RecipientKind, id: Id, name: z.string() });
export type AccessName = z.infer<typeof AccessName>;

/**
 * Who has access, counted: `users` and `groups` on the list besides the owner, and `named`, its first two
 * (users first), so that a row can say "You, Bob Silva and Payments on-call" without asking for the list.
 */
export const AccessCounts = z.object({
  users: z.number().int(),
  groups: z.number().int(),
  named: z.array(AccessName).max(2).default([]),
});

/** One API secret as the caller sees it: no ciphertext, which only `reveal` hands out. */
export const SecretSummary = z.object({
  id: Id,
  name: z.string(),
  url: z.string(),
  clientId: z.string(),
  identifier: z.string().nullable(),
  method: Method,
  tags: z.array(z.string()),
  notes: z.string(),
  status: SecretStatus,
  owner: UserRef,
  shared: z.boolean(),
  permissions: Permissions,
  access: AccessCounts,
  revision: z.number().int(),
  accessRevision: z.number().int(),
  valueRevision: z.number().int(),
  createdBy: UserRef,
  createdAt: Timestamp,
  updatedBy: UserRef,
  updatedAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  /** Who revealed it last (at `lastUsedAt`); null when nobody has, or before the server recorded who. */
  lastUsedBy: UserRef.nullable().default(null),
  /** For its owner: a user who could read it has been disabled, so its value should be rotated. */
  readableByDisabledUser: z.boolean().optional(),
});
export type SecretSummary = z.infer<typeof SecretSummary>;

export const SecretList = z.object({ items: z.array(SecretSummary) });

/** How the caller reaches the itemKey: a grant of their own, or through a group they belong to. */
export const KeyPath = z.discriminatedUnion('via', [
  z.object({ via: z.literal('user'), grant: Grant, signer: Signer.nullish() }),
  z.object({
    via: z.literal('group'),
    groupId: Id,
    groupName: z.string().optional(),
    groupGrant: Grant,
    memberGrant: Grant,
    groupPublicKey: z.string(),
    groupGrantSigner: Signer.nullish(),
    memberGrantSigner: Signer.nullish(),
  }),
]);
export type KeyPath = z.infer<typeof KeyPath>;

export const RevealResponse = z.object({
  secretId: Id,
  value: Ciphertext,
  valueRevision: z.number().int(),
  /** The value revision at which the current itemKey was made; signed grants carry it (VEP/2). */
  keyRevision: z.number().int().optional(),
  keyPath: KeyPath,
});
export type RevealResponse = z.infer<typeof RevealResponse>;

/**
 * Ciphertext of several secrets for the device's own use (the right-click matcher's keyed fingerprints):
 * unlike reveal, it records no "last use", because nobody is shown the value.
 */
export const ValuesRequest = z.strictObject({ ids: z.array(Id).min(1).max(500, 'At most 500 ids at once') });
export const ValuesResponse = z.object({ items: z.array(RevealResponse) });

/**
 * One line of an access list. A group carries its member count, and its members (effective access) only when
 * the viewer may list them (`members: null` otherwise).
 */
export const AccessEntry = z.object({
  recipientKind: RecipientKind,
  recipientId: Id,
  name: z.string(),
  username: z.string().nullable(),
  email: z.string().nullable(),
  groupKind: GroupKind.nullable(),
  canView: z.boolean(),
  canEdit: z.boolean(),
  fingerprint: z.string(),
  members: z.array(UserRef.extend({ pending: z.boolean() })).nullable(),
  memberCount: z.number().int().nullable(),
});
export type AccessEntry = z.infer<typeof AccessEntry>;

export const AccessList = z.object({
  secretId: Id,
  accessRevision: z.number().int(),
  owner: UserRef,
  entries: z.array(AccessEntry),
});
export type AccessList = z.infer<typeof AccessList>;

export const AccessEntryInput = z.strictObject({
  recipientKind: RecipientKind,
  recipientId: Id,
  canView: z.literal(true, { message: 'Can view is required: remove the recipient instead' }),
  canEdit: z.boolean().default(false),
  /** Required for a new recipient or a recipient whose key changed; omitted keeps the current grant. */
  grant: Grant.optional(),
});
export type AccessEntryInput = z.infer<typeof AccessEntryInput>;

export const PutAccessRequest = z.strictObject({
  baseRevision: z.number().int().min(1),
  entries: z.array(AccessEntryInput).max(500, 'At most 500 recipients'),
});
export type PutAccessRequest = z.infer<typeof PutAccessRequest>;

/** Batch share: every secret's new list in one transaction: all or nothing. */
export const BatchAccessRequest = z.strictObject({
  items: z
    .array(PutAccessRequest.extend({ secretId: Id }))
    .min(1)
    .max(100, 'At most 100 API secrets at once'),
});
export const BatchAccessResponse = z.object({ items: z.array(AccessList) });

/**
 * A rotation of the itemKey (docs/crypto.md, "Rotating a secret's itemKey"): the value under a new key at the
 * next value revision and a signed grant of it for the owner and for every entry of the current list, all
 * replaced at once.
 */
export const RotateRequest = z.strictObject({
  baseRevision: z.number().int().min(1),
  baseAccessRevision: z.number().int().min(1),
  valueRevision: z.number().int().min(2),
  value: Ciphertext,
  ownerGrant: Grant,
  grants: z.array(Grant).max(500, 'At most 500 recipients'),
});
export type RotateRequest = z.infer<typeof RotateRequest>;

export const AuditEvent = z.object({
  id: z.number().int(),
  at: Timestamp,
  actor: UserRef.nullable(),
  action: z.string(),
  objectKind: z.string(),
  objectId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditList = z.object({ events: z.array(AuditEvent) });
