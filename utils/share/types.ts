import type { AccessEntry, AccessList, DirectoryEntry, GroupKind, RecipientKind } from '@/utils/contract';

/** `user:<id>` or `group:<id>`: one recipient across secrets, the share request and the pins. */
export type RecipientKey = `${RecipientKind}:${string}`;
export const recipientKey = (kind: RecipientKind, id: string): RecipientKey => `${kind}:${id}`;

/** A recipient as the share panel shows it, whether already on the list or just found by the search. */
export type Recipient = {
  kind: RecipientKind;
  id: string;
  name: string;
  username: string | null;
  email: string | null;
  groupKind: GroupKind | null;
  /** Known for groups found by the search; the access list gives members instead. */
  memberCount: number | null;
  /** For recipients found by the search: what a new grant is made for. */
  publicKey?: string;
  /** Their key's fingerprint as the server lists it, shown in full on request to compare out of band. */
  fingerprint?: string;
};

/** A recipient with its permission, one line of the panel. */
export type PanelEntry = Recipient & { canEdit: boolean };

/**
 * What the user changed in the panel, kept as a delta rather than as a final list: after a 409 the fresh
 * list is reloaded and the same changes are applied to it again, and a batch applies them to each secret.
 */
export type ShareChanges = {
  added: PanelEntry[];
  removed: RecipientKey[];
  /** New Can edit values of recipients already on the list. */
  canEdit: Partial<Record<RecipientKey, boolean>>;
};
export const NO_CHANGES: ShareChanges = { added: [], removed: [], canEdit: {} };

/** One secret's desired access list, based on the revision the panel showed. */
export type ShareItem = {
  secretId: string;
  baseRevision: number;
  entries: { recipientKind: RecipientKind; recipientId: string; canEdit: boolean }[];
};

/** What the popup asks the worker to apply: every item at once, or none. */
export type ShareRequest = {
  items: ShareItem[];
  /** Public keys of the recipients added in the panel, as the search returned them. */
  keys: Partial<Record<RecipientKey, { name: string; publicKey: string }>>;
  /** New key fingerprints the user confirmed after a warning. */
  confirmed?: Partial<Record<RecipientKey, string>>;
};

/** A recipient whose key differs from the one pinned when they were first shared with. */
export type KeyChange = { key: RecipientKey; name: string; pinned: string; current: string };

/** The worker's answer: the new lists, or the key changes the user must confirm first (nothing sent). */
export type ShareOutcome = { ok: true; lists: AccessList[] } | { ok: false; keyChanges: KeyChange[] };

/** The panel's view of an access list line. */
export function entryToPanel(e: AccessEntry): PanelEntry {
  return {
    kind: e.recipientKind,
    id: e.recipientId,
    name: e.name,
    username: e.username,
    email: e.email,
    groupKind: e.groupKind,
    memberCount: e.members?.length ?? null,
    canEdit: e.canEdit,
    fingerprint: e.fingerprint || undefined,
  };
}

/** An access list as the worker hands it to a page: `savedAt` is set when it comes from the cache because the server was unreachable. */
export type AccessListResult = { list: AccessList; savedAt?: string };

/** The recipient search's answer: whom to share with, and whether the query also matches the user themself. */
export type RecipientMatches = { results: DirectoryEntry[]; matchesYou: boolean };
