import type { ExpressionBuilder } from 'kysely';
import type { LinkStatus } from '../../../../utils/contract';
import type { Database, LinksTable } from '../../db/schema';

/** Wrong access codes a link tolerates before it closes for good. */
export const MAX_WRONG_CODES = 5;

type Counts = Pick<LinksTable, 'revoked_at' | 'expires_at' | 'max_accesses'> & {
  accesses: number;
  wrong_codes: number;
};

/** A link's status at `now` (ISO text): revoked, then used up or closed by wrong codes, then expired. */
export function linkStatus(r: Counts, now: string): LinkStatus {
  if (r.revoked_at) return 'revoked';
  if ((r.max_accesses !== null && r.accesses >= r.max_accesses) || r.wrong_codes >= MAX_WRONG_CODES) return 'finished';
  if (r.expires_at <= now) return 'expired';
  return 'active';
}

/**
 * The same rule as {@link linkStatus} as a WHERE clause, so that checking a link and counting an access are
 * one UPDATE: the database, not the server process, decides which of many simultaneous opens wins.
 */
export const activeAt = (now: string) => (eb: ExpressionBuilder<Database, 'links'>) =>
  eb.and([
    eb('revoked_at', 'is', null),
    eb('expires_at', '>', now),
    eb('wrong_codes', '<', MAX_WRONG_CODES),
    eb.or([eb('max_accesses', 'is', null), eb('accesses', '<', eb.ref('max_accesses'))]),
  ]);
