import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccessList, DirectoryEntry } from '@/utils/contract';
import type { SharePanelState } from '@/components/SharePanel';
import {
  commonEntries,
  hasChanges,
  panelEntries,
  shareRequest,
  shareSummary,
  type ShareSummary,
} from '@/utils/share/plan';
import {
  NO_CHANGES,
  entryToPanel,
  recipientKey,
  type KeyChange,
  type RecipientKey,
  type ShareChanges,
} from '@/utils/share/types';
import { errorCode, errorText } from '@/utils/vault/error-text';
import { shareCalls, type ShareCalls } from './worker-calls';

/** A search result as a new line of the panel: Can view, not Can edit, until the user says otherwise. */
function fromDirectory(d: DirectoryEntry) {
  return d.kind === 'user'
    ? {
        kind: d.kind,
        id: d.id,
        name: d.name,
        username: d.username,
        email: d.email,
        groupKind: null,
        memberCount: null,
        publicKey: d.publicKey,
        fingerprint: d.fingerprint,
        canEdit: false,
      }
    : {
        kind: d.kind,
        id: d.id,
        name: d.name,
        username: null,
        email: null,
        groupKind: d.groupKind,
        memberCount: d.memberCount,
        publicKey: d.publicKey,
        fingerprint: d.fingerprint,
        canEdit: false,
      };
}

/**
 * The share panel's state: the lists of the secrets being shared, the user's changes as a delta,
 * and Share. A stale list (someone else shared meanwhile) is reloaded and the same changes are kept on
 * top of it; a changed recipient key stops the share until the user confirms the new fingerprint.
 */
export function useSharePanel(
  ids: readonly string[],
  onShared?: () => void,
  calls: ShareCalls = shareCalls,
): SharePanelState {
  const [lists, setLists] = useState<AccessList[]>();
  const [savedAt, setSavedAt] = useState<string>();
  const [changes, setChanges] = useState<ShareChanges>(NO_CHANGES);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [keyChanges, setKeyChanges] = useState<KeyChange[]>();
  const [confirmed, setConfirmed] = useState<Partial<Record<RecipientKey, string>>>({});
  const [done, setDone] = useState<ShareSummary>();
  const idsKey = ids.join(',');
  // The newest calls, without reloading the lists when only the page re-rendered.
  const worker = useRef(calls);
  worker.current = calls;

  const load = useCallback(async () => {
    const results = await Promise.all(idsKey.split(',').map((secretId) => worker.current.accessList(secretId)));
    setLists(results.map((r) => r.list));
    setSavedAt(results.find((r) => r.savedAt)?.savedAt);
  }, [idsKey]);
  useEffect(() => {
    load().catch((e: unknown) => setError(errorText(e)));
  }, [load]);

  const current = useMemo(
    () => (!lists ? [] : lists.length === 1 ? lists[0]!.entries.map(entryToPanel) : commonEntries(lists)),
    [lists],
  );
  const entries = useMemo(() => panelEntries(current, changes), [current, changes]);
  const isAdded = (key: RecipientKey) => changes.added.some((a) => recipientKey(a.kind, a.id) === key);

  function add(d: DirectoryEntry) {
    const key = recipientKey(d.kind, d.id);
    setError(undefined);
    setChanges((c) =>
      c.removed.includes(key)
        ? { ...c, removed: c.removed.filter((k) => k !== key) }
        : { ...c, added: [...c.added, fromDirectory(d)] },
    );
  }
  function setCanEdit(key: RecipientKey, canEdit: boolean) {
    setChanges((c) =>
      isAdded(key)
        ? { ...c, added: c.added.map((a) => (recipientKey(a.kind, a.id) === key ? { ...a, canEdit } : a)) }
        : { ...c, canEdit: { ...c.canEdit, [key]: canEdit } },
    );
  }
  function remove(key: RecipientKey) {
    setError(undefined);
    setChanges((c) =>
      isAdded(key)
        ? { ...c, added: c.added.filter((a) => recipientKey(a.kind, a.id) !== key) }
        : { ...c, removed: [...c.removed, key] },
    );
  }

  async function share(extra: Partial<Record<RecipientKey, string>> = {}) {
    if (!lists) return;
    const allConfirmed = { ...confirmed, ...extra };
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await worker.current.share(shareRequest(lists, changes, allConfirmed));
      if (!outcome.ok) return setKeyChanges(outcome.keyChanges);
      setConfirmed(allConfirmed);
      setDone(shareSummary(current, changes));
      onShared?.();
    } catch (e) {
      setError(errorText(e));
      // The list changed under the user: show the new one, with their changes still applied to it.
      if (errorCode(e) === 'stale_access_revision') await load().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  }

  return {
    loaded: !!lists,
    savedAt,
    entries,
    /** Which lines are new (not applied yet), to mark them. */
    isAdded,
    /** Who the search should hide: everyone already on the panel. */
    listed: new Set(entries.map((e) => recipientKey(e.kind, e.id))),
    changed: !!lists && hasChanges(current, changes),
    busy,
    error,
    keyChanges,
    done,
    add,
    setCanEdit,
    remove,
    share: () => share(),
    /** The user compared the new fingerprints and trusts them: share again with them confirmed. */
    confirmKeys: () => {
      const extra = Object.fromEntries((keyChanges ?? []).map((k) => [k.key, k.current]));
      setKeyChanges(undefined);
      return share(extra);
    },
    cancelKeys: () => setKeyChanges(undefined),
  };
}
