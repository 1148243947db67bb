import { linkVerifierHash } from '../../../../utils/crypto';
import type { Ciphertext, OpenLinkResponse, PublicLinkInfo } from '../../../../utils/contract';
import { Forbidden, Gone, NotFound } from '../errors';
import { write } from '../../db/tx';
import type { Ctx } from '../context';
import { nowIso } from '../clock';
import { audit } from '../audit';
import { MAX_WRONG_CODES, activeAt, linkStatus } from './status';

/** Who is opening: the coarse network and browser family kept in the access log. */
export type Opener = { network: string; browser: string };

const gone = {
  expired: () => new Gone('link_expired', 'This link has expired.'),
  finished: () => new Gone('link_finished', 'This link has already been used the number of times allowed.'),
  revoked: () => new Gone('link_revoked', 'This link was revoked by the person who shared it.'),
};

/** What the link page needs before it asks for anything: the status, and whether to ask for a code. */
export async function linkInfo(ctx: Ctx, id: string): Promise<PublicLinkInfo> {
  const row = await ctx.store.db.selectFrom('links').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('This link');
  const status = linkStatus(row, nowIso());
  return {
    status,
    code: status === 'active' && row.code_iterations !== null ? { iterations: row.code_iterations } : null,
  };
}

type Outcome =
  | { kind: 'opened'; ciphertext: string; remaining: number | null }
  | { kind: 'unknown' | 'broken' | 'paused' }
  | { kind: 'expired' | 'finished' | 'revoked' }
  | { kind: 'wrong_code'; left: number };

/**
 * Opens a link: when the verifier matches and the link is active, one access is counted and the ciphertext
 * returned, in a single UPDATE so that of many simultaneous opens only as many as allowed succeed. A wrong
 * verifier on a link with a code is a wrong code and counts against the link. Refusals are audited too, so
 * the transaction returns an outcome instead of throwing (which would roll the audit back).
 */
export async function openLink(ctx: Ctx, id: string, verifier: string, opener: Opener): Promise<OpenLinkResponse> {
  ctx.linkLimiter.check(id, opener.network);
  ctx.linkLimiter.fail(id, opener.network);
  const verifierHash = await linkVerifierHash(verifier);
  const outcome = await write(ctx.store, async (tx): Promise<Outcome> => {
    const now = nowIso();
    const hit = await tx
      .updateTable('links')
      .set((eb) => ({ accesses: eb('accesses', '+', 1) }))
      .where('id', '=', id)
      .where('verifier_hash', '=', verifierHash)
      .where(activeAt(now))
      .where('secret_id', 'in', (eb) => eb.selectFrom('secrets').select('id').where('status', '=', 'enabled'))
      .executeTakeFirst();
    const row = await tx.selectFrom('links').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return { kind: 'unknown' };
    const base = { objectKind: 'link', objectId: id, secretId: row.secret_id, actorId: null } as const;
    if (Number(hit.numUpdatedRows) === 1) {
      await tx
        .insertInto('link_accesses')
        .values({ link_id: id, at: now, ...opener, outcome: 'opened' })
        .execute();
      await audit(tx, { ...base, action: 'link.opened', details: { ...opener, accesses: row.accesses } });
      return {
        kind: 'opened',
        ciphertext: row.ciphertext,
        remaining: row.max_accesses === null ? null : row.max_accesses - row.accesses,
      };
    }
    const status = linkStatus(row, now);
    if (status !== 'active') {
      await audit(tx, { ...base, action: 'link.refused', details: { reason: status, ...opener } });
      return { kind: status };
    }
    const secret = await tx.selectFrom('secrets').select('status').where('id', '=', row.secret_id).executeTakeFirst();
    if (secret?.status !== 'enabled' && row.verifier_hash === verifierHash) {
      // Disabling a secret blocks every reveal, a link's included, until it is enabled again.
      await audit(tx, { ...base, action: 'link.refused', details: { reason: 'secret_disabled', ...opener } });
      return { kind: 'paused' };
    }
    if (row.code_iterations === null) {
      await audit(tx, { ...base, action: 'link.refused', details: { reason: 'broken_link', ...opener } });
      return { kind: 'broken' };
    }
    await tx
      .updateTable('links')
      .set((eb) => ({ wrong_codes: eb('wrong_codes', '+', 1) }))
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('link_accesses')
      .values({ link_id: id, at: now, ...opener, outcome: 'wrong_code' })
      .execute();
    await audit(tx, { ...base, action: 'link.refused', details: { reason: 'wrong_code', ...opener } });
    return { kind: 'wrong_code', left: MAX_WRONG_CODES - row.wrong_codes - 1 };
  });
  switch (outcome.kind) {
    case 'opened':
      return { ciphertext: JSON.parse(outcome.ciphertext) as Ciphertext, remainingAccesses: outcome.remaining };
    case 'unknown':
      throw new NotFound('This link');
    case 'paused':
      throw new Forbidden(
        'link_paused',
        'The person who shared this link has disabled the API secret for now. Ask them, or try again later.',
      );
    case 'broken':
      throw new Forbidden(
        'link_incomplete',
        'This link is incomplete. Copy the whole link, including the part after "#".',
      );
    case 'wrong_code':
      throw outcome.left > 0
        ? new Forbidden(
            'wrong_code',
            `This access code is not right. ${outcome.left === 1 ? '1 try is' : `${outcome.left} tries are`} left.`,
          )
        : new Gone('link_finished', 'This access code is not right, and the link is now closed.');
    default:
      throw gone[outcome.kind]();
  }
}
