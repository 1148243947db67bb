/**
 * Every pooled connection was in use for the whole connect timeout: the database answers, this process is
 * saturated. Told apart from an unreachable database so that the answer and the operator's log say so.
 */
export class PoolBusy extends Error {
  readonly code = 'POOL_BUSY';
  constructor(size: number) {
    super(`All ${size} pooled database connections stayed in use for the whole connect timeout`);
    this.name = 'PoolBusy';
  }
}

/**
 * Whether an error means "the database cannot be reached right now" (refused, dropped, timed out, shutting
 * down) rather than a fault in the request or the code: those become 503 with Retry-After, not 500.
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  // Class 08 (connection exception), 57P01-57P03 (terminated, crash shutdown, cannot connect now),
  // 57014 (statement timeout), 53300 (too many connections).
  if (
    typeof code === 'string' &&
    (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '57014' || code === '53300')
  )
    return true;
  if (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN'].includes(code)
  )
    return true;
  // node-postgres reports these without a code.
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended/i.test(
    err.message,
  );
}

/** One line an operator can act on, instead of a stack trace. */
export function describeFault(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return `${err.message.split('\n')[0]}${typeof code === 'string' && !err.message.includes(code) ? ` (${code})` : ''}`;
}
