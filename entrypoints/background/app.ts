import { openCache, type CacheDb } from '@/utils/cache';
import { createEventHub, createMessageListener, type Handlers } from '@/utils/messaging';
import { AUTO_LOCK_ALARM, createVaultSession, readSettings, type VaultSessionDeps } from '@/utils/session';
import { createSyncEngine } from '@/utils/sync';
import { local } from '@/utils/session/store';
import { SYNC_ALARM, ensureSyncAlarm } from './alarms';

export type BackgroundOptions = { openDb?: () => Promise<CacheDb> } & Omit<VaultSessionDeps, 'db' | 'onStatus'>;

/**
 * Everything the worker does, wired together but not yet listening: `index.ts` registers the listeners in
 * `main()`, tests drive the same object through fake-browser. Nothing here awaits at construction: the
 * start-up work is the one `ready` promise that every handler waits on.
 */
export function createBackgroundApp(opts: BackgroundOptions = {}) {
  const hub = createEventHub();
  let dbPromise: Promise<CacheDb> | undefined;
  const db = () => (dbPromise ??= (opts.openDb ?? openCache)());
  const session = createVaultSession({ ...opts, db, onStatus: (status) => hub.broadcast({ type: 'status', status }) });
  const engine = createSyncEngine({
    db,
    session: () => session.syncTarget(),
    onReport: (report) => hub.broadcast({ type: 'synced', report }),
    onFailed: (e) => void (e.code === 'session_expired' && session.lock('session_expired')),
  });
  const ready = Promise.all([session.ready, ensureSyncAlarm()]).then(() => undefined);
  /** After sign-in and unlock the cache fills in the background, whether or not a page asks. */
  const thenSync = <T>(value: T) => (void engine.run(), value);

  const handlers: Handlers = {
    getStatus: () => session.status(),
    signIn: (d) => session.signIn(d).then(thenSync),
    enrollStart: (d) => session.enrollStart(d),
    enroll: (d) => session.enroll(d).then(thenSync),
    unlock: (d) => session.unlock(d.password).then(thenSync),
    lock: () => session.lock('manual'),
    signOut: () => session.signOut(),
    sync: () => engine.run(),
    getSettings: () => readSettings(),
    async saveSettings(d) {
      const settings = { ...(await readSettings()), autoLockMinutes: d.autoLockMinutes };
      await local.set({ settings });
      await session.checkIdle();
      return settings;
    },
  };

  return {
    ready,
    session,
    engine,
    hub,
    onMessage: createMessageListener(handlers, async () => {
      await ready;
      await session.touch();
    }),
    async onAlarm(name: string) {
      await ready;
      if (name === AUTO_LOCK_ALARM) await session.checkIdle();
      if (name === SYNC_ALARM) await engine.run();
    },
    /** The screen locked: lock the vault too, whatever the timeout. */
    async onIdleState(state: string) {
      await ready;
      if (state === 'locked' && session.status().state === 'unlocked') await session.lock('idle');
    },
  };
}

export type BackgroundApp = ReturnType<typeof createBackgroundApp>;
