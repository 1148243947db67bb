import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/preact';
import { ALICE, directoryUser, secret, syncResponse } from '@/test/fixtures';
import { applySync, clearCache, openCache } from '@/utils/cache';
import type { VaultEvent } from '@/utils/messaging';
import type { SessionStatus } from '@/utils/session/types';
import type { SyncReport } from '@/utils/sync';
import { usePopupState } from './use-popup-state';

// The worker, played by the test: its answers to `getStatus` and `sync`, and the events it pushes.
const worker = vi.hoisted(() => ({
  sendMessage: vi.fn(),
  onEvent: undefined as ((e: unknown) => void) | undefined,
}));
vi.mock('@/utils/messaging', () => ({
  sendMessage: worker.sendMessage,
  connectEvents: (onEvent: (e: unknown) => void) => ((worker.onEvent = onEvent), () => undefined),
}));
// The real cache (fake IndexedDB), with its full read counted.
const reads = vi.hoisted(() => ({ count: 0, gate: undefined as Promise<void> | undefined }));
vi.mock('@/utils/cache', async (original) => {
  const real = await original<typeof import('@/utils/cache')>();
  return {
    ...real,
    readSnapshot: async (db: Parameters<typeof real.readSnapshot>[0]) => {
      reads.count++;
      const snap = await real.readSnapshot(db);
      await reads.gate;
      return snap;
    },
  };
});
const stored = vi.hoisted(() => ({ status: { state: 'locked' } as unknown }));
vi.mock('@/utils/session/status', () => ({ readStoredStatus: async () => stored.status }));

const account = { userId: ALICE.id, username: 'alice', name: 'Alice', serverUrl: 'https://vault.example' };
const unlocked: SessionStatus = { state: 'unlocked', account, fingerprint: 'ab:cd' };
const locked: SessionStatus = { state: 'locked', account, reason: 'manual' };
const unchanged: SyncReport = { ok: true, applied: { full: false, upserted: 0, removed: 0, more: false }, at: 'now' };
const push = (e: VaultEvent) => act(() => worker.onEvent?.(e));

/** Opens the popup, unlocks, and holds the first full read of the cache until `release`. */
async function unlockWhileReading() {
  let release = () => undefined as void;
  reads.gate = new Promise<void>((done) => (release = done));
  const { result } = renderHook(() => usePopupState());
  await waitFor(() => expect(worker.onEvent).toBeDefined());
  await push({ type: 'status', status: unlocked });
  await waitFor(() => expect(reads.count).toBe(1));
  return { result, release };
}

beforeEach(async () => {
  reads.count = 0;
  reads.gate = undefined;
  stored.status = locked;
  worker.onEvent = undefined;
  worker.sendMessage.mockReset();
  worker.sendMessage.mockImplementation(async (type: string) => (type === 'sync' ? unchanged : undefined));
  const db = await openCache();
  await clearCache(db);
  const secrets = Array.from({ length: 3 }, (_, i) => secret({ name: `Cached ${i}` }));
  await applySync(db, syncResponse({ full: true, cursor: '3', secrets, users: [directoryUser()] }), {
    userId: ALICE.id,
    serverUrl: account.serverUrl,
  });
  db.close();
});

describe('the popup’s list data', () => {
  it('reads the cache once after an unlock, though the sync reports while the read is under way', async () => {
    const { result, release } = await unlockWhileReading();
    await push({ type: 'synced', report: unchanged });
    release();
    await waitFor(() => expect(result.current.snapshot?.secrets).toHaveLength(3));
    expect(result.current.snapshot?.counts).toBeUndefined(); // every secret, not the head
    expect(result.current.snapshot?.meta?.lastSyncAt).toBe('now');
    expect(reads.count).toBe(1);
  });

  it('reads once more after a read under way when a sync changed the cache meanwhile', async () => {
    const { result, release } = await unlockWhileReading();
    await push({ type: 'synced', report: { ...unchanged, applied: { ...unchanged.applied, upserted: 1 } } });
    reads.gate = undefined;
    release();
    await waitFor(() => expect(reads.count).toBe(2));
    await waitFor(() => expect(result.current.snapshot?.secrets).toHaveLength(3));
  });

  it('after the whole list is read, reads again only the secrets a sync names, and everything when it names none', async () => {
    const { result, release } = await unlockWhileReading();
    release();
    await waitFor(() => expect(result.current.snapshot?.secrets).toHaveLength(3));
    const db = await openCache();
    const [first] = result.current.snapshot!.secrets;
    const added = secret({ name: 'Shared just now' });
    const pass = await applySync(db, syncResponse({ secrets: [{ ...first!, name: 'Renamed' }, added] }), {
      userId: ALICE.id,
      serverUrl: account.serverUrl,
    });
    expect(pass.ids).toBeDefined();
    await push({ type: 'synced', report: { ok: true, applied: { ...pass, more: false }, at: 'later' } });
    await waitFor(() => expect(result.current.snapshot?.secrets).toHaveLength(4));
    const names = result.current.snapshot!.secrets.map((s) => s.name);
    expect(names).toContain('Renamed');
    expect(names).toContain('Shared just now');
    expect(reads.count).toBe(1); // patched, not read whole
    // A pass that names nothing (a full one, or more than the cap) reads every secret again.
    await db.delete('secrets', added.id);
    db.close();
    await push({ type: 'synced', report: { ...unchanged, applied: { ...unchanged.applied, upserted: 300 } } });
    await waitFor(() => expect(reads.count).toBe(2));
    await waitFor(() => expect(result.current.snapshot?.secrets).toHaveLength(3));
  });

  it('drops a read that ends after the vault locked: the list stays empty', async () => {
    const { result, release } = await unlockWhileReading();
    await push({ type: 'status', status: locked });
    release();
    await new Promise((done) => setTimeout(done, 50));
    expect(result.current.status?.state).toBe('locked');
    expect(result.current.snapshot).toBeUndefined();
  });
});
