import { describe, expect, it } from 'vitest';
import { ALICE, BOB, secret, syncResponse } from '@/test/fixtures';
import { countByFilter, indexSecrets, querySecrets } from '@/utils/list-query';
import { applySync, computeHead, openCache, readHead, writeHead } from '.';

const meta = { userId: ALICE.id, serverUrl: 'https://vault.example', cursor: '9', lastSyncAt: '2025-03-01T10:00:00Z' };

describe('the list head (the popup first screen)', () => {
  it('holds the first rows of the default view in name order, without disabled ones, and every filter count', () => {
    const secrets = [
      ...Array.from({ length: 50 }, (_, i) => secret({ name: `Service ${String(i).padStart(2, '0')}` })),
      secret({ name: 'Aardvark API', status: 'disabled' }),
      secret({ name: 'Another team API', owner: BOB }),
    ];
    const head = computeHead(secrets, meta);
    expect(head.rows).toHaveLength(40);
    expect(head.rows.slice(0, 3).map((s) => s.name)).toEqual(['Another team API', 'Service 00', 'Service 01']);
    expect(head.rows.some((s) => s.status === 'disabled')).toBe(false);
    expect(head.counts).toEqual({ all: 51, mine: 50, shared: 1, disabled: 1 });
  });

  it('has the rows the whole list shows first, in its order, whatever order the cache holds them in', () => {
    const names = ['beta', 'Alpha', 'alpha', 'Item 10', 'Item 9', 'Éclair', 'eclair', 'zulu', 'Mike'];
    const secrets = Array.from({ length: 500 }, (_, i) =>
      secret({ name: `${names[i % names.length]} ${i % 37}`, status: i % 11 ? 'enabled' : 'disabled' }),
    );
    const shuffled = [...secrets].sort(() => Math.random() - 0.5);
    const expected = querySecrets(indexSecrets(secrets), '', 'all', meta.userId).slice(0, 40);
    expect(computeHead(shuffled, meta).rows.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(computeHead(shuffled, meta).counts).toEqual(countByFilter(indexSecrets(secrets), meta.userId));
  });

  it('is rewritten from the cache after a sync, and a full sync replaces it', async () => {
    const db = await openCache({ name: `head-${Math.random()}` });
    await applySync(
      db,
      syncResponse({ full: true, secrets: [secret({ name: 'Zebra API' }), secret({ name: 'Alpha API' })] }),
      meta,
    );
    await writeHead(db);
    expect((await readHead(db))?.rows.map((s) => s.name)).toEqual(['Alpha API', 'Zebra API']);
    await applySync(db, syncResponse({ full: true, secrets: [secret({ name: 'Only one' })] }), meta);
    await writeHead(db);
    const head = await readHead(db);
    expect(head?.rows.map((s) => s.name)).toEqual(['Only one']);
    expect(head?.userId).toBe(ALICE.id);
    db.close();
  });
});
