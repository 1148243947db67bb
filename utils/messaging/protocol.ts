import type {
  GroupSecrets,
  GroupView,
  LinkList,
  LinkView,
  RouteResponse,
  SecretSummary,
  SharingPolicy,
} from '@/utils/contract';
import type { GroupChanges, GroupDraft, NewMember } from '@/utils/groups/types';
import type { LinkDraft } from '@/utils/links/external-link';
import type { Prefill } from '@/utils/match/prefill';
import type { AccessListResult, KeyChange, RecipientMatches, ShareOutcome, ShareRequest } from '@/utils/share/types';
import type { PendingMember } from '@/utils/share/pending-members';
import type { SecretDraft, UpdateInput } from '@/utils/secrets';
import type { EnrollInput, SessionStatus, Settings, SettingsChange, SignInInput } from '@/utils/session';
import type { ValueIndexStatus } from '@/utils/match/indexer';
import type { SyncReport } from '@/utils/sync';

/*
 * Every request a page (popup, options) can make of the background worker, one slice per domain: one data
 * argument, one result, failures thrown as a VaultError. A slice is implemented by the worker's handler
 * file of the same name (entrypoints/background/handlers/). Keys stay in the worker; pages get results.
 */

/** Sign-in, enrollment, lock and unlock, and the settings that steer them. */
export interface SessionProtocol {
  getStatus(): SessionStatus;
  signIn(data: SignInInput): SessionStatus;
  enrollStart(data: Omit<EnrollInput, 'password'>): RouteResponse<'enrollStart'>;
  enroll(data: EnrollInput): SessionStatus;
  unlock(data: { password: string }): SessionStatus;
  lock(): SessionStatus;
  signOut(): SessionStatus;
  getSettings(): Settings;
  /** Changes some settings; the others stay as they are. */
  saveSettings(data: SettingsChange): Settings;
}

/** The cache's refresh from the server's change feed. */
export interface SyncProtocol {
  sync(): SyncReport;
}

/** One API secret: add, edit, enable or disable, and its value. */
export interface SecretsProtocol {
  /**
   * The client secret, opened in the worker for the page to show or copy; never stored. `verified` false: a
   * VEP/1 grant opened under the migration rule, which the page shows as not yet verified.
   */
  revealSecret(data: { secretId: string }): { clientSecret: string; verified: boolean };
  createSecret(data: SecretDraft): SecretSummary;
  updateSecret(data: UpdateInput): SecretSummary;
  setSecretStatus(data: { secretId: string; baseRevision: number; enabled: boolean }): SecretSummary;
  /**
   * Replaces the secret's item key (VEP/2 rotation): the value under a new key, new signed grants for the owner
   * and everyone who still has access; someone removed keeps only the old key, which opens no later value.
   */
  rotateItemKey(data: { secretId: string }): SecretSummary;
}

/** Who has access, with whom to share, sharing, and what colleagues shared with the user. */
export interface ShareProtocol {
  /** Users and groups to share with, found by name, username, email or group name (never the user themself). */
  searchRecipients(data: { q: string }): RecipientMatches;
  /** Who has access to a secret, fresh from the server (the saved list when it is unreachable). */
  getAccessList(data: { secretId: string }): AccessListResult;
  /** Applies a share: grants for new recipients made in the worker, every list at once or none. */
  shareSecrets(data: ShareRequest): ShareOutcome;
  /** The popup opened: the ids shared with the user since last time (rows marked new); clears the badge. */
  takeNewShares(): string[];
}

/**
 * Group members waiting for the user's decision (VEP/2, docs/crypto.md "Group members: approval"): nobody
 * gets a group's key until a manager approves them here; refusing removes them, signed.
 */
