import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type PopupRoute } from './route';

const ID = '3f1c2a4e-8b9d-4c7e-a1f2-0123456789ab';
const ID2 = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('popup routes', () => {
  it.each<[string, PopupRoute]>([
    ['', { view: 'list' }],
    ['#', { view: 'list' }],
    ['#/', { view: 'list' }],
    [`#/details/${ID}`, { view: 'details', id: ID }],
    [`#/access/${ID}`, { view: 'access', id: ID }],
    [`#/share/${ID}`, { view: 'share', ids: [ID] }],
    [`#/share/${ID},${ID2}`, { view: 'share', ids: [ID, ID2] }],
    ['#/add', { view: 'add' }],
    [`#/edit/${ID}`, { view: 'edit', id: ID }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each([
    ['another feature’s view (the right-click chooser)', `#/choose/share/${ID}/1`],
    ['an id with characters ids never have', '#/details/<script>'],
    ['a view without its id', '#/details/'],
    ['extra segments', `#/details/${ID}/more`],
    ['an empty id in a batch', `#/share/${ID},`],
    ['an unknown view', '#/settings'],
  ])('is undefined for %s, so the caller can try its own routes', (_what, hash) => {
    expect(parseRoute(hash)).toBeUndefined();
  });

  it('a batch lists each secret once', () => {
    expect(parseRoute(`#/share/${ID},${ID}`)).toEqual({ view: 'share', ids: [ID] });
  });

  it.each<PopupRoute>([{ view: 'list' }, { view: 'add' }, { view: 'details', id: ID }, { view: 'access', id: ID }, { view: 'edit', id: ID }, { view: 'share', ids: [ID, ID2] }])(
    'routeHash and parseRoute are inverses (%o)',
    (route) => {
      expect(parseRoute(routeHash(route))).toEqual(route);
    },
  );
});
