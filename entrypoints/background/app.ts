import { openCache, type CacheDb } from '@/utils/cache';
import { createEventHub, createMessageListener, type Handlers } from '@/utils/messaging';
import { AUTO_LOCK_ALARM, createVaultSession, type VaultSessionDeps } from '@/utils/session';
import { createSyncEngine } from '@/utils/sync';
import type { SelectionKind } from '@/utils/popup-route';
import { SYNC_ALARM, ensureSyncAlarm } from './alarms';
import { createClipboardHandlers, onClipboardAlarm } from './handlers/clipboard';
import { createSecretHandlers } from './handlers/secrets';
import { createSelectionHandlers } from './handlers/selection';
import { createSessionHandlers } from './handlers/session';
import { createShareHandlers } from './handlers/share';
import { createApprovalHandlers } from './handlers/approvals';
import { migrateVep1 } from '@/utils/share/migrate-vep1';
import { createLinksHandlers } from './handlers/links';
import { createGroupsHandlers } from './handlers/groups';
import { createSyncHandlers } from './handlers/sync';
import { createRightClick, type RightClickDeps } from './right-click';
import { createUnlockedWork } from './unlocked';

export type BackgroundOptions = {
  openDb?: () => Promise<CacheDb>;
  openView?: RightClickDeps['open'];
  indexDelayMs?: RightClickDeps['indexDelayMs'];
  quietMs?: RightClickDeps['quietMs'];
} & Omit<VaultSessionDeps, 'db' | 'onStatus'>;

/**
 * Everything the worker does, wired together but not yet listening: `index.ts` registers the listeners in
 * `main()`, tests drive the same object through fake-browser. Nothing here awaits at construction: the
 * start-up work is the one `ready` promise that every handler waits on.
 */
export function createBackgroundApp(opts: BackgroundOptions = {}) {
  const hub = createEventHub();
  let dbPromise: Promise<CacheDb> | undefined;
  const db = () => (dbPromise ??= (opts.openDb ?? openCache)());
  const rightClick = createRightClick({
    db,
    session: () => session,
    open: opts.openView,
    indexDelayMs: opts.indexDelayMs,
    quietMs: opts.quietMs,
    onIndexStatus: (status) => hub.broadcast({ type: 'valueIndex', status }),
  });
  const session = createVaultSession({
    ...opts,
    db,
    onStatus: (status) => (hub.broadcast({ type: 'status', status }), rightClick.onStatus(status)),
  });
  const engine = createSyncEngine({
    db,
    session: () => session.unlocked(),
    onReport: (report) => hub.broadcast({ type: 'synced', report }),
    onFailed: (e) => void (e.code === 'session_expired' && session.lock('session_expired')),
    onChanges: (changes) => rightClick.onChanges(changes),
  });
  const ready = Promise.all([session.ready.then(() => rightClick.start()), ensureSyncAlarm()]).then(() => undefined);
  const work = createUnlockedWork({ db, session, engine });
  /** After sign-in and unlock the cache fills in the background, whether or not a page asks. */
  // Pending group members are never completed here: a manager approves each one in the extension. What the
  // user can vouch for that still carries VEP/1 grants is re-made signed (docs/crypto.md, "Migration").
  const migrate = () => void work.write(migrateVep1).catch(() => undefined);
  const opened = () => (void engine.run(), migrate());

  // One slice of the protocol per domain; the type checks that every message has its handler.
  const handlers: Handlers = {
    ...createSessionHandlers(session, opened, (settings) => rightClick.onSettings(settings)),
    ...createSyncHandlers(engine),
    ...createSecretHandlers(work),
    ...createShareHandlers(work, rightClick.badge),
    ...createApprovalHandlers(work),
    ...createLinksHandlers(work, session),
    ...createGroupsHandlers(work),
    ...createSelectionHandlers({
      session: () => session,
      handoff: rightClick.handoff,
      selection: rightClick.selection,
      valueIndex: () => rightClick.indexer.status(),
      pageScrolling: rightClick.pageScrolling,
    }),
    ...createClipboardHandlers(),
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
    handleSelection: async (kind: SelectionKind, selectionText: string) => (
      await afterReady(),
      rightClick.handleSelection(kind, selectionText)
    ),
    async onMenuClick(menuItemId: string | number, selectionText?: string) {
      await afterReady();
      return rightClick.onMenuClick(menuItemId, selectionText);
    },
    onMessage: createMessageListener(handlers, afterReady),
    async onAlarm(name: string) {
      await ready;
      if (name === AUTO_LOCK_ALARM) await session.checkIdle();
      if (name === SYNC_ALARM) await engine.run();
      await onClipboardAlarm(name);
    },
    /** The screen locked: lock the vault too, whatever the timeout. */
    async onIdleState(state: string) {
      await ready;
      if (state === 'locked' && session.status().state === 'unlocked') await session.lock('idle');
    },
  };
}

export type BackgroundApp = ReturnType<typeof createBackgroundApp>;
