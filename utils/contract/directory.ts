import { z } from './zod';
import { Fingerprint, Grant, Id, PublicKey, Timestamp, Uuid } from './common';
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

/** A member of a group as its managers see it; `pending` until a manager's client grants the group key. */
export const GroupMember = z.object({
  user: UserRef,
  pending: z.boolean(),
  /** Also manages the group (adds and removes members). */
  manager: z.boolean(),
  publicKey: PublicKey.nullable(),
  fingerprint: Fingerprint.nullable(),
  /** Who added them; null when an administrator's directory tool did. */
  addedBy: UserRef.nullable(),
  addedAt: Timestamp,
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

/** Adding a member, or completing a pending one: the manager's client wraps the group key for them. */
export const AddMemberRequest = z.strictObject({ userId: Id, grant: Grant });

/** Making a member a manager of the group, or a manager a plain member again. */
export const MemberRoleRequest = z.strictObject({ manager: z.boolean() });

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
