import { storage } from 'wxt/utils/storage';
import type { ResumeRecord } from '@/utils/session/resume';
import type { Account, LockReason, SessionRecord, Settings } from '@/utils/session/types';

/*
 * Every key the extension keeps in `browser.storage`, declared once with its type. `local:` (on disk)
 * holds nothing sensitive: who is signed in, the settings, the ids behind the toolbar badge. `session:`
 * (memory only, extension pages only, gone when the browser quits) holds the token, the encrypted account
 * keys, the wrapped private key that lets a restarted worker resume, and the worker's hand-offs to pages.
 */

/** Who is signed in, and where; a locked vault knows its owner from it. */
export const accountItem = storage.defineItem<Account>('local:account');
/** The user's settings as saved (defaults fill what is missing: see readSettings). */
export const settingsItem = storage.defineItem<Partial<Settings>>('local:settings');
/** How tall the popup's rows are: compact (the default) or roomy. */
export const densityItem = storage.defineItem<'compact' | 'roomy'>('local:density', { fallback: 'compact' });
/** The Share screen's card the user chose last (Internal or External), marked and focused next time. */
export const lastShareCardItem = storage.defineItem<'internal' | 'external'>('local:lastShareCard');
/** The ids shared with the user since the popup was last opened (the badge's count); absent when none. */
export const newSharesItem = storage.defineItem<string[]>('local:newShares', { fallback: [] });
/**
 * The members waiting for this user's approval, per group they manage (the badge counts them too, until a
 * manager decides); absent when none.
 */
export const pendingApprovalsItem = storage.defineItem<Record<string, string[]>>('local:pendingApprovals', {
  fallback: {},
});

/** The bearer session and the user's encrypted keys, while signed in. */
export const sessionItem = storage.defineItem<SessionRecord>('session:session');
/** The private key wrapped for this browser session, while unlocked. */
export const resumeItem = storage.defineItem<ResumeRecord>('session:resume');
/** The signing private key (VEP/2) wrapped for this browser session, while unlocked. */
export const resumeSigningItem = storage.defineItem<ResumeRecord>('session:resumeSigning');
/** Why the vault is locked, for the unlock screen. */
export const lockReasonItem = storage.defineItem<LockReason>('session:lockReason');
/** The last activity, for auto-lock after a worker restart. */
export const lastActivityItem = storage.defineItem<number>('session:lastActivityAt', { fallback: 0 });

/** What the worker hands to a page it opens: an action waiting for unlock, and an Add prefill. */
export type HandoffKind = 'pending' | 'prefill';
export type HandoffEntry = { value: unknown; expiresAt: number };
/** Hand-offs live under one prefix, one key per one-time token, so expired ones can be found and pruned. */
export const HANDOFF_PREFIX = 'handoff:';
export const handoffItem = (kind: HandoffKind, token: string) =>
  storage.defineItem<HandoffEntry>(`session:${HANDOFF_PREFIX}${kind}:${token}`);
/** Every hand-off waiting, by key (without the area prefix). */
export async function allHandoffs(): Promise<Record<string, HandoffEntry>> {
  const all = await storage.snapshot('session');
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(HANDOFF_PREFIX))) as Record<
    string,
    HandoffEntry
  >;
}
export const removeHandoffs = (keys: string[]) => storage.removeItems(keys.map((k) => `session:${k}` as const));
/** Forgets every `storage.session` key: sign-out. */
export const clearSessionStorage = () => storage.clear('session');
