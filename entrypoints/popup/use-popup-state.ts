import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  openCache,
  patchSnapshot,
  readHead,
  readMeta,
  readSnapshot,
  type AppliedSync,
  type CacheDb,
  type CacheSnapshot,
  type ListHead,
} from '@/utils/cache';
import type { SecretSummary } from '@/utils/contract';
import type { Filter } from '@/utils/list-query';
import { connectEvents, sendMessage } from '@/utils/messaging';
import { readStoredStatus } from '@/utils/session/status';
import type { SessionStatus } from '@/utils/session/types';
import type { SyncReport } from '@/utils/sync';
import type { VaultProblem } from '@/utils/vault/errors';
import { useLiveSync, useScrollNotice } from '@/components/use-live-sync';

export type SyncState = { running: boolean; error?: VaultProblem };

/** The secrets a sync named (see `NAMED_CHANGES_MAX`): the popup reads just those again. */
type NamedChanges = NonNullable<AppliedSync['ids']>;

/** The list's data; `counts` is set while only the precomputed head is loaded, not yet every secret. */
export type PopupSnapshot = CacheSnapshot & { counts?: Record<Filter, number> };

/** Tells the worker the list is being scrolled, so its background work waits (a lost notice costs nothing). */
const pageScrolling = () => void sendMessage('pageScrolling').catch(() => undefined);

/**
 * What the popup's first frame is drawn from: the session as the worker stored it and the cache's precomputed
 * head. main.tsx reads them before it renders anything, so the first render is the list itself (rendering
 * first and reading in an effect drew an empty frame, and the reads began only after it).
 */
export type FirstPaint = { db: Promise<CacheDb>; status?: SessionStatus; head?: ListHead };

/** Opens the cache and reads the first frame's data; never fails (a failed read leaves it to the hook). */
export async function readFirstPaint(): Promise<FirstPaint> {
  const db = openCache();
  const [status, head] = await Promise.all([
    readStoredStatus().catch(() => undefined),
    db.then(readHead).catch(() => undefined),
  ]);
  return { db, status, head };
}

/** The unlocked account's user id; none while signed out or locked. */
const unlockedUserId = (s: SessionStatus | undefined) => (s?.state === 'unlocked' ? s.account.userId : undefined);

/** The list's first snapshot: the head, when it belongs to the unlocked account `userId`. */
function headSnapshot(userId: string | undefined, head: ListHead | undefined): PopupSnapshot | undefined {
  if (!userId || head?.userId !== userId) return undefined;
  return { secrets: head.rows, meta: head.meta, counts: head.counts };
}

/** Runs `fn` once the browser has drawn the current frame, so it does not delay that frame. */
const afterPaint = (fn: () => void) => requestAnimationFrame(() => setTimeout(fn, 0));

/**
 * The popup's data. The first paint comes from storage and the cache's precomputed head alone (no
 * network, no waiting on the worker, not every secret); after that frame the full list is read, the worker
 * is woken and asked to sync, and its events re-render the list in place.
 */
