import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, targetFor, type PopupRoute } from '.';

const ID = '3f1c2a4e-8b9d-4c7e-a1f2-0123456789ab';
const ID2 = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';

describe('popup routes', () => {
  it.each<[string, PopupRoute]>([
    ['', { view: 'list' }],
    ['#', { view: 'list' }],
    ['#/', { view: 'list' }],
    [`#/details/${ID}`, { view: 'details', id: ID }],
    [`#/access/${ID}`, { view: 'access', id: ID }],
    [`#/share/${ID}`, { view: 'share', ids: [ID] }],
    [`#/share/${ID},${ID2}`, { view: 'share', ids: [ID, ID2] }],
    [`#/share/${ID}/internal`, { view: 'share', ids: [ID], card: 'internal' }],
    ['#/add', { view: 'add' }],
    ['#/approvals', { view: 'approvals' }],
    [`#/edit/${ID}`, { view: 'edit', id: ID }],
    [`#/external/${ID}`, { view: 'external', id: ID }],
    ['#/links', { view: 'links' }],
    [`#/choose/share/${ID}/1`, { view: 'choose', kind: 'share', ids: [ID], total: 1 }],
    [`#/choose/access/${ID},${ID2}/40`, { view: 'choose', kind: 'access', ids: [ID, ID2], total: 40 }],
    [`#/no-match/share/${TOKEN}`, { view: 'no-match', kind: 'share', token: TOKEN }],
    [`#/pending/${TOKEN}`, { view: 'pending', token: TOKEN }],
    ['#/groups', { view: 'groups' }],
    ['#/groups/new', { view: 'group-new' }],
    [`#/group/${ID}`, { view: 'group', id: ID }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each([
    ['an id with characters ids never have', '#/details/<script>'],
    ['a view without its id', '#/details/'],
    ['extra segments', `#/details/${ID}/more`],
    ['an empty id in a batch', `#/share/${ID},`],
    ['an unknown view', '#/settings'],
    ['approvals with an argument', '#/approvals/x'],
    ['an action the right-click menu does not offer', `#/choose/delete/${ID}`],
    ['a hand-off token too short to be one', '#/no-match/share/short'],
    ['a path where a token belongs', '#/pending/../../x'],
    ['the sharing center with an id', `#/links/${ID}`],
    ['the External screen of a batch', `#/external/${ID},${ID2}`],
    ['a group without its id', '#/group/'],
    ['something after the groups list other than new', '#/groups/old'],
  ])('is undefined for %s, so the popup shows the list', (_what, hash) => {
    expect(parseRoute(hash)).toBeUndefined();
  });

  it('a batch lists each secret once', () => {
    expect(parseRoute(`#/share/${ID},${ID}`)).toEqual({ view: 'share', ids: [ID] });
  });

  it('the chooser never counts fewer matches than it lists', () => {
    expect(parseRoute(`#/choose/share/${ID},${ID2}/1`)).toEqual({
      view: 'choose',
      kind: 'share',
      ids: [ID, ID2],
      total: 2,
    });
  });

  it.each<PopupRoute>([
    { view: 'list' },
    { view: 'add' },
    { view: 'approvals' },
    { view: 'details', id: ID },
    { view: 'access', id: ID },
    { view: 'edit', id: ID },
    { view: 'external', id: ID },
    { view: 'links' },
    { view: 'share', ids: [ID, ID2] },
    { view: 'share', ids: [ID], card: 'internal' },
    { view: 'choose', kind: 'share', ids: [ID, ID2], total: 2 },
    { view: 'choose', kind: 'access', ids: [ID, ID2], total: 40 },
    { view: 'no-match', kind: 'share', token: TOKEN },
    { view: 'pending', token: TOKEN },
    { view: 'groups' },
    { view: 'group-new' },
    { view: 'group', id: ID },
  ])('routeHash and parseRoute are inverses (%o)', (route) => {
    expect(parseRoute(routeHash(route))).toEqual(route);
  });
});

describe('where a right-clicked secret leads', () => {
  it('its owner gets the share panel', () => {
    expect(routeHash(targetFor('share', { id: ID, permissions: { share: true } }))).toBe(`#/share/${ID}/internal`);
  });

  it('anyone else asking to share gets who has access, which names the owner to ask', () => {
    expect(targetFor('share', { id: ID, permissions: { share: false } })).toEqual({ view: 'access', id: ID });
  });

  it('"who has access" leads to the access view whoever asks', () => {
    expect(routeHash(targetFor('access', { id: ID, permissions: { share: true } }))).toBe(`#/access/${ID}`);
  });
});
