import { describe, expect, it } from 'vitest';
import { ALICE, BOB } from '@/test/fixtures';
import { accessSummary } from './access-summary';

const BOB_FULL = { ...BOB, name: 'Bob Silva' };

describe('accessSummary', () => {
  it.each([
    ['my secret nobody else sees', ALICE, 0, 0, 'Only you'],
    ['my secret shared with one colleague', ALICE, 1, 0, 'You + 1 user'],
    ['my secret shared with users and a group', ALICE, 3, 1, 'You + 3 users, 1 group'],
    ['my secret shared with groups only', ALICE, 0, 2, 'You + 2 groups'],
    ['shared with me alone', BOB_FULL, 1, 0, 'Bob Silva + you'],
    ['shared with me and two others', BOB_FULL, 3, 0, 'Bob Silva + you + 2 users'],
    ['shared with a group I may be in', BOB_FULL, 0, 1, 'Bob Silva + 1 group'],
    ['shared with users and groups', BOB_FULL, 2, 3, 'Bob Silva + 2 users, 3 groups'],
  ] as const)('%s → %s', (_what, owner, users, groups, expected) => {
    expect(accessSummary({ owner, access: { users, groups } }, ALICE.id)).toBe(expected);
  });
});
