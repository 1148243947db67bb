import type { Store } from '../db/connect';
import { write, type Tx } from '../db/tx';

/** Shortest query that is also looked up inside words ("arol" finds Carol); shorter ones match word starts only. */
export const INSIDE_MIN = 3;

/** Words of a name: split on spaces and on punctuation, so "Payments on-call" gives payments, on, call. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter(Boolean);
}

/**
 * The terms a person may start typing to find someone. Rank 0: the whole name, username and email (and
 * anything passed as `exact`); rank 1: every word of those, every space-separated token ("on-call") and the
 * email's domain ("example.com").
 */
export function termsOf(name: string, exact: string[], extra: string[] = []): { term: string; rank: number }[] {
  const lower = name.toLowerCase().trim();
  const out = new Map<string, number>([[lower, 0]]);
  for (const e of exact) if (e) out.set(e.toLowerCase(), 0);
  const later = [...lower.split(/\s+/), ...wordsOf(lower), ...extra.flatMap((x) => [x.toLowerCase(), ...wordsOf(x)])];
  for (const w of later) if (w && !out.has(w)) out.set(w, 1);
  return [...out].map(([term, rank]) => ({ term: term.slice(0, 200), rank }));
}

/** The text a query of three or more characters is looked up in: name, username and email, lower case. */
export function haystackOf(parts: string[]): string {
  return parts.join(' ').toLowerCase().slice(0, 600);
}

/**
 * How well a query matches a name and its other texts, as search ranks them: 0 exact, 1 the whole name starts
 * with it, 2 a later word does, 3 it is inside (three characters or more), `undefined` when it does not match.
 */
export function matchRank(needle: string, name: string, others: string[] = []): number | undefined {
  const q = needle.toLowerCase().trim();
  if (!q) return undefined;
  const terms = termsOf(name, others);
  if (terms.some((t) => t.term === q)) return 0;
  for (const rank of [0, 1]) if (terms.some((t) => t.rank === rank && t.term.startsWith(q))) return 1 + rank;
  if (q.length >= INSIDE_MIN && haystackOf([name, ...others]).includes(q)) return 3;
  return undefined;
}

async function replaceTerms(
  tx: Tx,
  kind: 'user' | 'group',
  id: string,
  name: string,
  terms: { term: string; rank: number }[],
  haystack: string | null,
) {
  await tx.deleteFrom('directory_terms').where('kind', '=', kind).where('entity_id', '=', id).execute();
  await tx.deleteFrom('directory_text').where('kind', '=', kind).where('entity_id', '=', id).execute();
  if (terms.length)
    await tx
      .insertInto('directory_terms')
      .values(terms.map((t) => ({ ...t, kind, entity_id: id, sort_name: name.toLowerCase() })))
      .execute();
  // On SQLite, triggers keep the trigram table (directory_text_fts) in step with this one.
  if (haystack !== null)
    await tx
      .insertInto('directory_text')
      .values({ kind, entity_id: id, sort_name: name.toLowerCase(), haystack })
      .execute();
}

/** Puts an enrolled user into the public directory's search terms; a user who is not active is taken out. */
export async function indexUser(tx: Tx, userId: string): Promise<void> {
  const u = await tx
    .selectFrom('users')
    .select(['name', 'username', 'email', 'status'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const [local = '', domain = ''] = u.email.split('@');
  const active = u.status === 'active';
  await replaceTerms(
    tx,
    'user',
    userId,
    u.name,
    active ? termsOf(u.name, [u.username, u.email], [local, domain]) : [],
    active ? haystackOf([u.name, u.username, u.email]) : null,
  );
}

/** User groups are public while enabled; private groups are found per caller, not through this index. */
export async function indexGroup(tx: Tx, groupId: string): Promise<void> {
  const g = await tx
    .selectFrom('groups')
    .select(['name', 'kind', 'enabled'])
    .where('id', '=', groupId)
    .executeTakeFirstOrThrow();
  const listed = g.kind === 'user' && g.enabled;
  await replaceTerms(
    tx,
    'group',
    groupId,
    g.name,
    listed ? termsOf(g.name, []) : [],
    listed ? haystackOf([g.name]) : null,
  );
}

/** Bumped whenever the terms a name is indexed under change; start-up then rebuilds the index once. */
const INDEX_VERSION = '2';

/** Rebuilds the directory index when it was made by an older rule (or never), in one transaction. */
export async function ensureDirectoryIndex(store: Store): Promise<void> {
  const version = (db: Store['db'] | Tx) =>
    db.selectFrom('settings').select('value').where('key', '=', 'directory_index_version').executeTakeFirst();
  if ((await version(store.db))?.value === INDEX_VERSION) return;
  await write(store, async (tx) => {
    // Writes are serialised, so a second process starting at the same time finds the work done.
    if ((await version(tx))?.value === INDEX_VERSION) return;
    for (const u of await tx.selectFrom('users').select('id').execute()) await indexUser(tx, u.id);
    for (const g of await tx.selectFrom('groups').select('id').execute()) await indexGroup(tx, g.id);
    await tx
      .insertInto('settings')
      .values({ key: 'directory_index_version', value: INDEX_VERSION })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: INDEX_VERSION }))
      .execute();
  });
}
