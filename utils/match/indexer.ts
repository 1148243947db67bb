import type { SecretSummary } from '@/utils/contract';
import { INDEX_BATCH, INDEX_SAVE_EVERY, INDEX_WAIT_MS } from '@/utils/config';
import { fetchValues, indexBatch, yieldToEvents, type IndexSource } from './index-batch';
import type { IndexStore } from './index-store';
import { ValueIndex } from './value-index';

export type { IndexSource } from './index-batch';

/** What the indexer reads of a secret's summary. */
export type IndexedSecret = Pick<SecretSummary, 'id' | 'name' | 'status' | 'valueRevision'> & {
  permissions: Pick<SecretSummary['permissions'], 'view'>;
};

/** {@link IndexedSecret} alone, for a reader of the whole cache (see readSecretsInPages's `pick`). */
export const indexedPart = (s: SecretSummary): IndexedSecret => ({
  id: s.id,
  name: s.name,
  status: s.status,
  valueRevision: s.valueRevision,
  permissions: { view: s.permissions.view },
});

/** One sync's worth of changes, or (`full`) every secret the user can see now. */
export type IndexChanges = { full: boolean; secrets: readonly IndexedSecret[]; removed?: readonly string[] };

/**
 * Where right-click matching by value stands: turned off in the settings, waiting for an unlock, being
 * built (`indexed` out of `outOf` so far), or ready.
 */
export type ValueIndexStatus =
  | { state: 'off' }
  | { state: 'locked' }
  | { state: 'building'; indexed: number; outOf: number }
  | { state: 'ready'; indexed: number };

/** An enabled secret the user can view: the only kind the values route answers for. */
const indexable = (s: IndexedSecret) => s.status === 'enabled' && s.permissions.view;

export type IndexerOptions = {
  batch?: number;
  /** The user's setting: when it says no, no value is fetched at all. Read at each update. */
  enabled?: () => Promise<boolean>;
  /** Told where the index stands after each batch, and when an update ends. */
  onProgress?: (status: ValueIndexStatus) => void;
  /** Where the index is kept across locks and worker restarts (sealed); without it, it is built at each unlock. */
  store?: IndexStore;
  /** Changes between two saves while a long build runs. */
  saveEvery?: number;
};

/**
 * Keeps the right-click matcher's {@link ValueIndex} in step with the cache: after unlock, the index kept
 * (sealed) from the last session is opened, and only what changed since is indexed (a new value revision, a
 * new secret; a removed or disabled secret is forgotten); each sync updates it the same way; a lock drops it
 * from memory. Client secrets are verified, opened and fingerprinted one at a time, each in a task of its own, and not kept. A build
 * runs in the background in batches, yielding to the worker's event loop between slices, so messages are never
 * held up by it; it is saved every `saveEvery` changes and when it ends; a lock, a sign-out or the setting
 * turned off abandons it where it stands.
 */
