import type { SharingPolicy } from '../../../utils/contract';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';

/** The key of the sharing options in `settings`, so every server process reads the same ones. */
const KEY = 'sharing';

/** Off until an administrator turns it on; 30 days at most, as the common password managers allow. */
export const DEFAULT_POLICY: SharingPolicy = { external: false, maxLinkSeconds: 30 * 86_400, baseUrl: null };

export async function readPolicy(db: Db | Tx): Promise<SharingPolicy> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? { ...DEFAULT_POLICY, ...(JSON.parse(row.value) as Partial<SharingPolicy>) } : DEFAULT_POLICY;
}

/**
 * The options as the extension reads them: where links point is the administrator's base URL, else the
 * server's advertised address (`PUBLIC_URL`), the one an emailed link gets too, so a copied link and an
 * emailed one agree; null only when neither is set (the extension then uses the address it signed in to).
 */
export async function policyForClients(db: Db | Tx, publicUrl: string | undefined): Promise<SharingPolicy> {
  const policy = await readPolicy(db);
  return { ...policy, baseUrl: policy.baseUrl ?? publicUrl ?? null };
}

/** Changes some options and returns them all; unchanged options keep their value. */
export async function updatePolicy(db: Db, change: Partial<SharingPolicy>): Promise<SharingPolicy> {
  const next = { ...(await readPolicy(db)), ...change };
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(next) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next) }))
    .execute();
  return next;
}

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/**
 * Reads a lifetime such as "30d", "12h" or "90m" as seconds.
 * @returns undefined unless it is a whole number of minutes, hours or days from 5 minutes to 365 days
 */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNITS[m[2]!]!;
  return seconds >= 300 && seconds <= 365 * 86_400 ? seconds : undefined;
}

/** "30 days", "12 hours", "90 minutes": how the CLI and the messages say a lifetime. */
export function formatDuration(seconds: number): string {
  const [n, unit] =
    seconds % 86_400 === 0
      ? [seconds / 86_400, 'day']
      : seconds % 3600 === 0
        ? [seconds / 3600, 'hour']
        : [Math.round(seconds / 60), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
