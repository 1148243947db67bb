/** What the user asked of a selection: share the API secret, or see who has access to it. */
export type SelectionKind = 'share' | 'access';

/** The chooser lists at most this many matches; past that the selection is too vague to pick from. */
export const CHOOSER_MAX = 12;

/**
 * The popup views of the right-click flow (hashes of `popup.html`): the chooser (several matches; ids
 * are not sensitive, so they travel in the address), no match (the selection itself stays in the worker
 * under a one-time token), and an action waiting for the unlock.
 */
export type SelectionRoute =
  | { view: 'choose'; kind: SelectionKind; ids: string[]; total: number }
  | { view: 'no-match'; kind: SelectionKind; token: string }
  | { view: 'pending'; token: string };

const KINDS = new Set<string>(['share', 'access']);
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const ID = /^[A-Za-z0-9-]{1,64}$/;

/** The hash of a right-click view, `#/choose/share/<id>,<id>/<total>` and so on. */
export function selectionHash(route: SelectionRoute): string {
  if (route.view === 'pending') return `#/pending/${route.token}`;
  if (route.view === 'no-match') return `#/no-match/${route.kind}/${route.token}`;
  return `#/choose/${route.kind}/${route.ids.join(',')}/${route.total}`;
}

/** The right-click view a hash names, or undefined for any other hash (issue 4's routes, the list). */
export function parseSelectionHash(hash: string): SelectionRoute | undefined {
  const [view, a = '', b = '', c = ''] = hash.replace(/^#?\/?/, '').split('/');
  if (view === 'pending' && TOKEN.test(a)) return { view, token: a };
  if (!KINDS.has(a)) return undefined;
  const kind = a as SelectionKind;
  if (view === 'no-match' && TOKEN.test(b)) return { view, kind, token: b };
  const ids = b.split(',').filter((id) => ID.test(id));
  if (view === 'choose' && ids.length) return { view, kind, ids, total: Math.max(ids.length, Number(c) || 0) };
  return undefined;
}

/** The share panel or the access view of one API secret (the popup routes of issue 4). */
export const targetHash = (kind: SelectionKind, id: string) => `#/${kind}/${id}`;

/**
 * Where a picked secret leads. Only its owner may share it: for anyone else "Share API secret…" opens who
 * has access, which names the owner to ask, rather than a share panel that would refuse.
 */
export const targetFor = (kind: SelectionKind, secret: { id: string; permissions: { share: boolean } }) =>
  targetHash(kind === 'share' && !secret.permissions.share ? 'access' : kind, secret.id);
