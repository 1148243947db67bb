import type { Db } from '../db/connect';
import type { Config } from '../config';
import { Invalid } from './errors';
import { hmac } from './hashing';

/**
 * Refuses key-derivation parameters below the server's floor. Our extension never sends them, but other
 * clients exist, and an account derived with few iterations makes a stolen database cheap to attack.
 */
export function assertKdfFloor(config: Config, iterations: number): void {
  if (iterations >= config.minKdfIterations) return;
  const message = `must be at least ${config.minKdfIterations}`;
  throw new Invalid(
    'kdf_too_weak',
    `The password must be derived with at least ${config.minKdfIterations} PBKDF2 iterations.`,
    [{ path: 'kdf.iterations', message }],
  );
}

/**
 * The iteration count a decoy prelogin answers for an unknown username. Real accounts keep the count they
 * enrolled with, so once the default is raised the counts in use are a mix; answering every unknown name
 * with the new default would tell the old accounts apart. Instead each unknown name is given, stably, one of
 * the counts in use, chosen with the probability of that count among enrolled accounts.
 */
export async function decoyIterations(
  db: Db,
  serverSecret: Uint8Array,
  username: string,
  fallback: number,
): Promise<number> {
  const counts = await countsInUse(db);
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  if (!total) return fallback;
  // A fixed point in [0, 1) per name, scaled to the counts: as accounts come and go the boundaries move a
  // little, so a name's answer stays put far more often than a modulo would let it.
  let pick = (hmac(serverSecret, `prelogin-iterations/${username}`).readUInt32BE(0) / 2 ** 32) * total;
  for (const c of counts) {
    pick -= c.n;
    if (pick < 0) return c.iterations;
  }
  return fallback;
}

/** Counts change only as people enroll or change passwords; a minute-old answer spares a scan per prelogin. */
const COUNTS_TTL_MS = 60_000;
const cached = new WeakMap<Db, { at: number; counts: Promise<{ iterations: number; n: number }[]> }>();

function countsInUse(db: Db): Promise<{ iterations: number; n: number }[]> {
  const hit = cached.get(db);
  if (hit && Date.now() - hit.at < COUNTS_TTL_MS) return hit.counts;
  const counts = readCounts(db);
  cached.set(db, { at: Date.now(), counts });
  counts.catch(() => cached.delete(db));
  return counts;
}

async function readCounts(db: Db): Promise<{ iterations: number; n: number }[]> {
  const rows = await db
    .selectFrom('users')
    .select('kdf_iterations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('kdf_iterations', 'is not', null)
    .groupBy('kdf_iterations')
    .orderBy('kdf_iterations')
    .execute();
  return rows.map((r) => ({ iterations: r.kdf_iterations!, n: Number(r.n) }));
}
