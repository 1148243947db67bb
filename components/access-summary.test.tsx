import { describe, expect, it } from 'vitest';
import type { AccessName } from '@/utils/contract';
import { ALICE, BOB } from '@/test/fixtures';
import { accessSummary } from './access-summary';

const BOB_FULL = { ...BOB, name: 'Bob Silva' };
const CAROL = '00000000-0000-4000-8000-0000000ca201';
const ONCALL = '00000000-0000-4000-8000-0000000ca11d';
const user = (id: string, name: string): AccessName => ({ kind: 'user', id, name });
const bob: AccessName = user(BOB.id, 'Bob Silva');
const carol = user(CAROL, 'Carol Reis');
const me = user(ALICE.id, 'Alice Example');
const onCall: AccessName = { kind: 'group', id: ONCALL, name: 'Payments on-call' };

describe('accessSummary', () => {
  it.each([
    ['my secret nobody else sees', ALICE, 0, 0, [], 'Only you'],
    ['my secret shared with one colleague', ALICE, 1, 0, [bob], 'You, Bob Silva'],
    [
      'my secret shared with a colleague and a group',
      ALICE,
      1,
      1,
      [bob, onCall],
      'You, Bob Silva and Payments on-call',
    ],
    ['my secret shared with five', ALICE, 3, 2, [bob, carol], 'You, Bob Silva and 4 more'],
    ['my secret shared with three', ALICE, 3, 0, [bob, carol], 'You, Bob Silva and 2 more'],
    ['a named recipient gone since', ALICE, 2, 0, [bob], 'You, Bob Silva and 1 more'],
    ['shared with me alone', BOB_FULL, 1, 0, [me], 'Bob Silva, you'],
    ['shared with me and Carol', BOB_FULL, 2, 0, [me, carol], 'Bob Silva, you and Carol Reis'],
    [
      'shared with me among four users',
      BOB_FULL,
      4,
      0,
      [carol, user(CAROL.replace('1', '2'), 'Dan')],
      'Bob Silva, you and 3 more',
    ],
    ['shared with a group I may be in', BOB_FULL, 0, 1, [onCall], 'Bob Silva, Payments on-call'],
    ['shared with Carol and a group', BOB_FULL, 1, 1, [carol, onCall], 'Bob Silva, Carol Reis and Payments on-call'],
    ['shared with many, me named', BOB_FULL, 4, 2, [me, carol], 'Bob Silva, you and 5 more'],
  ] as const)('%s → %s', (_what, owner, users, groups, named, expected) => {
    expect(accessSummary({ owner, access: { users, groups, named: [...named] } }, ALICE.id)).toBe(expected);
  });

  it.each([
    ['my secret shared with users and a group', ALICE, 3, 1, 'You + 3 users, 1 group'],
    ['shared with me and two others', BOB_FULL, 3, 0, 'Bob Silva + you + 2 users'],
    ['shared with users and groups', BOB_FULL, 2, 3, 'Bob Silva + 2 users, 3 groups'],
  ] as const)('names nobody (cached before names were sent): %s → %s', (_what, owner, users, groups, expected) => {
    expect(accessSummary({ owner, access: { users, groups, named: [] } }, ALICE.id)).toBe(expected);
  });
});
