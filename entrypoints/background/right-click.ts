import { readSecretsInPages, type CacheDb } from '@/utils/cache';
import { INDEX_START_DELAY_MS } from '@/utils/config';
import { createValueIndexer, indexedPart, type ValueIndexStatus } from '@/utils/match/indexer';
import { createIndexStore } from '@/utils/match/index-store';
import type { ValueItem } from '@/utils/match/index-batch';
import { batchTrust, type TrustWanted } from '@/utils/secrets/device-trust';
import { verifyKeyPath } from '@/utils/session/grant-trust';
import type { SelectionKind } from '@/utils/popup-route';
import { readSettings, type SessionStatus, type Settings, type VaultSession } from '@/utils/session';
import type { SyncChanges } from '@/utils/sync';
import { createBadge } from './badge';
import { createHandoff } from './handoff';
import { kindOfMenu } from './menus';
import { createSelectionHandler } from './selection';
import { createViewOpener } from './surface';
import { createQuietGate } from './quiet-gate';

/** The signing pins and "signed seen" marks that verifying these values' key paths will ask for. */
export function trustWanted(items: readonly ValueItem[]): TrustWanted {
  const signers: string[] = [];
  const subjects: string[] = [];
  const signer = (s: { id: string; managerProof?: { by: { id: string } } | null } | null | undefined) => {
    if (s) signers.push(s.id);
    if (s?.managerProof) signers.push(s.managerProof.by.id);
  };
  for (const { secretId, keyPath: p } of items) {
    subjects.push(`secret:${secretId}`);
    if (p.via === 'user') signer(p.signer);
    else {
      subjects.push(`group:${p.groupId}`);
      signer(p.groupGrantSigner);
      signer(p.memberGrantSigner);
      if (p.memberGrantSigner?.role === 'manager')
        subjects.push(`manager:group:${p.groupId}:${p.memberGrantSigner.id}`);
    }
  }
  return { signers, subjects };
}

export type RightClickDeps = {
  db: () => Promise<CacheDb>;
  /** Read lazily: the session is created after this feature, whose hooks it calls. */
  session: () => VaultSession;
  /** Shows a popup view; the toolbar popup or a small window unless a test says otherwise. */
  open?: (hash: string) => Promise<unknown>;
  /** Where the value index stands, after each batch and at the end of each update (the options page shows it). */
  onIndexStatus?: (status: ValueIndexStatus) => void;
  /** How long after an unlock the value index starts (tests say 0). */
  indexDelayMs?: number;
  /** How long the index waits after a page last said it was scrolling (SCROLL_QUIET_MS unless a test says). */
  quietMs?: number;
};

/**
 * The right-click features wired to the worker: the value index follows the session and the sync, the
 * badge follows the sync, and the selection handler opens views. `app.ts` calls the hooks; the pages
 * reach them through handlers/selection.ts and handlers/share.ts.
 */
export function createRightClick(deps: RightClickDeps) {
  // The index's reads and batches wait while a page is being scrolled (see quiet-gate.ts).
  const gate = createQuietGate(deps.quietMs);
  // Values opened for matching go through the same grant verification as a reveal (pins, signers, revisions),
  // with this device's pins and marks read once per batch of values (see batchTrust).
  const indexer = createValueIndexer(
    () => {
      const u = deps.session().unlocked();
      if (!u) return undefined;
      const me = { userId: u.me.userId, signingPublicKey: u.me.signingPublicKey };
      const verifier = async (items: readonly ValueItem[]) => {
        const trust = await batchTrust(await deps.db(), trustWanted(items));
        return { verify: (item: ValueItem, label: string) => verifyKeyPath(item, label, me, trust), done: trust.flush };
      };
      // Each batch starts with its values call: made through the gate, the batch waits for the scrolling to stop.
      const client: typeof u.client = { call: async (name, input) => (await gate.quiet(), u.client.call(name, input)) };
      return { ...u, client, verifier };
    },
    {
      enabled: async () => (await readSettings()).matchByValue,
      onProgress: (status) => deps.onIndexStatus?.(status),
      store: createIndexStore(deps.db),
    },
  );
  const badge = createBadge();
  const handoff = createHandoff();
  const cached = async () => (await deps.db()).getAll('secrets');
  /** Starts a delayed build at once: a right-click needs it now. */
  let startNow = () => undefined as void;
  /**
   * A new index from the cache, read a page at a time, after `delay` (an unlock's first moments are the
   * popup's) or as soon as a right-click asks for a value, whichever comes first.
   */
  const rebuild = (delay = 0) =>
    indexer.update(
      new Promise<void>((go) => {
        const timer = setTimeout(go, delay);
        startNow = () => (clearTimeout(timer), gate.open(), go());
      })
        .then(async () => (await gate.quiet(), readSecretsInPages(await deps.db(), undefined, indexedPart)))
        .then((secrets) => ({ full: true, secrets })),
    );
  const selection = createSelectionHandler({
    status: () => deps.session().status().state,
    secrets: cached,
    lookupValue: (text) => (startNow(), indexer.lookup(text)),
    handoff,
    open: deps.open ?? createViewOpener().open,
  });
  return {
    indexer,
    badge,
    handoff,
    selection,
    handleSelection: (kind: SelectionKind, text: string) => selection.handleSelection(kind, text),
    /** A page is being scrolled: the index build holds back until it has been still a moment. */
    pageScrolling: () => gate.scrolled(),
    /** A click on one of our menu items (others, and empty selections, are ignored). */
    onMenuClick(menuItemId: string | number, selectionText: string | undefined): Promise<string> | undefined {
      const kind = kindOfMenu(menuItemId);
      return kind && selectionText ? selection.handleSelection(kind, selectionText) : undefined;
    },
    /**
     * Every unlock opens the index kept sealed since the last one and brings it up to date; lock and sign-out
     * drop it from memory (sign-out also clears the cache, the kept index with it).
     */
    onStatus(status: SessionStatus): void {
      indexer.drop();
      if (status.state === 'unlocked') void rebuild(deps.indexDelayMs ?? INDEX_START_DELAY_MS);
      if (status.state === 'signedOut') void badge.clear();
    },
    /**
     * Value matching turned off: the index goes at once, from memory and from the cache; turned on: built
     * again if unlocked.
     */
    onSettings(settings: Settings): void {
      if (settings.matchByValue && indexer.status().state !== 'off') return;
      if (settings.matchByValue) indexer.drop();
      else void indexer.forget();
      if (deps.session().status().state === 'unlocked') void rebuild();
    },
    onChanges(c: SyncChanges): void {
      void indexer.update({ full: c.response.full, secrets: c.response.secrets, removed: c.response.removedSecrets });
      void badge.noteChanges(c);
    },
    /** Worker start, after the session resumed: the badge shows again and an unlocked vault is indexed. */
    async start(): Promise<void> {
      await badge.restore().catch(() => undefined);
      if (deps.session().status().state === 'unlocked') void rebuild();
    },
  };
}

export type RightClick = ReturnType<typeof createRightClick>;
