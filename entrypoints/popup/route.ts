/**
 * The popup's views of issue 4, addressable by hash so another page (the right-click flow) can open one
 * directly: `#/details/<id>`, `#/share/<id>` or `#/share/<id>,<id>` (batch), `#/access/<id>`, `#/add`,
 * `#/edit/<id>`; `#/` or nothing is the list.
 */
export type PopupRoute =
  | { view: 'list' }
  | { view: 'details'; id: string }
  | { view: 'access'; id: string }
  | { view: 'share'; ids: string[] }
  | { view: 'add' }
  | { view: 'edit'; id: string };

const ID = /^[A-Za-z0-9-]{1,64}$/;
/** A batch share takes at most what the server's batch route accepts. */
const MAX_BATCH = 100;

/**
 * The route a hash names. `undefined` for a hash that is not one of these views (for example the
 * right-click chooser's `#/choose/…`), so callers can try their own parser next and fall back to the list.
 */
export function parseRoute(hash: string): PopupRoute | undefined {
  const path = hash.replace(/^#?\/?/, '');
  if (path === '') return { view: 'list' };
  const [view, arg = '', ...rest] = path.split('/');
  if (rest.length) return undefined;
  if (view === 'add' && arg === '') return { view: 'add' };
  if (view === 'share') {
    const ids = [...new Set(arg.split(','))];
    return ids.length <= MAX_BATCH && ids.every((id) => ID.test(id)) ? { view, ids } : undefined;
  }
  if ((view === 'details' || view === 'access' || view === 'edit') && ID.test(arg)) return { view, id: arg };
  return undefined;
}

/** The hash of a route; `parseRoute(routeHash(r))` gives `r` back. */
export function routeHash(route: PopupRoute): string {
  switch (route.view) {
    case 'list':
      return '#/';
    case 'add':
      return '#/add';
    case 'share':
      return `#/share/${route.ids.join(',')}`;
    default:
      return `#/${route.view}/${route.id}`;
  }
}