export interface ApprovalsProtocol {
  /** Pending members of the groups the user manages, with who added them and both fingerprints. */
  listPendingApprovals(): PendingMember[];
  /**
   * Grants the group key to the member's pinned key, signed. A key that differs from its pin stops it:
   * `keyChanges` to show, then again with `confirmed` (the new fingerprint the user accepted).
   */
  approveMember(data: {
    groupId: string;
    userId: string;
    confirmed?: string;
  }): { ok: true } | { ok: false; keyChanges: KeyChange[] };
  /** Removes a pending member with the user's signed decision. */
  refuseMember(data: { groupId: string; userId: string }): void;
}

/** Private groups and user groups: the user's list, creating one, its members and its status. */
export interface GroupsProtocol {
  /** Every group the user belongs to or manages, fresh from the server. */
  listGroups(): GroupView[];
  getGroup(data: { groupId: string }): GroupView;
  /** Creates a private group and its key in the worker, granting the key to the creator and each member. */
  createGroup(data: GroupDraft): GroupView;
  updateGroup(data: { groupId: string; changes: GroupChanges }): GroupView;
  /** Grants the group key to each new member (made in the worker, checked against the pins). */
  addGroupMembers(data: { groupId: string; members: NewMember[] }): GroupView;
  removeGroupMember(data: { groupId: string; userId: string }): GroupView;
  setGroupManager(data: { groupId: string; userId: string; manager: boolean }): GroupView;
  /** What members can read through the group, for the reminder before removing one. */
  getGroupSecrets(data: { groupId: string }): GroupSecrets;
}

/** External links for people without an account: made, listed, revoked, emailed and copied by their sharer. */
export interface LinksProtocol {
  /** Whether the administrator allows external links, and for how long at most. */
  getSharingPolicy(): SharingPolicy;
  /** Makes a link in the worker (the value as it is now, under the link's own key); returns its URL to copy. */
  createExternalLink(data: LinkDraft): { link: LinkView; url: string };
  /** A page of the user's links, all or one secret's, newest first; `cursor` is the previous page's `next`. */
  listExternalLinks(data: { secretId?: string; cursor?: string }): LinkList;
  revokeExternalLink(data: { linkId: string }): LinkView;
  /** Emails a link that has an access code to its recipient (again). */
  emailExternalLink(data: { linkId: string }): LinkView;
  /** A link's URL again, from the key kept for the sharer only. */
  copyExternalLink(data: { linkId: string }): { url: string };
}

/** The right-click flow's hand-offs from the worker to the page it opened. */
export interface SelectionProtocol {
  /** What a right-click that matched nothing selected, sorted into one Add field; once per token. */
  takePrefill(data: { token: string }): Prefill | undefined;
  /** A right-click made while locked, continued after the unlock: the hash of the view it leads to. */
  resumeSelection(data: { token: string }): string;
  /** Where right-click matching by value stands: off, waiting for an unlock, being built, or ready. */
  getValueIndexStatus(): ValueIndexStatus;
  /**
   * The page is being scrolled (sent at most every SCROLL_NOTICE_MS while it is): the value index build holds
   * back until no page has scrolled for SCROLL_QUIET_MS, so its CPU does not land on the list's frames.
   */
  pageScrolling(): void;
}

/** The copied client secret's short life on the clipboard. */
export interface ClipboardProtocol {
  /** A page copied a client secret: clear the clipboard soon, even if the page is gone by then. */
  clearClipboardSoon(): void;
}

/** The whole protocol: every slice, each message name once. */
export interface ProtocolMap
  extends
    SessionProtocol,
    SyncProtocol,
    SecretsProtocol,
    ShareProtocol,
    ApprovalsProtocol,
    LinksProtocol,
    GroupsProtocol,
    SelectionProtocol,
    ClipboardProtocol {}

export type MessageType = keyof ProtocolMap;
export type DataOf<K extends MessageType> = Parameters<ProtocolMap[K]>[0];
export type ResultOf<K extends MessageType> = ReturnType<ProtocolMap[K]>;

/** The worker's implementation of a protocol slice (the whole protocol by default). */
export type Handlers<P = ProtocolMap> = {
  [K in keyof P]: P[K] extends (...args: infer A) => infer R ? (data: A[0]) => Promise<R> | R : never;
};
