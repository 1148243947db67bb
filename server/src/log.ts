import { pino, stdTimeFunctions, type Logger } from 'pino';

export type { Logger };

/**
 * The server's logger: one JSON object per line on stdout, for an operator's log shipper. Quiet mode
 * (`VAULT_QUIET=1`) silences the per-request access lines only; warnings and errors always come through.
 * Callers log ids, routes, statuses and error names, never a body, a header, a token, a key or a ciphertext.
 */
export function createLogger(opts: { quiet: boolean; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: opts.quiet ? 'warn' : 'info',
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Callers pass `err` as a plain object of chosen fields (type, message, first frames); pino's default
      // serializer would rewrite its type as "Object".
      serializers: { err: (value: unknown) => value },
    },
    // process.stdout rather than pino's own file descriptor writer: lines stay in order with the rest of the
    // process's output, and tests can read them.
    opts.destination ?? process.stdout,
  );
}
