import { describe, expect, it } from 'vitest';
import { ALICE, BOB, secret, syncResponse } from '@/test/fixtures';
import { fakeClient } from '@/test/fake-client';
import { openCache } from '@/utils/cache';
import { compactSync } from '@/utils/contract';
import { syncOnce, type SyncChanges } from '.';

const owner = { userId: ALICE.id, serverUrl: 'https://vault.example' };

describe('what a sync pass reports to its observers', () => {
  it('a first load, then only the secrets the cache did not hold before', async () => {
    const db = await openCache();
    const [kept, fresh] = [secret({ name: 'Kept' }), secret({ name: 'Shared by Bob', owner: BOB })];
    const answers = [
      syncResponse({ full: true, cursor: '1', secrets: [kept] }),
      syncResponse({ cursor: '2', secrets: [{ ...kept, name: 'Kept, renamed' }, fresh] }),
    ].map((b) => compactSync(b));
    const { client } = fakeClient({ sync: () => answers.shift() });
    const seen: SyncChanges[] = [];
    await syncOnce(db, client, owner, (c) => seen.push(c));
    await syncOnce(db, client, owner, (c) => seen.push(c));
    expect(seen.map((c) => c.firstLoad)).toEqual([true, false]);
    expect(seen[1]!.appeared.map((s) => s.name)).toEqual(['Shared by Bob']);
    expect(seen[1]!.response.secrets).toHaveLength(2);
  });
});
