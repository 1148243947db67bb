import { describe, expect, it } from 'vitest';
import { ALICE, BOB, secret, syncResponse } from '@/test/fixtures';
import { fakeClient } from '@/test/fake-client';
import { openCache, readSnapshot } from '@/utils/cache';
import { compactSync, type SyncBatch } from '@/utils/contract';
import { VaultError } from '@/utils/vault/errors';
import { createSyncEngine, syncOnce } from '.';

const owner = { userId: ALICE.id, serverUrl: 'https://vault.example' };

/** A server whose change feed answers from a queue (`next`: a first load continues), recording what it was asked. */
function feed(...answers: ((SyncBatch & { next?: string }) | Error)[]) {
  return fakeClient({
    sync: () => {
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      const { next, ...batch } = answer;
      return compactSync(batch, next ?? null);
    },
  });
}
const sinceOf = (calls: { input: { query?: Record<string, string | undefined> } }[]) =>
  calls.map((c) => c.input.query?.since);
const names = async (db: Awaited<ReturnType<typeof openCache>>) =>
  (await readSnapshot(db)).secrets.map((s) => s.name).sort();

describe('syncOnce', () => {
  it('loads everything on first run, asking without a cursor', async () => {
    const db = await openCache();
    const { client, calls } = feed(
      syncResponse({ full: true, cursor: '5', secrets: [secret({ name: 'A' }), secret({ name: 'B', owner: BOB })] }),
    );
    await syncOnce(db, client, owner);
    expect(sinceOf(calls)).toEqual([undefined]);
    expect(await names(db)).toEqual(['A', 'B']);
    expect((await readSnapshot(db)).meta?.cursor).toBe('5');
  });

  it('then asks only for what changed since the stored cursor and applies it', async () => {
    const db = await openCache();
    const a = secret({ name: 'A' });
    const { client, calls } = feed(
      syncResponse({ full: true, cursor: '5', secrets: [a] }),
      syncResponse({ cursor: '8', secrets: [{ ...a, name: 'A renamed', shared: true }, secret({ name: 'C' })] }),
    );
    await syncOnce(db, client, owner);
    await syncOnce(db, client, owner);
    expect(sinceOf(calls)).toEqual([undefined, '5']);
    expect(await names(db)).toEqual(['A renamed', 'C']);
    expect((await readSnapshot(db)).secrets.find((s) => s.id === a.id)?.shared).toBe(true);
  });

  it('removes a secret that left the user’s view', async () => {
    const db = await openCache();
    const [keep, leave] = [secret({ name: 'Keep' }), secret({ name: 'Unshared from me', owner: BOB })];
    const { client } = feed(
      syncResponse({ full: true, cursor: '2', secrets: [keep, leave] }),
      syncResponse({ cursor: '3', removedSecrets: [leave.id] }),
    );
    await syncOnce(db, client, owner);
    await syncOnce(db, client, owner);
    expect(await names(db)).toEqual(['Keep']);
  });

  it('replaces the cache when the server answers full again (a cursor it can no longer serve)', async () => {
    const db = await openCache();
    const { client } = feed(
      syncResponse({ full: true, cursor: '2', secrets: [secret({ name: 'Old' })] }),
      syncResponse({ full: true, cursor: '90', secrets: [secret({ name: 'New' })] }),
    );
    await syncOnce(db, client, owner);
    await syncOnce(db, client, owner);
    expect(await names(db)).toEqual(['New']);
  });

  it('keeps the cache and the cursor untouched when the server fails', async () => {
    const db = await openCache();
    const { client, calls } = feed(
      syncResponse({ full: true, cursor: '4', secrets: [secret({ name: 'Saved' })] }),
      new VaultError('server_error', { status: 500 }),
      syncResponse({ cursor: '6' }),
    );
    await syncOnce(db, client, owner);
    await expect(syncOnce(db, client, owner)).rejects.toMatchObject({ code: 'server_error' });
    expect(await names(db)).toEqual(['Saved']);
    await syncOnce(db, client, owner);
    expect(sinceOf(calls)).toEqual([undefined, '4', '4']);
  });

  it('rolls back a batch that fails halfway through being written, cursor included', async () => {
    const db = await openCache();
    const { client } = feed(
      syncResponse({ full: true, cursor: '4', secrets: [secret({ name: 'Saved' })] }),
      // The second record cannot be stored (IndexedDB cannot clone a function): the write aborts midway.
      syncResponse({
        cursor: '9',
        secrets: [
          secret({ name: 'First of batch' }),
          { ...secret({ name: 'Poison' }), notes: (() => 1) as unknown as string },
        ],
      }),
    );
    await syncOnce(db, client, owner);
    await expect(syncOnce(db, client, owner)).rejects.toThrow();
    expect(await names(db)).toEqual(['Saved']);
    expect((await readSnapshot(db)).meta?.cursor).toBe('4');
  });

  it('takes a first load a page per pass, the list drawable from the first page, and resumes one cut short', async () => {
    const db = await openCache();
    const pageOf = (calls: { input: { query?: Record<string, string | undefined> } }[]) =>
      calls.map((c) => c.input.query?.page ?? `since:${c.input.query?.since}`);
    const { client, calls } = feed(
      { ...syncResponse({ full: true, cursor: '7', secrets: [secret({ name: 'A', owner: BOB })] }), next: 'p1' },
      new VaultError('unreachable'),
      { ...syncResponse({ cursor: '7', secrets: [secret({ name: 'B' })] }), next: 'p2' },
      syncResponse({ cursor: '7', secrets: [secret({ name: 'C' })] }),
      syncResponse({ cursor: '8' }),
    );
    expect(await syncOnce(db, client, owner)).toMatchObject({ full: true, more: true });
    expect(await names(db)).toEqual(['A']);
    expect((await readSnapshot(db)).secrets[0]!.owner).toEqual(BOB);
    await expect(syncOnce(db, client, owner)).rejects.toMatchObject({ code: 'unreachable' });
    expect(await syncOnce(db, client, owner)).toMatchObject({ full: false, more: true });
    expect(await syncOnce(db, client, owner)).toMatchObject({ more: false });
    expect(await names(db)).toEqual(['A', 'B', 'C']);
    await syncOnce(db, client, owner);
    expect(pageOf(calls)).toEqual(['since:undefined', 'p1', 'p1', 'p2', 'since:7']);
  });

  it('starts over, without a cursor, when the cache belongs to another account', async () => {
    const db = await openCache();
    const other = feed(syncResponse({ full: true, cursor: '50', secrets: [secret({ name: 'Bob’s view' })] }));
    await syncOnce(db, other.client, { ...owner, userId: BOB.id });
    const mine = feed(syncResponse({ cursor: '3', secrets: [secret({ name: 'Mine' })] }));
    await syncOnce(db, mine.client, owner);
    expect(sinceOf(mine.calls)).toEqual([undefined]);
    expect(await names(db)).toEqual(['Mine']);
  });
});

