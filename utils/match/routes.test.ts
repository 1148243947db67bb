import { describe, expect, it } from 'vitest';
import { parseRoute } from '@/entrypoints/popup/route';
import { parseSelectionHash, selectionHash, targetHash, type SelectionRoute } from './routes';

const ID = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';

describe('right-click routes', () => {
  it.each<SelectionRoute>([
    { view: 'choose', kind: 'share', ids: [ID, ID2], total: 2 },
    { view: 'choose', kind: 'access', ids: [ID, ID2], total: 40 },
    { view: 'no-match', kind: 'share', token: TOKEN },
    { view: 'pending', token: TOKEN },
  ])('round-trips %j', (route) => expect(parseSelectionHash(selectionHash(route))).toEqual(route));

  it.each(['', '#/', `#/share/${ID}`, `#/access/${ID}`, '#/add', `#/choose/delete/${ID}`, '#/no-match/share/short', '#/pending/../../x'])(
    'leaves %j to the other routes',
    (hash) => expect(parseSelectionHash(hash)).toBeUndefined(),
  );

  it('names the share panel and the access view of one secret the way the popup reads them', () => {
    expect(parseRoute(targetHash('share', ID))).toEqual({ view: 'share', ids: [ID] });
    expect(parseRoute(targetHash('access', ID))).toEqual({ view: 'access', id: ID });
  });

  it('its hashes are not mistaken for one of the popup’s other views', () => {
    const routes: SelectionRoute[] = [{ view: 'choose', kind: 'share', ids: [ID], total: 1 }, { view: 'no-match', kind: 'access', token: TOKEN }, { view: 'pending', token: TOKEN }];
    for (const route of routes)
      expect(parseRoute(selectionHash(route))).toBeUndefined();
  });
});
