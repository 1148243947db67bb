import type { Grant, LinkView } from '../../../../utils/contract';
import type { Db } from '../../db/connect';
import type { Tx } from '../../db/tx';
import { nowIso } from '../clock';
import { linkStatus } from './status';

/** Where a page of links resumes: after this link, in the list's order (newest first, then by id). */
export type LinkKey = { createdAt: string; id: string };

/** The sharer's view of their links, newest first, each with its access log; `after` and `limit` page it. */
export async function linkViews(
  db: Db | Tx,
  sharerId: string,
  opts: { ids?: string[]; secretId?: string; after?: LinkKey; limit?: number } = {},
): Promise<LinkView[]> {
  if (opts.ids && !opts.ids.length) return [];
  let q = db
    .selectFrom('links')
    .innerJoin('secrets', 'secrets.id', 'links.secret_id')
    .selectAll('links')
    .select('secrets.name as secret_name')
    .where('links.sharer_id', '=', sharerId)
    .orderBy('links.created_at', 'desc')
    .orderBy('links.id');
  if (opts.ids) q = q.where('links.id', 'in', opts.ids);
  if (opts.secretId) q = q.where('links.secret_id', '=', opts.secretId);
  const after = opts.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('links.created_at', '<', after.createdAt),
        eb.and([eb('links.created_at', '=', after.createdAt), eb('links.id', '>', after.id)]),
      ]),
    );
  if (opts.limit) q = q.limit(opts.limit);
  const rows = await q.execute();
  const log = rows.length
    ? await db
        .selectFrom('link_accesses')
        .selectAll()
        .where(
          'link_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const now = nowIso();
  return rows.map((r) => ({
    id: r.id,
    secretId: r.secret_id,
    secretName: r.secret_name,
    recipientEmail: r.recipient_email,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    maxAccesses: r.max_accesses,
    accesses: r.accesses,
    remainingAccesses: r.max_accesses === null ? null : Math.max(0, r.max_accesses - r.accesses),
    status: linkStatus(r, now),
    hasCode: r.code_iterations !== null,
    revokedAt: r.revoked_at,
    lastEmailedAt: r.last_emailed_at,
    sharerGrant: JSON.parse(r.sharer_grant) as Grant,
    log: log
      .filter((l) => l.link_id === r.id)
      .map((l) => ({ at: l.at, network: l.network, browser: l.browser, outcome: l.outcome })),
  }));
}

export async function linkView(db: Db | Tx, sharerId: string, id: string): Promise<LinkView | undefined> {
  return (await linkViews(db, sharerId, { ids: [id] }))[0];
}
