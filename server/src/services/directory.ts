import type { DirectoryEntry, DirectoryGroup, DirectoryUser } from '../../../utils/contract';
import type { Ctx } from './context';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';
import { termsOf } from './directory-index';
import { memberCounts, visiblePrivateGroups } from './group-queries';
import { toDirectoryGroup, toDirectoryUser } from './to-contract';

/** Rows read per step: a person has at most a few terms of one rank, so one page nearly always suffices. */
const PAGE = 100;

type Hit = { kind: 'user' | 'group'; id: string; rank: number; sortName: string };

/**
 * Finds recipients: enrolled users and enabled user groups through the prefix index (prefix of the whole
 * name, username or email first, then of any later word), plus the caller's visible private groups.
 */
export async function search(ctx: Ctx, callerId: string, q: string, limit: number): Promise<DirectoryEntry[]> {
  const needle = q.toLowerCase();
  const hits: Hit[] = [];
  const seen = new Set<string>([`user:${callerId}`]);
  // Walk the (rank, term) index in order and stop once a page of distinct people is found: the cost is
  // bounded by the page, not by how many names start with the typed letter.
  for (const rank of [0, 1]) {
    let offset = 0;
    while (hits.length < limit) {
      const rows = await ctx.store.db
        .selectFrom('directory_terms')
        .select(['kind', 'entity_id', 'term'])
        .where('rank', '=', rank)
        .where('term', '>=', needle)
        .where('term', '<', `${needle}\uffff`)
        .orderBy('term')
        .limit(PAGE)
        .offset(offset)
        .execute();
      for (const r of rows) {
        const key = `${r.kind}:${r.entity_id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ kind: r.kind, id: r.entity_id, rank, sortName: r.term });
        if (hits.length === limit) break;
      }
      if (rows.length < PAGE) break;
      offset += PAGE;
    }
  }

  for (const g of await visiblePrivateGroups(ctx.store.db, callerId)) {
    if (!g.enabled) continue;
    const ranks = termsOf(g.name, []).filter((t) => t.term.startsWith(needle)).map((t) => t.rank);
    if (ranks.length) hits.push({ kind: 'group', id: g.id, rank: Math.min(...ranks), sortName: g.name.toLowerCase() });
  }
  // Stable: index order within a rank, the caller's private groups placed among them by the same key.
  hits.sort((a, b) => a.rank - b.rank || (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0));
  return describe(ctx.store.db, hits.slice(0, limit));
}

/** Loads the public face of each hit (keys and fingerprints included), keeping the order. */
async function describe(db: Db | Tx, hits: Hit[]): Promise<DirectoryEntry[]> {
  const userIds = hits.filter((h) => h.kind === 'user').map((h) => h.id);
  const groupIds = hits.filter((h) => h.kind === 'group').map((h) => h.id);
  const users = new Map<string, DirectoryUser>();
  const groups = new Map<string, DirectoryGroup>();
  if (userIds.length)
    for (const u of await db.selectFrom('users').select(['id', 'name', 'username', 'email', 'public_key', 'fingerprint', 'signing_public_key', 'signing_fingerprint']).where('id', 'in', userIds).where('status', '=', 'active').execute())
      users.set(u.id, toDirectoryUser(u));
  if (groupIds.length) {
    const counts = await memberCounts(db, groupIds);
    for (const g of await db.selectFrom('groups').select(['id', 'name', 'kind', 'public_key', 'fingerprint']).where('id', 'in', groupIds).execute())
      groups.set(g.id, toDirectoryGroup(g, counts.get(g.id) ?? 0));
  }
  return hits.map((h) => (h.kind === 'user' ? users.get(h.id) : groups.get(h.id))).filter((x): x is DirectoryEntry => !!x);
}

/** Directory records of users whose profile or key changed (for the change feed). */
export async function directoryUsers(db: Db | Tx, ids: string[]): Promise<DirectoryUser[]> {
  return (await describe(db, ids.map((id) => ({ kind: 'user' as const, id, rank: 0, sortName: '' })))) as DirectoryUser[];
}
