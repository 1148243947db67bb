import { randomBytes, toB64url } from '@/utils/crypto';
import { HANDOFF_TTL_MS } from '@/utils/config';
import { allHandoffs, handoffItem, removeHandoffs, type HandoffKind } from '@/utils/storage-items';

export type { HandoffKind } from '@/utils/storage-items';

/**
 * One-time tokens for what a page must not receive in its address: a selected text may be a client
 * secret, and an address ends up in history and logs. The value waits in `storage.session` (memory
 * only, extension pages only, gone with the browser or at sign-out), so it survives the worker sleeping
 * while the user types a password, and is deleted when taken or when it expires.
 */
export function createHandoff(now: () => number = Date.now) {
  async function prune(): Promise<void> {
    const expired = Object.entries(await allHandoffs()).filter(([, entry]) => entry.expiresAt <= now());
    if (expired.length) await removeHandoffs(expired.map(([k]) => k));
  }

  return {
    /** Stores a value and returns the token a page can take it with, once. */
    async put(kind: HandoffKind, value: unknown): Promise<string> {
      await prune();
      const token = toB64url(randomBytes(16));
      await handoffItem(kind, token).setValue({ value, expiresAt: now() + HANDOFF_TTL_MS });
      return token;
    },
    /** The value behind a token, removed as it is read; undefined when unknown, taken or expired. */
    async take<T>(kind: HandoffKind, token: string): Promise<T | undefined> {
      const item = handoffItem(kind, token);
      const entry = await item.getValue();
      if (!entry) return undefined;
      await item.removeValue();
      return entry.expiresAt > now() ? (entry.value as T) : undefined;
    },
  };
}

export type Handoff = ReturnType<typeof createHandoff>;
