import { describe, expect, it } from 'vitest';
import { ValueIndex } from './value-index';

describe('ValueIndex', () => {
  it('recognises a client secret as selected, trimmed or quoted, and nothing else', async () => {
    const index = await ValueIndex.create();
    await index.set('a', 1, 'sk_live_abc123');
    await index.set('b', 1, 'sk_live_other');
    expect(await index.lookup('sk_live_abc123')).toEqual(['a']);
    expect(await index.lookup('  sk_live_abc123\n')).toEqual(['a']);
    expect(await index.lookup('"sk_live_abc123"')).toEqual(['a']);
    expect(await index.lookup('sk_live_abc12')).toEqual([]);
    expect(await index.lookup('SK_LIVE_ABC123')).toEqual([]);
  });

  it('finds every secret that holds the same value', async () => {
    const index = await ValueIndex.create();
    await index.set('a', 1, 'shared-value');
    await index.set('b', 3, 'shared-value');
    expect((await index.lookup('shared-value')).sort()).toEqual(['a', 'b']);
  });

  it('replaces a secret entry when its value changes, and forgets removed secrets', async () => {
    const index = await ValueIndex.create();
    await index.set('a', 1, 'old-value');
    await index.set('a', 2, 'new-value');
    expect(await index.lookup('old-value')).toEqual([]);
    expect(await index.lookup('new-value')).toEqual(['a']);
    expect(index.revisionOf('a')).toBe(2);
    index.remove('a');
    expect(await index.lookup('new-value')).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('keeps no value: its state holds only keyed fingerprints', async () => {
    const index = await ValueIndex.create();
    await index.set('a', 1, 'sk_live_marker_value');
    const dump = JSON.stringify(index, (_k, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));
    expect(dump).not.toContain('sk_live_marker_value');
    expect(dump).not.toContain(btoa('sk_live_marker_value').replace(/=+$/, ''));
  });

  it('two indexes (two unlocks) give unrelated fingerprints to the same value', async () => {
    const one = await ValueIndex.create();
    const two = await ValueIndex.create();
    await one.set('a', 1, 'same');
    await two.set('a', 1, 'same');
    const fp = (i: ValueIndex) =>
      JSON.stringify(i, (_k, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));
    expect(fp(one)).not.toEqual(fp(two));
  });
});
