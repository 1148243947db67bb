import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { openCache, readHead, readSnapshot, type CacheSnapshot } from '@/utils/cache';
import type { Filter } from '@/utils/list-query';
import { connectEvents, sendMessage } from '@/utils/messaging';
import { readStoredStatus } from '@/utils/session/status';
import type { SessionStatus } from '@/utils/session/types';
import type { SyncReport } from '@/utils/sync';
import type { VaultProblem } from '@/utils/vault/errors';
import { useLiveSync, useScrollNotice } from '@/components/use-live-sync';

export type SyncState = { running: boolean; error?: VaultProblem };

/** The list's data; `counts` is set while only the precomputed head is loaded, not yet every secret. */
export type PopupSnapshot = CacheSnapshot & { counts?: Record<Filter, number> };

/** Tells the worker the list is being scrolled, so its background work waits (a lost notice costs nothing). */
const pageScrolling = () => void sendMessage('pageScrolling').catch(() => undefined);

/** Runs `fn` once the browser has drawn the current frame, so it does not delay that frame. */
const afterPaint = (fn: () => void) => requestAnimationFrame(() => setTimeout(fn, 0));

/**
 * The popup's data. The first paint comes from storage and the cache's precomputed head alone (no
 * network, no waiting on the worker, not every secret); after that frame the full list is read, the worker
 * is woken and asked to sync, and its events re-render the list in place.
 */
export function usePopupState() {
  const [status, setStatus] = useState<SessionStatus>();
  const [snapshot, setSnapshot] = useState<PopupSnapshot>();
  const [sync, setSync] = useState<SyncState>({ running: false });
  // Opened once: `useRef(openCache())` would open (and leak) a connection on every render, and on the first
  // paint those opens queued behind each other before the head could be read.
  const [dbPromise] = useState(openCache);
  const db = useRef(dbPromise);

  /** Whether the snapshot holds every cached secret (not just the head of the first paint). */
  const complete = useRef(false);
  const reload = useCallback(async () => {
    setSnapshot(await readSnapshot(await db.current));
    complete.current = true;
  }, []);
  const onReport = useCallback(
    (report: SyncReport) => {
      setSync({ running: false, error: report.ok ? undefined : report.error });
      if (!report.ok) return;
      const { full, upserted, removed } = report.applied;
      // Re-reading 10,000 secrets is a long task: do it only when the pass changed something (or while
      // only the head is loaded); otherwise just note the time of the sync.
      if (full || upserted || removed || !complete.current) void reload();
      else setSnapshot((s) => (s?.meta ? { ...s, meta: { ...s.meta, lastSyncAt: report.at } } : s));
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
    void Promise.all([readStoredStatus(), db.current.then(readHead).catch(() => undefined)]).then(([stored, head]) => {
      setStatus((current) => current ?? stored);
      if (stored.state === 'unlocked' && head?.userId === stored.account.userId)
        setSnapshot((current) => current ?? { secrets: head.rows, meta: head.meta, counts: head.counts });
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
  const userId = unlocked ? status.account.userId : undefined;
  useEffect(() => {
    if (!userId) return ((complete.current = false), setSnapshot(undefined));
    // Just unlocked in this page: the head first, as when the popup opens, then every secret after that frame.
    void db.current
      .then(readHead)
      .then((head) => {
        if (head?.userId === userId)
          setSnapshot((current) => current ?? { secrets: head.rows, meta: head.meta, counts: head.counts });
      })
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
