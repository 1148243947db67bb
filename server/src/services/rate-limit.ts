import { RateLimited } from './errors';

type Window = { count: number; resetAt: number };

/**
 * Counts failed attempts per key (a username) and per client address in fixed windows. Kept in memory:
 * with several server processes each enforces its own share, which still bounds guessing.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  constructor(private readonly opts: { windowMs: number; perKey: number; perAddress: number }) {}

  private hit(id: string, now: number): Window {
    let w = this.windows.get(id);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.opts.windowMs };
      this.windows.set(id, w);
    }
    return w;
  }

  /** Throws 429 when either the key or the address has used up its attempts. */
  check(key: string, address: string, now = Date.now()): void {
    for (const [id, max] of [
      [`k:${key}`, this.opts.perKey],
      [`a:${address}`, this.opts.perAddress],
    ] as const) {
      const w = this.hit(id, now);
      if (w.count >= max) {
        const seconds = Math.ceil((w.resetAt - now) / 1000);
        throw new RateLimited(`Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`, seconds);
      }
    }
    if (this.windows.size > 100_000) this.prune(now);
  }

  fail(key: string, address: string, now = Date.now()): void {
    this.hit(`k:${key}`, now).count++;
    this.hit(`a:${address}`, now).count++;
  }

  succeed(key: string): void {
    this.windows.delete(`k:${key}`);
  }

  private prune(now: number) {
    for (const [id, w] of this.windows) if (w.resetAt <= now) this.windows.delete(id);
  }
}