export function createValueIndexer(
  source: () => IndexSource | undefined,
  {
    batch = INDEX_BATCH,
    enabled = async () => true,
    onProgress = () => undefined,
    store,
    saveEvery = INDEX_SAVE_EVERY,
  }: IndexerOptions = {},
) {
  let index: ValueIndex | undefined;
  let queue: Promise<void> = Promise.resolve();
  // Bumped on drop: work queued before a lock must not fill the index of the next unlock.
  let epoch = 0;
  /** Updates queued and not yet done, and the values they still have to open. */
  let pending = 0;
  let remaining = 0;
  let off = false;
  /** The index's change count when it was last saved (or opened). */
  let savedAt = 0;

  function status(): ValueIndexStatus {
    if (off) return { state: 'off' };
    if (!source()) return { state: 'locked' };
    const indexed = index?.size ?? 0;
    return pending ? { state: 'building', indexed, outOf: indexed + remaining } : { state: 'ready', indexed };
  }

  function drop(): void {
    epoch++;
    index = undefined;
    remaining = 0;
  }

  /**
   * Seals and stores the index, unless it has not changed since the last save. Only ever called from an
   * update, which the queue runs one at a time, so two saves never overlap.
   */
  async function save(idx: ValueIndex, at: number): Promise<void> {
    const src = source();
    if (!store || !src?.indexKeys || !src.owner || at !== epoch || idx.changes === savedAt) return;
    const mark = idx.changes;
    const ok = await store
      .save(src.indexKeys, src.owner.userId, idx.entries(), () => at === epoch && !!source())
      .then(() => true)
      .catch(() => false);
    if (ok && at === epoch) savedAt = mark;
  }

  /** The index of this unlock: the one kept from the last, if it opens with this user's keys; else empty. */
  async function open(src: IndexSource): Promise<ValueIndex> {
    const kept = store && src.indexKeys && src.owner ? await store.load(src.indexKeys, src.owner.userId) : undefined;
    return ValueIndex.create(src.indexKeys?.hmac, kept);
  }

  async function apply(changes: IndexChanges, at: number): Promise<void> {
    const first = source();
    if (at !== epoch || !first) return;
    off = !(await enabled());
    if (off) await store?.remove().catch(() => undefined);
    if (off || at !== epoch) return;
    if (!index) {
      const made = await open(first);
      if (at !== epoch) return;
      if (!index) {
        index = made;
        savedAt = made.changes;
      }
    }
    const idx = index;
    const listed = new Set(changes.secrets.map((s) => s.id));
    const stale = changes.full ? [...idx.ids()].filter((id) => !listed.has(id)) : [];
    for (const id of [...stale, ...(changes.removed ?? [])]) idx.remove(id);
    const wanted: string[] = [];
    // The names, for the grant checks' messages: the summaries are at hand, a cache read per value is not needed.
    const labels = new Map<string, string>();
    for (const s of changes.secrets) {
      if (!indexable(s)) idx.remove(s.id);
      else if (idx.revisionOf(s.id) !== s.valueRevision) {
        wanted.push(s.id);
        labels.set(s.id, s.name);
      }
    }
    // In id order: each batch's "signed seen" marks are then one range of keys, read in one request
    // (utils/secrets/device-trust.ts, readMarks).
    wanted.sort();
    remaining += wanted.length;
    let left = wanted.length;
    // The next batch is asked for while this one is opened: the server's time overlaps the worker's.
    const ask = (i: number) => {
      const src = source();
      const ids = wanted.slice(i, i + batch);
      const items = src && ids.length ? fetchValues(src, ids) : undefined;
      // An answer asked for ahead and never used (a lock, an error) must not be an unhandled rejection; one
      // that is used still throws where it is awaited.
      items?.catch(() => undefined);
      return { ids, items };
    };
    let next = ask(0);
    try {
      for (let i = 0; i < wanted.length && at === epoch; i += batch) {
        // The source is read again for each batch: after a lock there is none, and no key is kept here.
        const src = source();
        const { ids, items } = next;
        if (!src || !items) return;
        const answer = await items;
        next = at === epoch ? ask(i + batch) : { ids: [], items: undefined };
        await indexBatch(idx, src, ids, answer, () => at === epoch, labels);
        if (at !== epoch) return;
        left -= ids.length;
        remaining -= ids.length;
        onProgress(status());
        if (idx.changes - savedAt >= saveEvery) await save(idx, at);
        await yieldToEvents();
      }
    } finally {
      // A build that stopped early (offline, locked) no longer counts as work to come.
      if (at === epoch) remaining -= left;
      // What was done is kept, even when the build stopped early.
      await save(idx, at);
    }
  }

  return {
    /**
     * Queues an update; resolves when it (and everything queued before it) is done. Never rejects. The
     * changes may still be loading: the update takes its place in the queue at once, so a lookup made
     * meanwhile waits for it.
     */
    update(changes: IndexChanges | Promise<IndexChanges>): Promise<void> {
      const at = epoch;
      pending++;
      queue = queue
        .then(async () => apply(await changes, at))
        .catch(() => undefined)
        .finally(() => {
          pending--;
          onProgress(status());
        });
      return queue;
    },
    /**
     * Forgets every fingerprint and the key (lock, sign-out, matching turned off); abandons the build. The
     * index kept sealed stays for the next unlock.
     */
    drop,
    /** {@link drop}, and the kept index deleted too (value matching turned off). */
    async forget(): Promise<void> {
      drop();
      await store?.remove().catch(() => undefined);
    },
    /**
     * The secrets whose client secret is the selection. Waits for queued work up to `waitMs`, so a
     * right-click just after unlock still finds values, without hanging on a slow build.
     */
    async lookup(selection: string, waitMs = INDEX_WAIT_MS): Promise<string[]> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([queue, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
      return index ? index.lookup(selection) : [];
    },
    /** Where the index stands, for the settings page and the benchmark. */
    status,
    /** How many secrets are indexed (for tests and the benchmark). */
    get size(): number {
      return index?.size ?? 0;
    },
  };
}

export type ValueIndexer = ReturnType<typeof createValueIndexer>;
