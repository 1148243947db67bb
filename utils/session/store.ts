import { browser } from 'wxt/browser';
import { DEFAULT_AUTO_LOCK_MINUTES, type Account, type LockReason, type SessionRecord, type Settings } from './types';
import type { ResumeRecord } from './resume';

/**
 * Every key the extension keeps in `browser.storage`. `local` (on disk) holds nothing sensitive: who is
 * signed in and the settings. `session` (memory only, gone when the browser quits) holds the token, the
 * encrypted account keys and, while unlocked, the wrapped private key that lets a restarted worker resume.
 */
type LocalItems = { account: Account; settings: Settings };
type SessionItems = { session: SessionRecord; resume: ResumeRecord; resumeSigning: ResumeRecord; lockReason: LockReason; lastActivityAt: number };

export const local = {
  async get<K extends keyof LocalItems>(key: K): Promise<LocalItems[K] | undefined> {
    return ((await browser.storage.local.get(key)) as Partial<LocalItems>)[key];
  },
  set: (items: Partial<LocalItems>) => browser.storage.local.set(items),
  remove: (...keys: (keyof LocalItems)[]) => browser.storage.local.remove(keys),
};

export const session = {
  async get<K extends keyof SessionItems>(key: K): Promise<SessionItems[K] | undefined> {
    return ((await browser.storage.session.get(key)) as Partial<SessionItems>)[key];
  },
  set: (items: Partial<SessionItems>) => browser.storage.session.set(items),
  remove: (...keys: (keyof SessionItems)[]) => browser.storage.session.remove(keys),
  clear: () => browser.storage.session.clear(),
};

/** The settings, with defaults for a first run. */
export async function readSettings(): Promise<Settings> {
  const saved = await local.get('settings');
  return { serverUrl: '', username: '', autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES, ...saved };
}
