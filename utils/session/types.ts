import type { Me } from '@/utils/contract';
import type { ValueIndexKeys } from '@/utils/crypto';
import type { CacheOwner } from '@/utils/sync/sync-once';
import type { VaultClient } from '@/utils/vault/client';
import type { OwnKeys } from './open-secret';

/** Who is signed in, and where. Not sensitive: it lives in `storage.local` so a locked vault knows its owner. */
export type Account = { userId: string; username: string; name: string; serverUrl: string };

/** Why the vault is locked, so the unlock screen can say so. */
export type LockReason = 'manual' | 'idle' | 'restart' | 'session_expired';

/** The state every page renders from. */
export type SessionStatus =
  | { state: 'signedOut' }
  | { state: 'locked'; account: Account; reason: LockReason }
  | { state: 'unlocked'; account: Account; fingerprint: string };

/**
 * The user's settings (`storage.local`); the server and username prefill the sign-in form. `matchByValue`:
 * whether this browser fetches and opens the client secrets after unlock so that right-click recognises a
 * selected value (off: no value is fetched, right-click matches names, identifiers, client IDs and URLs).
 */
export type Settings = { serverUrl: string; username: string; autoLockMinutes: number; matchByValue: boolean };

/** What the settings page can change. */
export type SettingsChange = Partial<Pick<Settings, 'autoLockMinutes' | 'matchByValue'>>;

/**
 * The bearer session and the user's encrypted keys, kept in `storage.session` (memory only) while signed
 * in, locked or not: with it, unlocking needs only the password, even offline.
 */
export type SessionRecord = { token: string; expiresAt: string; me: Me };

/** What a successful sign-in, enrollment or unlock hands the worker. */
export type OpenedSession = SessionRecord & { privateKey: CryptoKey; pkcs8: Uint8Array } & SigningKeys;

/** The account's VEP/2 signing key once opened; absent for a VEP/1 account unlocked offline (it signs nothing then). */
export type SigningKeys = { signingKey?: CryptoKey; signingPkcs8?: Uint8Array };

/**
 * The open vault, as the worker's handlers receive it: the signed-in client, whose cache it is, the keys, and
 * the right-click value index's keys (derived from the private key, docs/crypto.md "The value index").
 */
export type UnlockedSession = { client: VaultClient; owner: CacheOwner; me: UnlockedMe; indexKeys: ValueIndexKeys };

/** The unlocked user's keys and identity, as work on the open vault receives them. */
export type UnlockedMe = OwnKeys & { userId: string; signingKey?: CryptoKey; signingPublicKey: string | null };