describe('sync engine', () => {
  it('runs one pass at a time and adds one more for requests made meanwhile', async () => {
    const db = await openCache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let count = 0;
    const { client } = fakeClient({
      sync: async () => (count++ === 0 && (await gate), compactSync(syncResponse({ cursor: String(count) }))),
    });
    const engine = createSyncEngine({ db: async () => db, session: () => ({ client, owner }) });
    const first = engine.run();
    const second = engine.run();
    const third = engine.run();
    expect(second).toBe(third);
    release();
    await Promise.all([first, second]);
    expect(count).toBe(2);
  });

  it('reports an unreachable server without throwing, and tells who listens', async () => {
    const db = await openCache();
    const { client } = feed(new VaultError('unreachable'));
    const reports: unknown[] = [];
    const failures: string[] = [];
    const engine = createSyncEngine({
      db: async () => db,
      session: () => ({ client, owner }),
      onReport: (r) => reports.push(r),
      onFailed: (e) => failures.push(e.code),
    });
    const report = await engine.run();
    expect(report).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(reports).toEqual([report]);
    expect(failures).toEqual(['unreachable']);
  });

  it('steps through every page of a first load in one run, reporting each as it lands', async () => {
    const db = await openCache();
    const { client } = feed(
      { ...syncResponse({ full: true, cursor: '3', secrets: [secret({ name: 'First page' })] }), next: 'p1' },
      syncResponse({ cursor: '3', secrets: [secret({ name: 'Last page' })] }),
    );
    const seen: number[] = [];
    const engine = createSyncEngine({
      db: async () => db,
      session: () => ({ client, owner }),
      onReport: (r) => seen.push(r.ok ? r.applied.upserted : -1),
    });
    expect(await engine.run()).toMatchObject({ ok: true, applied: { more: false } });
    expect(seen).toEqual([1, 1]);
    expect(await names(db)).toEqual(['First page', 'Last page']);
  });

  it('does nothing while locked', async () => {
    const engine = createSyncEngine({ db: () => openCache(), session: () => undefined });
    expect(await engine.run()).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
