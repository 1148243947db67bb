import type { DBSchema } from 'idb';
import type { Filter } from '@/utils/list-query';
import type { AccessList, DirectoryUser, GroupView, RecipientKind, SecretSummary } from '@/utils/contract';

/** Where the cache came from and how far it has read the server's change feed. */
export type SyncMeta = {
  userId: string;
  serverUrl: string;
  /** The change-feed cursor to send as `since` next time. */
  cursor: string;
  /** ISO time of the last successful sync, shown when offline. */
  lastSyncAt: string;
  /** A first load that arrived in part: the page to ask for next, before any incremental pass. */
  resume?: string;
};

/** An access list fetched on demand (details, share panel, who-has-access), valid for one access revision. */
export type CachedAccess = { secretId: string; accessRevision: number; list: AccessList; fetchedAt: string };

/**
 * A recipient's public-key fingerprint as first seen when sharing with them (trust on first use,
 * docs/crypto.md). Kept apart from `users` and `groups` because a full sync replaces those, and must not
 * erase a trust decision.
 */
export type Pin = { key: string; kind: RecipientKind; id: string; fingerprint: string; pinnedAt: string };

/** The stable key of a pin. */
export const pinKey = (kind: RecipientKind, id: string) => `${kind}:${id}`;

/**
 * The highest value revision this device has opened for a secret (docs/crypto.md, "Secrets"): a lower one
 * from the server is a replay of an old value and is refused. Not sensitive, and kept across full syncs.
 */
export type SeenRevision = { secretId: string; valueRevision: number };

/**
 * The extension's IndexedDB cache: metadata only. No store ever holds a decrypted client secret; grants
 * in `groups` are ciphertext for the user's own key.
 */
export interface VaultDB extends DBSchema {
  secrets: { key: string; value: SecretSummary };
  access: { key: string; value: CachedAccess };
  groups: { key: string; value: GroupView };
  users: { key: string; value: DirectoryUser };
  pins: { key: string; value: Pin };
  meta: { key: 'sync'; value: SyncMeta };
  revisions: { key: string; value: SeenRevision };
  head: { key: 'list'; value: ListHead };
  valueIndex: { key: 'sealed'; value: SealedValueIndex };
}

/**
 * The right-click value index kept across locks and worker restarts (docs/crypto.md, "The value index"): one
 * AES-GCM ciphertext of every secret's keyed fingerprint and value revision, under a key derived from the
 * user's private key. Sealed whole, so at rest it shows neither which secrets are indexed nor which share a
 * value; it never holds a client secret. Bytes, not base64: the record is near 1 MB for 10,000 secrets, and
 * encoding it would hold the worker for tens of milliseconds at each save and each unlock.
 */
export type SealedValueIndex = { v: 1; iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> };

/** Every store, for whole-cache operations (sign-out, full sync). */
export const STORES = [
  'secrets',
  'access',
  'groups',
  'users',
  'pins',
  'meta',
  'revisions',
  'head',
  'valueIndex',
] as const;
export type StoreName = (typeof STORES)[number];

/**
 * The popup's first screen, precomputed by the worker after each sync: the first rows of the default view
 * (All, in name order) and the filters' counts. Reading it is one small record instead of every secret,
 * so the popup draws at once even with 10,000 cached secrets, then reads the rest.
 */
export type ListHead = { userId: string; rows: SecretSummary[]; counts: Record<Filter, number>; meta: SyncMeta };
