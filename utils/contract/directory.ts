import { z } from './zod';
import { Fingerprint, Grant, Id, PublicKey, Signature, Signer, Timestamp, Uuid } from './common';
import { displayName, multiLine, singleLine } from './text';

export const UserRef = z.object({ id: Id, name: z.string(), username: z.string() });
export type UserRef = z.infer<typeof UserRef>;

export const GroupKind = z.enum(['user', 'private']);
export type GroupKind = z.infer<typeof GroupKind>;

export const DirectoryUser = z.object({
  kind: z.literal('user'),
  id: Id,
  name: z.string(),
  username: z.string(),
  email: z.string(),
  publicKey: PublicKey,
  fingerprint: Fingerprint,
  signingPublicKey: PublicKey.nullish(),
  signingFingerprint: Fingerprint.nullish(),
});
export type DirectoryUser = z.infer<typeof DirectoryUser>;

export const DirectoryGroup = z.object({
  kind: z.literal('group'),
  id: Id,
  name: z.string(),
  groupKind: GroupKind,
  memberCount: z.number().int(),
  publicKey: PublicKey,
  fingerprint: Fingerprint,
});
export type DirectoryGroup = z.infer<typeof DirectoryGroup>;

export const DirectoryEntry = z.discriminatedUnion('kind', [DirectoryUser, DirectoryGroup]);
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

export const SearchQuery = z.strictObject({
  q: singleLine(z.string().trim().min(1, 'type at least one character').max(100)),
  limit: z.coerce.number().int().min(1).max(20).default(20),
});
export const SearchResponse = z.object({
  results: z.array(DirectoryEntry).max(20),
  /** The caller matches the query too; they are never a result, and the panel says that it is them. */
  matchesYou: z.boolean(),
});

/**
 * A member of a group as its managers see it; `pending` until a manager approves them (signs a grant of the
 * group key for them); `signed` false for a VEP/1 grant a manager has not re-made yet.
 */
export const GroupMember = z.object({
  user: UserRef,
  pending: z.boolean(),
  /** Also manages the group (adds and removes members). */
  manager: z.boolean(),
  /** Holds a VEP/2 (signed) group-key grant. */
  signed: z.boolean().optional(),
  publicKey: PublicKey.nullable(),
  fingerprint: Fingerprint.nullable(),
  signingPublicKey: PublicKey.nullish(),
  signingFingerprint: Fingerprint.nullish(),
  /** Who added them; null when an administrator's directory tool did. */
  addedBy: UserRef.nullable(),
  addedAt: Timestamp,
  /**
   * For a pending member, how they got into the group, as the server's audit trail records it: an administrator's
   * tool, a person, or nobody (`unrecorded`: a row written straight into the database). The server's word,
   * shown to help the manager decide; the decision itself is the manager's signed grant.
   */
  addedVia: z
    .object({ by: z.enum(['administrator', 'user', 'unrecorded']), user: UserRef.nullable(), at: Timestamp.nullable() })
    .nullish(),
});
export type GroupMember = z.infer<typeof GroupMember>;

/** A group as one of its members or managers sees it. */
export const GroupView = z.object({
  id: Id,
  kind: GroupKind,
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  membersCanView: z.boolean(),
  owner: UserRef.nullable(),
  publicKey: PublicKey,
  fingerprint: Fingerprint,
  memberCount: z.number().int(),
  isMember: z.boolean(),
  isManager: z.boolean(),
  /** The group's private key wrapped for the caller, when the caller holds it. */
  myGrant: Grant.nullable(),
  /** Who signed `myGrant` (a manager), to verify before using it. */
  myGrantSigner: Signer.nullish(),
  /** Members and their state, for managers and, when allowed, members. */
  members: z.array(GroupMember).optional(),
  updatedAt: Timestamp,
});
export type GroupView = z.infer<typeof GroupView>;

const GroupName = displayName(z.string().trim().min(1, 'is required').max(100));
/** A person's full name, as an administrator types it when inviting them. */
export const PersonName = displayName(z.string().trim().min(1, 'is required').max(200));
const Description = multiLine(z.string().trim().max(1000));

export const CreateGroupRequest = z.strictObject({
  id: Uuid,
  name: GroupName,
  description: Description.default(''),
  enabled: z.boolean().default(true),
  membersCanView: z.boolean().default(false),
  publicKey: PublicKey,
  /** The group's private key wrapped for its creator, who manages it. */
  managerGrant: Grant,
});

export const UpdateGroupRequest = z.strictObject({
  name: GroupName.optional(),
  description: Description.optional(),
  enabled: z.boolean().optional(),
  membersCanView: z.boolean().optional(),
});

/** Adding a member, or approving a pending one: the manager's client wraps the group key for them and signs it. */
export const AddMemberRequest = z.strictObject({ userId: Id, grant: Grant });

/** A manager's signed decision to remove or refuse a member (docs/crypto.md, "Membership statement"). */
export const RemoveMemberRequest = z.strictObject({ at: z.iso.datetime({ offset: true }), signature: Signature });

/** Making a member a manager of the group, or a manager a plain member again. */
export const MemberRoleRequest = z.strictObject({
  manager: z.boolean(),
  /** The manager's signed decision (docs/crypto.md, "Membership statement", action `manager` or `member`). */
  at: z.iso.datetime({ offset: true }).optional(),
  signature: Signature.optional(),
});

export const GroupList = z.object({ groups: z.array(GroupView) });

/**
 * What a group's members can read through it, for its managers (the reminder before removing one): the API
 * secrets shared with the group that the manager can see themselves, by name, and how many others there are.
 */
export const GroupSecrets = z.object({
  items: z.array(z.object({ id: Id, name: z.string() })),
  othersCount: z.number().int(),
});
export type GroupSecrets = z.infer<typeof GroupSecrets>;
