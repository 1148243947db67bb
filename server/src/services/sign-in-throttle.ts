import type { SignInLimits } from '../config';
import type { Tx } from '../db/tx';
import { RateLimited } from './errors';
import { audit } from './audit';
import type { Ctx } from './context';

/** What is being guessed: a password (sign-in, password change) or an invitation code. */
export type Scope = 'login' | 'enroll';

/** An attempt that holds one unit of every budget it counts against, until it is known to have failed. */
export type Attempt = { succeeded(): Promise<void>; failed(): Promise<void> };

type Budget = {
  key: string;
  kind: 'address_and_user' | 'address' | 'user';
  free: number;
  maxDelayMs: number | 'window';
};

/**
 * The three budgets one attempt spends. Only the (address, username) pair is stopped for the window, so a
 * guesser elsewhere cannot lock the owner out; the address alone (one client trying many usernames) and
 * the username alone (many clients trying one) are slowed by doubling delays instead.
 */
function budgetsOf(limits: SignInLimits, scope: Scope, username: string, address: string): Budget[] {
  return [
    {
      key: `pair:${scope}:${username}|${address}`,
      kind: 'address_and_user',
      free: limits.perAddressAndUser,
      maxDelayMs: 'window',
    },
    { key: `addr:${address}`, kind: 'address', free: limits.perAddress, maxDelayMs: limits.windowMs },
    { key: `user:${scope}:${username}`, kind: 'user', free: limits.perUsername, maxDelayMs: limits.maxDelayMs },
  ];
}

function tooMany(retryMs: number): RateLimited {
  const seconds = Math.max(1, Math.ceil(retryMs / 1000));
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new RateLimited(`Too many failed attempts. Try again in ${wait}.`, seconds);
}

/**
 * Takes one attempt from every budget before the slow check runs, so parallel guesses cannot all pass a
 * check made before any of them has failed. The rows live in the database: every server process on it
 * shares one budget. Throws 429 (with Retry-After) when a budget is spent or a delay has not elapsed.
 */
export async function reserveAttempt(
  ctx: Ctx,
  scope: Scope,
  username: string,
  address: string,
  via: string = scope,
): Promise<Attempt> {
  const limits = ctx.config.signIn;
  const budgets = budgetsOf(limits, scope, username, address).sort((a, b) => a.key.localeCompare(b.key));
  const retryMs = await ctx.store.db
    .transaction()
    .execute((tx) => take(tx, ctx, limits, budgets, { username, address }));
  if (retryMs > 0) throw tooMany(retryMs);
  if (++reservations % 1000 === 0) await prune(ctx, limits);
  return {
    succeeded: () => ctx.store.db.transaction().execute((tx) => refund(tx, budgets)),
    failed: () =>
      audit(ctx.store.db, {
        actorId: null,
        action: 'auth.sign_in_failed',
        objectKind: 'user',
        objectId: username,
        details: { username, address, via },
      }),
  };
}

let reservations = 0;

/** Budgets whose window and delay are both over count nothing any more; without this the table only grows. */
async function prune(ctx: Ctx, limits: SignInLimits) {
  const now = Date.now();
  await ctx.store.db
    .deleteFrom('auth_throttle')
    .where('window_start', '<', now - limits.windowMs)
    .where('next_at', '<', now)
    .execute();
}

/** Spends one unit of each budget, or none when any refuses; returns how long to wait (0: go ahead). */
async function take(
  tx: Tx,
  ctx: Ctx,
  limits: SignInLimits,
  budgets: Budget[],
  who: { username: string; address: string },
): Promise<number> {
  const now = Date.now();
  // A write first: it takes SQLite's write lock at once (a read first could not upgrade under another
  // process's write), and on PostgreSQL it makes every row exist so that FOR UPDATE can lock it.
  await tx
    .insertInto('auth_throttle')
    .values(budgets.map((b) => ({ key: b.key, window_start: now, failures: 0, next_at: 0, refused: 0 })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const rows = await tx
    .selectFrom('auth_throttle')
    .selectAll()
    .where(
      'key',
      'in',
      budgets.map((b) => b.key),
    )
    .orderBy('key')
    .$if(ctx.store.dialect === 'postgres', (q) => q.forUpdate())
    .execute();
  const state = new Map(rows.map((r) => [r.key, r]));
  const next = budgets.map((b) => {
    const r = state.get(b.key)!;
    const expired = now >= r.window_start + limits.windowMs && now >= r.next_at;
    return { b, r: expired ? { ...r, window_start: now, failures: 0, next_at: 0, refused: 0 } : r };
  });
  const blocked = next.filter(({ r }) => r.next_at > now);
  if (blocked.length) {
    for (const { b, r } of blocked) {
      await tx
        .updateTable('auth_throttle')
        .set({ ...r, refused: r.refused + 1 })
        .where('key', '=', b.key)
        .execute();
      // One audit line per budget and window, not one per refused request of a flood.
      if (r.refused === 0)
        await audit(tx, {
          actorId: null,
          action: 'auth.slowed',
          objectKind: b.kind === 'address' ? 'address' : 'user',
          objectId: b.kind === 'address' ? who.address : who.username,
          details: {
            budget: b.kind,
            username: b.kind === 'address' ? undefined : who.username,
            address: b.kind === 'user' ? undefined : who.address,
            retryAfterSeconds: Math.ceil((r.next_at - now) / 1000),
          },
        });
    }
    return Math.max(...blocked.map(({ r }) => r.next_at - now));
  }
  for (const { b, r } of next) {
    const failures = r.failures + 1;
    const over = failures - b.free;
    const nextAt =
      over < 0
        ? 0
        : b.maxDelayMs === 'window'
          ? r.window_start + limits.windowMs
          : now + Math.min(b.maxDelayMs, limits.firstDelayMs * 2 ** Math.min(over, 30));
    await tx
      .updateTable('auth_throttle')
      .set({ ...r, failures, next_at: nextAt })
      .where('key', '=', b.key)
      .execute();
  }
  return 0;
}

/** A right password or code gives its unit back; the pair's budget starts afresh. */
async function refund(tx: Tx, budgets: Budget[]): Promise<void> {
  for (const b of budgets) {
    if (b.kind === 'address_and_user') {
      await tx.deleteFrom('auth_throttle').where('key', '=', b.key).execute();
      continue;
    }
    await tx
      .updateTable('auth_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', b.key)
      .where('failures', '>', 0)
      .execute();
    await tx
      .updateTable('auth_throttle')
      .set({ next_at: 0 })
      .where('key', '=', b.key)
      .where('failures', '<', b.free)
      .execute();
  }
}
