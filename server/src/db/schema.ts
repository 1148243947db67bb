import type { Generated } from 'kysely';

/** Booleans are 0/1 integers and times ISO-8601 text so that one schema serves SQLite and PostgreSQL. */
type Bool = number;

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  email: string;
  is_admin: Bool;
  /** disabled: offboarded; no sessions, no sign-in, not in the directory (reversible). */
  status: 'pending' | 'active' | 'disabled';
  enroll_code_hash: string | null;
  enroll_expires_at: string | null;
  kdf_salt: string | null;
  kdf_iterations: number | null;
  auth_hash: string | null;
  public_key: string | null;
  fingerprint: string | null;
  encrypted_private_key: string | null;
  /** VEP/2 signing key: SPKI, its fingerprint, the sealed private key, the key-binding signature. */
  signing_public_key: string | null;
  signing_fingerprint: string | null;
  encrypted_signing_key: string | null;
  signing_key_proof: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface GroupsTable {
  id: string;
  kind: 'user' | 'private';
  name: string;
  description: string;
  enabled: Bool;
  members_can_view: Bool;
  owner_id: string | null;
  public_key: string;
  fingerprint: string;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  is_member: Bool;
  is_manager: Bool;
  /** The group's private key wrapped for this user; null while the member is pending. */
  grant: string | null;
  created_at: string;
  /** Who added them: the owner or a manager; null when an administrator's tool did (and for older rows). */
  added_by: string | null;
  /** JSON `{ by, at, signature }`: the signed decision that made them a manager (VEP/2), when there is one. */
  manager_proof: string | null;
}

export interface SecretsTable {
  id: string;
  owner_id: string;
  name: string;
  url: string;
  client_id: string;
  identifier: string | null;
  method: string;
  tags: string;
  notes: string;
  status: 'enabled' | 'disabled';
  value: string;
  value_revision: number;
  /** The value revision at which the current itemKey was made (1, or the revision of the last rotation). */
  key_revision: number;
  owner_grant: string;
  revision: number;
  access_revision: number;
  access_users: number;
  access_groups: number;
  /** The first two recipients, users first, as `[{kind, id}]` JSON: whom a row's access summary names. */
  access_named: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  last_used_at: string | null;
  /** Who revealed it at `last_used_at`. */
  last_used_by: string | null;
  /** 1 while a user who could read it is disabled, until its value is rotated. */
  readable_by_disabled: Bool;
}

export interface AccessEntriesTable {
  secret_id: string;
  recipient_kind: 'user' | 'group';
  recipient_id: string;
  can_edit: Bool;
  grant: string;
  created_at: string;
}

/** The change feed: one row per (audience, object) change; user_id '' means everyone. */
export interface ChangesTable {
  seq: Generated<number>;
  user_id: string;
  /**
   * In a group's own feed (`user_id` = `group:<id>`): `secret` when a secret was unshared from the group,
   * `group_shared` when it was shared with it.
   */
  entity: 'secret' | 'group' | 'user' | 'group_secrets' | 'group_shared';
  entity_id: string;
}

/** Search terms of the public directory (enrolled users, enabled user groups), lowercased. */
export interface DirectoryTermsTable {
  term: string;
  kind: 'user' | 'group';
  entity_id: string;
  rank: number;
  sort_name: string;
}

/** One row per listed user or user group: the text a query is looked up inside (trigram-indexed). */
export interface DirectoryTextTable {
  kind: 'user' | 'group';
  entity_id: string;
  sort_name: string;
  haystack: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  object_kind: string;
  object_id: string;
  secret_id: string | null;
  details: string;
}

/**
 * The secrets one bulk values request handed out (`secret.value_indexed`, one `audit_events` row per request):
 * one narrow row per secret, so each secret's trail still lists the read, without a full audit row each.
 */
export interface AuditEventSecretsTable {
  secret_id: string;
  event_id: number;
  /** How the reader held the key: `user` (their own grant) or `group`. */
  via: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/**
 * One failed-attempt budget (a username, an address, or the pair) in its current window. Times are epoch
 * milliseconds; `next_at` is when the next attempt may start (0: now).
 */
export interface AuthThrottleTable {
  key: string;
  window_start: number;
  failures: number;
  next_at: number;
  refused: number;
}

/** An external link: its own ciphertext, never the itemKey; times are ISO text so they compare as strings. */
export interface LinksTable {
  id: string;
  secret_id: string;
  sharer_id: string;
  recipient_email: string;
  ciphertext: string;
  /** SHA-256 (hex) of the verifier an opener presents; the verifier itself is never stored. */
  verifier_hash: string;
  /** PBKDF2 count of the access code; null when the link has no code. */
  code_iterations: number | null;
  sharer_grant: string;
  created_at: string;
  expires_at: string;
  /** null: unlimited. */
  max_accesses: number | null;
  accesses: Generated<number>;
  wrong_codes: Generated<number>;
  revoked_at: string | null;
  last_emailed_at: string | null;
}

export interface LinkAccessesTable {
  id: Generated<number>;
  link_id: string;
  at: string;
  network: string;
  browser: string;
  outcome: 'opened' | 'wrong_code';
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  secrets: SecretsTable;
  access_entries: AccessEntriesTable;
  changes: ChangesTable;
  directory_terms: DirectoryTermsTable;
  directory_text: DirectoryTextTable;
  audit_events: AuditEventsTable;
  audit_event_secrets: AuditEventSecretsTable;
  settings: SettingsTable;
  auth_throttle: AuthThrottleTable;
  links: LinksTable;
  link_accesses: LinkAccessesTable;
}
