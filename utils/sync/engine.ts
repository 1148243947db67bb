import type { CacheDb } from '@/utils/cache';
import type { VaultClient } from '@/utils/vault/client';
import { VaultError, type VaultProblem } from '@/utils/vault/errors';
import { syncOnce, type AppliedPass, type CacheOwner, type SyncChanges } from './sync-once';

/** The outcome a page shows: when data was last fresh, and why this attempt failed if it did. */
export type SyncReport =
  { ok: true; applied: AppliedPass; at: string } | { ok: false; error: VaultProblem; at: string };

export type SyncEngineDeps = {
  db: () => Promise<CacheDb>;
  /** The signed-in client and owner, or undefined when locked or signed out (nothing to sync). */
  session: () => { client: VaultClient; owner: CacheOwner } | undefined;
  /** Told after each pass, so open pages re-read the cache or show that the server is unreachable. */
  onReport?: (report: SyncReport) => void;
  /** Told after each failed pass (for example to lock on an expired session). */
  onFailed?: (error: VaultError) => void;
  /** Told what each successful pass applied (the value index and the badge follow the cache). */
  onChanges?: (changes: SyncChanges) => void;
};

/** Runs sync passes one at a time (popup open, the periodic alarm and writes all ask for one). */
export type SyncEngine = { run(): Promise<SyncReport> };

/**
 * Creates the engine. A request that arrives while a pass is running gets one more pass after it, because
 * the running pass may have asked the server before the write that prompted the request.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  let running: Promise<SyncReport> | undefined;
  let again: Promise<SyncReport> | undefined;

  /** One request and its answer applied, reported so that open pages draw what arrived. */
  async function step(): Promise<SyncReport> {
    const at = new Date().toISOString();
    const session = deps.session();
    if (!session) return { ok: false, error: { code: 'locked' }, at };
    let report: SyncReport;
    try {
      report = {
        ok: true,
        applied: await syncOnce(await deps.db(), session.client, session.owner, deps.onChanges),
        at,
      };
    } catch (e) {
      const error = e instanceof VaultError ? e : new VaultError('unexpected', { detail: String(e) });
      deps.onFailed?.(error);
      report = { ok: false, error: error.toProblem(), at };
    }
    deps.onReport?.(report);
    return report;
  }

  /** Steps until the cache is whole: a first load takes one step per page, each reported as it lands. */
  async function pass(): Promise<SyncReport> {
    let report = await step();
    while (report.ok && report.applied.more) report = await step();
    return report;
  }

  function start(): Promise<SyncReport> {
    running = pass().finally(() => (running = undefined));
    return running;
  }

  return {
    run() {
      if (!running) return start();
      again ??= running.then(() => {
        again = undefined;
        return start();
      });
      return again;
    },
  };
}