export function usePopupState(first?: FirstPaint) {
  const [status, setStatus] = useState<SessionStatus | undefined>(first?.status);
  const [snapshot, setSnapshot] = useState(() => headSnapshot(unlockedUserId(first?.status), first?.head));
  const [sync, setSync] = useState<SyncState>({ running: false });
  // Opened once: `useRef(openCache())` would open (and leak) a connection on every render, and on the first
  // paint those opens queued behind each other before the head could be read.
  const [dbPromise] = useState(() => first?.db ?? openCache());
  const db = useRef(dbPromise);
  /** Whether main.tsx read the stored session before the first render (a test may render the hook alone). */
  const readBeforeRender = useRef(first?.status !== undefined);

  /** Whether the snapshot holds every cached secret (not just the head of the first paint). */
  const complete = useRef(false);
  /** The read of every secret under way, and whether the cache changed since it began (read once more). */
  const reading = useRef<Promise<void> | undefined>(undefined);
  const stale = useRef(false);
  /** The secrets of the last whole read or patch: what the next patch starts from. */
  const listed = useRef<readonly SecretSummary[]>([]);
  /** Moves at each lock, unlock and change of account. */
  const generation = useRef(0);
  /**
   * Reads every cached secret into the list: one read at a time (an unlock's first read and its sync's
   * report used to read 10,000 secrets twice over), and once more after it when `changed` says the cache
   * moved while it was under way.
   */
  const reload = useCallback((changed = true, named?: NamedChanges): Promise<void> => {
    if (reading.current) {
      stale.current ||= changed;
      return reading.current;
    }
    // A read that ends after a lock (or another sign-in) is dropped: it must not fill the list again.
    const account = generation.current;
    const run = async () => {
      // With the secrets a sync named, and the whole list already read: only those are read again.
      let patch = complete.current ? named : undefined;
      do {
        stale.current = false;
        const cache = await db.current;
        const snap = patch
          ? { secrets: await patchSnapshot(cache, listed.current, patch), meta: await readMeta(cache) }
          : await readSnapshot(cache);
        patch = undefined;
        if (account !== generation.current) return;
        listed.current = snap.secrets;
        setSnapshot(snap);
        complete.current = true;
      } while (stale.current);
    };
    const read: Promise<void> = run().finally(() => {
      if (reading.current === read) reading.current = undefined;
    });
    reading.current = read;
    return read;
  }, []);
  const onReport = useCallback(
    (report: SyncReport) => {
      setSync({ running: false, error: report.ok ? undefined : report.error });
      if (!report.ok) return;
      const { full, upserted, removed } = report.applied;
      const synced = () => setSnapshot((s) => (s?.meta ? { ...s, meta: { ...s.meta, lastSyncAt: report.at } } : s));
      // Re-reading 10,000 secrets takes a while: do it only when the pass changed something (or while only
      // the head is loaded); otherwise just note the time of the sync.
      if (full || upserted || removed) void reload(true, full ? undefined : report.applied.ids);
      else if (!complete.current || reading.current) void reload(false).then(synced);
      else synced();
    },
    [reload],
  );
  /** A sync the user did not ask for (the popup staying live): no "syncing" state, failures shown as usual. */
  const quietSync = useCallback(() => {
    sendMessage('sync').then(onReport, (e: { toProblem?: () => VaultProblem }) =>
      setSync({ running: false, error: e.toProblem?.() ?? { code: 'unexpected' } }),
    );
  }, [onReport]);
  const requestSync = useCallback(() => {
    setSync((s) => ({ ...s, running: true }));
    sendMessage('sync').then(onReport, (e: { toProblem?: () => VaultProblem }) =>
      setSync({ running: false, error: e.toProblem?.() ?? { code: 'unexpected' } }),
    );
  }, [onReport]);

  useEffect(() => {
    let disconnect = () => undefined as void;
    let closed = false;
    const stored = readBeforeRender.current
      ? Promise.resolve()
      : Promise.all([readStoredStatus(), db.current.then(readHead).catch(() => undefined)]).then(([stored, head]) => {
          setStatus((current) => current ?? stored);
          setSnapshot((current) => current ?? headSnapshot(unlockedUserId(stored), head));
        });
    void stored.then(() => {
      // The worker is woken only after that first frame: on two cores its start-up would delay it.
      afterPaint(() => {
        if (closed) return;
        disconnect = connectEvents((event) => {
          if (event.type === 'status') setStatus(event.status);
          if (event.type === 'synced') onReport(event.report);
        });
        sendMessage('getStatus').then(setStatus, () => undefined);
      });
    });
    return () => ((closed = true), disconnect());
  }, [onReport]);

  const unlocked = status?.state === 'unlocked';
  const userId = unlockedUserId(status);
  useEffect(() => {
    // A read under way belongs to the last account or session: it is left to end unseen.
    generation.current++;
    reading.current = undefined;
    // Whatever was listed was another session's (or account's): no patch may start from it.
    complete.current = false;
    listed.current = [];
    if (!userId) return setSnapshot(undefined);
    // Just unlocked in this page: the head first, as when the popup opens, then every secret after that frame.
    void db.current
      .then(readHead)
      .then((head) => setSnapshot((current) => current ?? headSnapshot(userId, head)))
      .catch(() => undefined)
      .finally(() =>
        afterPaint(() => {
          void reload();
          requestSync();
        }),
      );
  }, [userId, reload, requestSync]);
  useLiveSync(unlocked, quietSync);
  useScrollNotice(unlocked, pageScrolling);

  return { status, snapshot, sync, requestSync };
}
