import { browser } from 'wxt/browser';
import { randomBytes, toB64url } from '@/utils/crypto';

/** How long a handed-off value waits for its page: long enough to type a password, not longer. */
export const HANDOFF_TTL_MS = 10 * 60_000;

/** The two things the worker hands to a page it opens: an action waiting for unlock, and an Add prefill. */
export type HandoffKind = 'pending' | 'prefill';
type Entry = { value: unknown; expiresAt: number };
const PREFIX = 'handoff:';
const keyOf = (kind: HandoffKind, token: string) => `${PREFIX}${kind}:${token}`;

/**
 * One-time tokens for what a page must not receive in its address: a selected text may be a client
 * secret, and an address ends up in history and logs. The value waits in `storage.session` (memory
 * only, extension pages only, gone with the browser or at sign-out), so it survives the worker sleeping
 * while the user types a password, and is deleted when taken or when it expires.
 */
export function createHandoff(now: () => number = Date.now) {
  async function prune(): Promise<void> {
    const all = (await browser.storage.session.get()) as Record<string, unknown>;
    const expired = Object.entries(all).filter(([k, v]) => k.startsWith(PREFIX) && (v as Entry).expiresAt <= now());
    if (expired.length) await browser.storage.session.remove(expired.map(([k]) => k));
  }

  return {
    /** Stores a value and returns the token a page can take it with, once. */
    async put(kind: HandoffKind, value: unknown): Promise<string> {
      await prune();
      const token = toB64url(randomBytes(16));
      await browser.storage.session.set({ [keyOf(kind, token)]: { value, expiresAt: now() + HANDOFF_TTL_MS } satisfies Entry });
      return token;
    },
    /** The value behind a token, removed as it is read; undefined when unknown, taken or expired. */
    async take<T>(kind: HandoffKind, token: string): Promise<T | undefined> {
      const key = keyOf(kind, token);
      const entry = ((await browser.storage.session.get(key)) as Record<string, Entry | undefined>)[key];
      if (!entry) return undefined;
      await browser.storage.session.remove(key);
      return entry.expiresAt > now() ? (entry.value as T) : undefined;
    },
  };
}

export type Handoff = ReturnType<typeof createHandoff>;
