import type {
  AccessEntry,
  AuditEvent,
  DirectoryGroup,
  DirectoryUser,
  Grant,
  GroupMember,
  GroupView,
  Me,
  RevealResponse,
  SecretSummary,
  Signer,
  UserRef,
} from '../../../utils/contract';
import { isSigned } from '../../../utils/crypto';
import type { Selectable } from 'kysely';
import type { AccessEntriesTable, AuditEventsTable, GroupsTable, SecretsTable, UsersTable } from '../db/schema';
import { mayListMembers } from './group-queries';

/**
 * Rows to the contract's objects: the one place where column names meet field names, JSON columns are parsed
 * and 0/1 become booleans. Pure functions; the queries that feed them stay in the services.
 */

export function toMe(u: UsersTable): Me {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    email: u.email,
    isAdmin: u.is_admin === 1,
    kdf: { salt: u.kdf_salt!, iterations: u.kdf_iterations! },
    publicKey: u.public_key!,
    fingerprint: u.fingerprint!,
    encryptedPrivateKey: JSON.parse(u.encrypted_private_key!),
    signingPublicKey: u.signing_public_key,
    signingFingerprint: u.signing_fingerprint,
    encryptedSigningKey: u.encrypted_signing_key ? JSON.parse(u.encrypted_signing_key) : null,
  };
}

type Perms = { isOwner: boolean; canEdit: boolean };

/** The recipients a secret's access summary names, as stored with its counts (see `access_named`). */
export function namedRecipients(r: Pick<SecretsTable, 'access_named'>): { kind: 'user' | 'group'; id: string }[] {
  return JSON.parse(r.access_named) as { kind: 'user' | 'group'; id: string }[];
}

/**
 * A secret's summary: never its ciphertext. `ref` names the people it mentions, `groupName` the groups its
 * access summary names (a recipient gone since is left out, and counted among the rest).
 */
export function toSecretSummary(
  r: SecretsTable,
  { isOwner, canEdit }: Perms,
  ref: (id: string) => UserRef,
  groupName: (id: string) => string | undefined = () => undefined,
): SecretSummary {
  const named = namedRecipients(r).flatMap(({ kind, id }) => {
    const name = kind === 'user' ? ref(id).name : groupName(id);
    return name === undefined ? [] : [{ kind, id, name }];
  });
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    clientId: r.client_id,
    identifier: r.identifier,
    method: r.method as SecretSummary['method'],
    tags: JSON.parse(r.tags) as string[],
    notes: r.notes,
    status: r.status,
    owner: ref(r.owner_id),
    shared: r.access_users + r.access_groups > 0,
    permissions: { view: true, edit: canEdit, share: isOwner },
    access: { users: r.access_users, groups: r.access_groups, named },
    revision: r.revision,
    accessRevision: r.access_revision,
    valueRevision: r.value_revision,
    createdBy: ref(r.created_by),
    createdAt: r.created_at,
    updatedBy: ref(r.updated_by),
    updatedAt: r.updated_at,
    lastUsedAt: r.last_used_at,
    lastUsedBy: r.last_used_at && r.last_used_by ? ref(r.last_used_by) : null,
    readableByDisabledUser: isOwner && r.readable_by_disabled === 1,
  };
}

export function toRevealed(
  r: Pick<SecretsTable, 'id' | 'value' | 'value_revision' | 'key_revision'>,
  keyPath: RevealResponse['keyPath'],
): RevealResponse {
  return {
    secretId: r.id,
    value: JSON.parse(r.value),
    valueRevision: r.value_revision,
    keyRevision: r.key_revision,
    keyPath,
  };
}

type UserFace = Pick<UsersTable, 'name' | 'username' | 'email' | 'fingerprint'>;
type GroupFace = Pick<GroupsTable, 'name' | 'kind' | 'fingerprint'>;

type GroupMemberFace = { id: string; name: string; username: string; grant: string | null };

