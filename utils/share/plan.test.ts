import { describe, expect, it } from 'vitest';
import { BOB } from '@/test/fixtures';
import { CAROL, DAVE, accessList, groupEntry, userEntry } from '@/test/share-fixtures';
import { commonEntries, hasChanges, panelEntries, removedNames, shareRequest, shareSummary } from './plan';
import { NO_CHANGES, entryToPanel, recipientKey, type PanelEntry } from './types';

const S1 = '00000000-0000-4000-8000-000000000051';
const S2 = '00000000-0000-4000-8000-000000000052';
const carol: PanelEntry = {
  kind: 'user',
  id: CAROL.id,
  name: CAROL.name,
  username: 'carol',
  email: null,
  groupKind: null,
  memberCount: null,
  publicKey: 'KEY',
  canEdit: true,
};
const bobKey = recipientKey('user', BOB.id);

describe('share plan', () => {
  const list = accessList(S1, [userEntry(BOB), groupEntry('Ops', true)]);
  const current = list.entries.map(entryToPanel);

  it('shows the current list with the changes applied: removed gone, permissions changed, added last', () => {
    const shown = panelEntries(current, {
      added: [carol],
      removed: [recipientKey('group', list.entries[1]!.recipientId)],
      canEdit: { [bobKey]: true },
    });
    expect(shown.map((e) => [e.name, e.canEdit])).toEqual([
      ['Bob Builder', true],
      ['Carol Danvers', true],
    ]);
  });

  it.each([
    ['nothing', NO_CHANGES, false],
    ['a permission set back to what it was', { ...NO_CHANGES, canEdit: { [bobKey]: false } }, false],
    ['a changed permission', { ...NO_CHANGES, canEdit: { [bobKey]: true } }, true],
    ['an added recipient', { ...NO_CHANGES, added: [carol] }, true],
    ['a removed recipient', { ...NO_CHANGES, removed: [bobKey] }, true],
  ])('has changes after %s: %s', (_what, changes, expected) => {
    expect(hasChanges(current, changes)).toBe(expected);
  });

  it('builds one request with every list, and a public key only for the added recipients', () => {
    const req = shareRequest([list], { added: [carol], removed: [bobKey], canEdit: {} });
    expect(req.items).toEqual([
      {
        secretId: S1,
        baseRevision: 1,
        entries: [
          { recipientKind: 'group', recipientId: list.entries[1]!.recipientId, canEdit: true },
          { recipientKind: 'user', recipientId: CAROL.id, canEdit: true },
        ],
      },
    ]);
    expect(req.keys).toEqual({ [recipientKey('user', CAROL.id)]: { name: CAROL.name, publicKey: 'KEY' } });
  });

  it('batch: lists only who is on every secret, Can edit only when they have it everywhere', () => {
    const a = accessList(S1, [userEntry(BOB, true), userEntry(DAVE)]);
    const b = accessList(S2, [userEntry(BOB, false)]);
    expect(commonEntries([a, b]).map((e) => [e.name, e.canEdit])).toEqual([['Bob Builder', false]]);
  });

  it('batch: applies the same changes to each list, keeping what differs between them', () => {
    const a = accessList(S1, [userEntry(BOB, true), userEntry(DAVE)], 3);
    const b = accessList(S2, [userEntry(BOB, false)], 7);
    const req = shareRequest([a, b], { added: [{ ...carol, canEdit: false }], removed: [], canEdit: {} });
    expect(req.items.map((i) => [i.baseRevision, i.entries.map((e) => [e.recipientId, e.canEdit])])).toEqual([
      [
        3,
        [
          [BOB.id, true],
          [DAVE.id, false],
          [CAROL.id, false],
        ],
      ],
      [
        7,
        [
          [BOB.id, false],
          [CAROL.id, false],
        ],
      ],
    ]);
  });

  it('batch: adding someone already on one of the secrets sets their permission there (no duplicate)', () => {
    const a = accessList(S1, [userEntry(CAROL, false)]);
    const b = accessList(S2, []);
    const req = shareRequest([a, b], { ...NO_CHANGES, added: [carol] });
    expect(req.items.map((i) => i.entries)).toEqual([
      [{ recipientKind: 'user', recipientId: CAROL.id, canEdit: true }],
      [{ recipientKind: 'user', recipientId: CAROL.id, canEdit: true }],
    ]);
  });

  it('names who was removed, for the reminder', () => {
    expect(removedNames(current, { ...NO_CHANGES, removed: [bobKey] })).toEqual(['Bob Builder']);
  });

  it('sums up a share: who was added with which permission, whose permission changed, who was removed', () => {
    const ops = recipientKey('group', list.entries[1]!.recipientId);
    const summary = shareSummary(current, {
      added: [carol],
      removed: [ops],
      canEdit: { [bobKey]: true, [ops]: false },
    });
    expect(summary).toEqual({
      added: [{ name: 'Carol Danvers', canEdit: true }],
      changed: [{ name: 'Bob Builder', canEdit: true }],
      removed: ['Ops'],
    });
    expect(shareSummary(current, { ...NO_CHANGES, canEdit: { [bobKey]: false } }).changed).toEqual([]);
  });
});
