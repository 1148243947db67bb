import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { openCache, readSnapshot, type CacheSnapshot } from '@/utils/cache';
import { connectEvents, sendMessage } from '@/utils/messaging';
import { readStoredStatus } from '@/utils/session/status';
import type { SessionStatus } from '@/utils/session/types';
import type { SyncReport } from '@/utils/sync';
import type { VaultProblem } from '@/utils/vault/errors';

export type SyncState = { running: boolean; error?: VaultProblem };

/**
 * The popup's data. The first paint comes from storage and IndexedDB alone (no network, no waiting on
 * the worker); then the worker is asked to sync, and its events re-render the list in place.
 */
export function usePopupState() {
  const [status, setStatus] = useState<SessionStatus>();
  const [snapshot, setSnapshot] = useState<CacheSnapshot>();
  const [sync, setSync] = useState<SyncState>({ running: false });
  const db = useRef(openCache());

  const reload = useCallback(async () => setSnapshot(await readSnapshot(await db.current)), []);
  const onReport = useCallback(
    (report: SyncReport) => {
      setSync({ running: false, error: report.ok ? undefined : report.error });
      if (report.ok) void reload();
    },
    [reload],
  );
  const requestSync = useCallback(() => {
    setSync((s) => ({ ...s, running: true }));
    sendMessage('sync').then(onReport, (e: { toProblem?: () => VaultProblem }) => setSync({ running: false, error: e.toProblem?.() ?? { code: 'unexpected' } }));
  }, [onReport]);

  useEffect(() => {
    void readStoredStatus().then((s) => setStatus((current) => current ?? s));
    const disconnect = connectEvents((event) => (event.type === 'status' ? setStatus(event.status) : onReport(event.report)));
    sendMessage('getStatus').then(setStatus, () => undefined);
    return disconnect;
  }, [onReport]);

  const unlocked = status?.state === 'unlocked';
  useEffect(() => {
    if (!unlocked) return setSnapshot(undefined);
    void reload();
    requestSync();
  }, [unlocked, reload, requestSync]);

  return { status, snapshot, sync, requestSync };
}
