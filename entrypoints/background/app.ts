import { openCache, type CacheDb } from '@/utils/cache';
import { createEventHub, createMessageListener, type Handlers } from '@/utils/messaging';
import { AUTO_LOCK_ALARM, createVaultSession, readSettings, type VaultSessionDeps } from '@/utils/session';
import { createSyncEngine } from '@/utils/sync';
import { local } from '@/utils/session/store';
import type { SelectionKind } from '@/utils/match/routes';
import { SYNC_ALARM, ensureSyncAlarm } from './alarms';
import { createRightClick, type RightClickDeps } from './right-click';
import { createShareHandlers } from './share-handlers';

export type BackgroundOptions = { openDb?: () => Promise<CacheDb>; openView?: RightClickDeps['open'] } & Omit<VaultSessionDeps, 'db' | 'onStatus'>;

/**
 * Everything the worker does, wired together but not yet listening: `index.ts` registers the listeners in
 * `main()`, tests drive the same object through fake-browser. Nothing here awaits at construction: the
 * start-up work is the one `ready` promise that every handler waits on.
 */
export function createBackgroundApp(opts: BackgroundOptions = {}) {
  const hub = createEventHub();
  let dbPromise: Promise<CacheDb> | undefined;
  const db = () => (dbPromise ??= (opts.openDb ?? openCache)());
  const rightClick = createRightClick({ db, session: () => session, open: opts.openView });
  const session = createVaultSession({
    ...opts,
    db,
    onStatus: (status) => (hub.broadcast({ type: 'status', status }), rightClick.onStatus(status)),
  });
  const engine = createSyncEngine({
    db,
    session: () => session.syncTarget(),
    onReport: (report) => hub.broadcast({ type: 'synced', report }),
    onFailed: (e) => void (e.code === 'session_expired' && session.lock('session_expired')),
    onChanges: (changes) => rightClick.onChanges(changes),
  });
  const ready = Promise.all([session.ready.then(() => rightClick.start()), ensureSyncAlarm()]).then(() => undefined);
  const share = createShareHandlers({ db, session, engine });
  /**
   * After sign-in and unlock the cache fills in the background, whether or not a page asks; pending group
   * members get their group key from this manager's keys (issue 4).
   */
  const thenSync = <T>(value: T) => (void engine.run(), void share.afterUnlock(), value);

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
    ...rightClick.handlers,
    ...share.handlers,
  };

  /** Worker start-up first, then the click counts as activity for auto-lock, like a message does. */
  const afterReady = async () => (await ready, await session.touch());

  return {
    ready,
    session,
    engine,
    hub,
    rightClick,
    /** The right-click action (the menu listener and the end-to-end test call it). @returns the view's hash */
    handleSelection: async (kind: SelectionKind, selectionText: string) => (await afterReady(), rightClick.handleSelection(kind, selectionText)),
    async onMenuClick(menuItemId: string | number, selectionText?: string) {
      await afterReady();
      return rightClick.onMenuClick(menuItemId, selectionText);
    },
    onMessage: createMessageListener(handlers, async () => {
      await ready;
      await session.touch();
    }),
    async onAlarm(name: string) {
      await ready;
      if (name === AUTO_LOCK_ALARM) await session.checkIdle();
      if (name === SYNC_ALARM) await engine.run();
      await share.onAlarm(name);
    },
    /** The screen locked: lock the vault too, whatever the timeout. */
    async onIdleState(state: string) {
      await ready;
      if (state === 'locked' && session.status().state === 'unlocked') await session.lock('idle');
    },
  };
}

export type BackgroundApp = ReturnType<typeof createBackgroundApp>;