/** One line of an access list; a recipient that vanished keeps its line, named as unknown. */
export function toAccessEntry(
  r: AccessEntriesTable,
  user: UserFace | undefined,
  group: GroupFace | undefined,
  members: GroupMemberFace[],
  listMembers: boolean,
): AccessEntry {
  if (r.recipient_kind === 'user')
    return {
      recipientKind: 'user',
      recipientId: r.recipient_id,
      name: user?.name ?? 'Unknown user',
      username: user?.username ?? null,
      email: user?.email ?? null,
      groupKind: null,
      canView: true,
      canEdit: r.can_edit === 1,
      fingerprint: user?.fingerprint ?? '',
      members: null,
      memberCount: null,
    };
  return {
    recipientKind: 'group',
    recipientId: r.recipient_id,
    name: group?.name ?? 'Unknown group',
    username: null,
    email: null,
    groupKind: group?.kind ?? null,
    canView: true,
    canEdit: r.can_edit === 1,
    fingerprint: group?.fingerprint ?? '',
    members: listMembers
      ? members.map((m) => ({ id: m.id, name: m.name, username: m.username, pending: m.grant === null }))
      : null,
    memberCount: members.length,
  };
}

type MemberRow = Pick<
  UsersTable,
  'id' | 'name' | 'username' | 'public_key' | 'fingerprint' | 'signing_public_key' | 'signing_fingerprint'
> & {
  grant: string | null;
  is_manager: number;
  added_by: UserRef | null;
  created_at: string;
  addedVia?: GroupMember['addedVia'];
};

/** A group as one user sees it: members and description only to those who may list its members. */
export function toGroupView(
  g: GroupsTable,
  mine: { is_member: number; is_manager: number; grant: string | null } | undefined,
  members: MemberRow[],
  owner: UserRef | null,
  myGrantSigner: Signer | null,
): GroupView {
  // Looking a group up shows members to its own people only; the access list may also show a user group's.
  const seesMembers = !!mine && mayListMembers(g, mine);
  return {
    id: g.id,
    kind: g.kind,
    name: g.name,
    description: seesMembers ? g.description : '',
    enabled: g.enabled === 1,
    membersCanView: g.members_can_view === 1,
    owner,
    publicKey: g.public_key,
    fingerprint: g.fingerprint,
    memberCount: members.length,
    isMember: mine?.is_member === 1,
    isManager: mine?.is_manager === 1,
    myGrant: mine?.grant ? JSON.parse(mine.grant) : null,
    myGrantSigner,
    ...(seesMembers
      ? {
          members: members.map((m) => ({
            user: { id: m.id, name: m.name, username: m.username },
            pending: m.grant === null,
            manager: m.is_manager === 1,
            signed: m.grant !== null && isSigned(JSON.parse(m.grant) as Grant),
            publicKey: m.public_key,
            fingerprint: m.fingerprint,
            signingPublicKey: m.signing_public_key,
            signingFingerprint: m.signing_fingerprint,
            addedBy: m.added_by,
            addedAt: m.created_at,
            ...(m.addedVia ? { addedVia: m.addedVia } : {}),
          })),
        }
      : {}),
    updatedAt: g.updated_at,
  };
}

export function toDirectoryUser(
  u: Pick<
    UsersTable,
    'id' | 'name' | 'username' | 'email' | 'public_key' | 'fingerprint' | 'signing_public_key' | 'signing_fingerprint'
  >,
): DirectoryUser {
  return {
    kind: 'user',
    id: u.id,
    name: u.name,
    username: u.username,
    email: u.email,
    publicKey: u.public_key!,
    fingerprint: u.fingerprint!,
    signingPublicKey: u.signing_public_key,
    signingFingerprint: u.signing_fingerprint,
  };
}

export function toDirectoryGroup(
  g: Pick<GroupsTable, 'id' | 'name' | 'kind' | 'public_key' | 'fingerprint'>,
  memberCount: number,
): DirectoryGroup {
  return {
    kind: 'group',
    id: g.id,
    name: g.name,
    groupKind: g.kind,
    memberCount,
    publicKey: g.public_key,
    fingerprint: g.fingerprint,
  };
}

export function toAuditEvent(r: Selectable<AuditEventsTable>, actor: UserRef | null): AuditEvent {
  return {
    id: r.id,
    at: r.at,
    actor,
    action: r.action,
    objectKind: r.object_kind,
    objectId: r.object_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}
