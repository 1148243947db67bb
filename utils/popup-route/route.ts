import { SHARE_BATCH_MAX } from '@/utils/config';

/** What the user asked of a right-click selection: share the API secret, or see who has access to it. */
export type SelectionKind = 'share' | 'access';

/**
 * Every view of the popup, addressable by the hash of `popup.html` so the worker (the right-click flow)
 * and the popup itself can open one: `#/` (or nothing) the list, `#/details/<id>`, `#/access/<id>`,
 * `#/share/<id>` or `#/share/<id>,<id>` (a batch), `#/add`, `#/edit/<id>`, the External card's screen
 * `#/external/<id>`, the sharing center `#/links`; and the right-click views:
 * the chooser `#/choose/<kind>/<id>,<id>/<total>` (ids are not sensitive, so they travel in the address),
 * no match `#/no-match/<kind>/<token>` (the selection itself stays in the worker under a one-time token),
 * and an action waiting for the unlock, `#/pending/<token>`; `#/approvals`, the group members waiting for
 * the user's approval; and the groups views (below).
 */
export type PopupRoute =
  | { view: 'list' }
  | { view: 'details'; id: string }
  | { view: 'access'; id: string }
  /** `card: 'internal'` (`#/share/<id>/internal`) skips the choice of cards: the right-click already chose. */
  | { view: 'share'; ids: string[]; card?: 'internal' }
  | { view: 'add' }
  | { view: 'edit'; id: string }
  | { view: 'external'; id: string }
  | { view: 'links' }
  | { view: 'choose'; kind: SelectionKind; ids: string[]; total: number }
  | { view: 'no-match'; kind: SelectionKind; token: string }
  | { view: 'pending'; token: string }
  | { view: 'approvals' }
  | GroupRoute;

/** The groups views: the list `#/groups`, the New private group form `#/groups/new`, one group `#/group/<id>`. */
export type GroupRoute = { view: 'groups' } | { view: 'group-new' } | { view: 'group'; id: string };
const GROUP_VIEWS = new Set<string>(['groups', 'group-new', 'group']);
export const isGroupRoute = (route: PopupRoute): route is GroupRoute => GROUP_VIEWS.has(route.view);

/** The views of the right-click flow. */
export type SelectionRoute = Extract<PopupRoute, { view: 'choose' | 'no-match' | 'pending' }>;
/** The views of one or a few secrets, and the forms. */
export type SecretRoute = Exclude<PopupRoute, SelectionRoute | GroupRoute | { view: 'list' } | { view: 'approvals' }>;

const SELECTION_VIEWS = new Set<string>(['choose', 'no-match', 'pending']);
export const isSelectionRoute = (route: PopupRoute): route is SelectionRoute => SELECTION_VIEWS.has(route.view);

const ID = /^[A-Za-z0-9-]{1,64}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const KINDS = new Set<string>(['share', 'access']);

function parseSelection(view: string, [a = '', b = '', c = '', ...rest]: string[]): SelectionRoute | undefined {
  if (view === 'pending') return TOKEN.test(a) && !b ? { view, token: a } : undefined;
  if (!KINDS.has(a)) return undefined;
  const kind = a as SelectionKind;
  if (view === 'no-match') return TOKEN.test(b) && !c ? { view, kind, token: b } : undefined;
  // Ids that are not ids are dropped rather than refused: the chooser still offers the valid ones.
  const ids = b.split(',').filter((id) => ID.test(id));
  if (view === 'choose' && ids.length && !rest.length)
    return { view, kind, ids, total: Math.max(ids.length, Number(c) || 0) };
  return undefined;
}

/** The route a hash names; undefined for a hash that names no view (the popup then shows the list). */
export function parseRoute(hash: string): PopupRoute | undefined {
  const path = hash.replace(/^#?\/?/, '');
  if (path === '') return { view: 'list' };
  const [view = '', ...args] = path.split('/');
  if (SELECTION_VIEWS.has(view)) return parseSelection(view, args);
  const [arg = '', ...rest] = args;
  if (view === 'share' && rest.length === 1 && rest[0] === 'internal') {
    const shared = parseRoute(`#/share/${arg}`);
    return shared?.view === 'share' ? { ...shared, card: 'internal' } : undefined;
  }
  if (rest.length) return undefined;
  if ((view === 'add' || view === 'links') && arg === '') return { view };
  if (view === 'approvals' && arg === '') return { view: 'approvals' };
  if (view === 'groups') return arg === '' ? { view } : arg === 'new' ? { view: 'group-new' } : undefined;
  if (view === 'group' && ID.test(arg)) return { view, id: arg };
  if (view === 'share') {
    const ids = [...new Set(arg.split(','))];
    return ids.length <= SHARE_BATCH_MAX && ids.every((id) => ID.test(id)) ? { view, ids } : undefined;
  }
  if ((view === 'details' || view === 'access' || view === 'edit' || view === 'external') && ID.test(arg))
    return { view, id: arg };
  return undefined;
}

/** The hash of a route; `parseRoute(routeHash(r))` gives `r` back. */
export function routeHash(route: PopupRoute): string {
  switch (route.view) {
    case 'list':
      return '#/';
    case 'add':
    case 'links':
    case 'approvals':
      return `#/${route.view}`;
    case 'groups':
      return '#/groups';
    case 'group-new':
      return '#/groups/new';
    case 'share':
      return `#/share/${route.ids.join(',')}${route.card ? `/${route.card}` : ''}`;
    case 'choose':
      return `#/choose/${route.kind}/${route.ids.join(',')}/${route.total}`;
    case 'no-match':
      return `#/no-match/${route.kind}/${route.token}`;
    case 'pending':
      return `#/pending/${route.token}`;
    default:
      return `#/${route.view}/${route.id}`;
  }
}
