import type { Tx } from '../db/tx';

/** The words a person may start typing to find someone: whole name, each name word, username, email and its parts. */
export function termsOf(name: string, exact: string[], words: string[] = []): { term: string; rank: number }[] {
  const lower = name.toLowerCase().trim();
  const out = new Map<string, number>([[lower, 0]]);
  for (const e of exact) if (e) out.set(e.toLowerCase(), 0);
  for (const w of [...lower.split(/[\s._@-]+/).slice(1), ...words.map((x) => x.toLowerCase())]) if (w && !out.has(w)) out.set(w, 1);
  return [...out].map(([term, rank]) => ({ term: term.slice(0, 200), rank }));
}

async function replaceTerms(tx: Tx, kind: 'user' | 'group', id: string, name: string, terms: { term: string; rank: number }[]) {
  await tx.deleteFrom('directory_terms').where('kind', '=', kind).where('entity_id', '=', id).execute();
  if (terms.length)
    await tx
      .insertInto('directory_terms')
      .values(terms.map((t) => ({ ...t, kind, entity_id: id, sort_name: name.toLowerCase() })))
      .execute();
}

/** Puts an enrolled user into the public directory's search terms. */
export async function indexUser(tx: Tx, userId: string): Promise<void> {
  const u = await tx.selectFrom('users').select(['name', 'username', 'email', 'status']).where('id', '=', userId).executeTakeFirstOrThrow();
  const local = u.email.split('@')[0] ?? '';
  await replaceTerms(tx, 'user', userId, u.name, u.status === 'active' ? termsOf(u.name, [u.username, u.email], local.split(/[._-]/)) : []);
}

/** User groups are public while enabled; private groups are found per caller, not through this index. */
export async function indexGroup(tx: Tx, groupId: string): Promise<void> {
  const g = await tx.selectFrom('groups').select(['name', 'kind', 'enabled']).where('id', '=', groupId).executeTakeFirstOrThrow();
  await replaceTerms(tx, 'group', groupId, g.name, g.kind === 'user' && g.enabled ? termsOf(g.name, []) : []);
}
