import type { SecretSummary } from '@/utils/contract';
import { INDEX_WAIT_MS, VALUES_BATCH } from '@/utils/config';
import { indexBatch, type IndexSource } from './index-batch';
import { ValueIndex } from './value-index';

export type { IndexSource } from './index-batch';

/** One sync's worth of changes, or (`full`) every secret the user can see now. */
export type IndexChanges = { full: boolean; secrets: readonly SecretSummary[]; removed?: readonly string[] };

/** An enabled secret the user can view: the only kind the values route answers for. */
const indexable = (s: SecretSummary) => s.status === 'enabled' && s.permissions.view;

/**
 * Keeps the right-click matcher's {@link ValueIndex} in step with the cache: built after unlock, updated
 * by each sync (a new value revision is re-indexed, a removed or disabled secret forgotten), dropped on
 * lock. Client secrets are opened one at a time, fingerprinted, and not kept.
 */
export function createValueIndexer(
  source: () => IndexSource | undefined,
  { batch = VALUES_BATCH }: { batch?: number } = {},
) {
  let index: ValueIndex | undefined;
  let queue: Promise<void> = Promise.resolve();
  // Bumped on drop: work queued before a lock must not fill the index of the next unlock.
  let epoch = 0;

  async function apply(changes: IndexChanges, at: number): Promise<void> {
    const src = source();
    if (!src || at !== epoch) return;
    const idx = (index ??= await ValueIndex.create());
    const listed = new Set(changes.secrets.map((s) => s.id));
    const stale = changes.full ? [...idx.ids()].filter((id) => !listed.has(id)) : [];
    for (const id of [...stale, ...(changes.removed ?? [])]) idx.remove(id);
    const wanted: string[] = [];
    for (const s of changes.secrets) {
      if (!indexable(s)) idx.remove(s.id);
      else if (idx.revisionOf(s.id) !== s.valueRevision) wanted.push(s.id);
    }
    for (let i = 0; i < wanted.length && at === epoch; i += batch)
      await indexBatch(idx, src, wanted.slice(i, i + batch), () => at === epoch);
  }

  return {
    /**
     * Queues an update; resolves when it (and everything queued before it) is done. Never rejects. The
     * changes may still be loading: the update takes its place in the queue at once, so a lookup made
     * meanwhile waits for it.
     */
    update(changes: IndexChanges | Promise<IndexChanges>): Promise<void> {
      const at = epoch;
      queue = queue.then(async () => apply(await changes, at)).catch(() => undefined);
      return queue;
    },
    /** Forgets every fingerprint and the key (lock, sign-out). */
    drop(): void {
      epoch++;
      index = undefined;
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
    /** How many secrets are indexed (for tests and the benchmark). */
    get size(): number {
      return index?.size ?? 0;
    },
  };
}

export type ValueIndexer = ReturnType<typeof createValueIndexer>;
