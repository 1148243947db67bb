import { DEFAULT_ITERATIONS } from '../../utils/crypto';

/** Everything the server reads from its environment, in one place. */
export type Config = {
  host: string;
  port: number;
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file at `sqlitePath`. */
  databaseUrl?: string;
  /** A PostgreSQL schema to keep the tables in (created if missing); default: the server's search_path. */
  databaseSchema?: string;
  sqlitePath: string;
  /** Extra origins allowed by CORS besides chrome-extension:// and moz-extension://. */
  corsOrigins: string[];
  sessionTtlMs: number;
  enrollmentTtlMs: number;
  /** PBKDF2 iterations handed to new users; tests lower it, the product never does. */
  kdfIterations: number;
  bodyLimitBytes: number;
  quiet: boolean;
  signIn: SignInLimits;
  /** PostgreSQL: how long to wait for a new connection, and for one statement, before answering 503. */
  database: { connectTimeoutMs: number; statementTimeoutMs: number };
  /** Peers whose X-Forwarded-For is believed (addresses or CIDRs); empty: the socket's address is the client. */
  trustProxy: string[];
};

/**
 * Budgets of failed sign-ins (and enrollment codes, and current passwords) within one window:
 * one address guessing one username is stopped; an address guessing many usernames, and one username
 * guessed from many addresses, are slowed by delays that double up to `maxDelayMs`, never locked out.
 */
export type SignInLimits = {
  windowMs: number;
  perAddressAndUser: number;
  perAddress: number;
  perUsername: number;
  firstDelayMs: number;
  maxDelayMs: number;
};

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: num(env.PORT, 8787),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    sqlitePath: env.VAULT_DB_PATH ?? 'data/vault.db',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    sessionTtlMs: num(env.SESSION_TTL_HOURS, 12) * 3_600_000,
    enrollmentTtlMs: num(env.ENROLLMENT_TTL_DAYS, 7) * 86_400_000,
    kdfIterations: num(env.VAULT_KDF_ITERATIONS, DEFAULT_ITERATIONS),
    bodyLimitBytes: num(env.BODY_LIMIT_BYTES, 1024 * 1024),
    quiet: env.VAULT_QUIET === '1',
    signIn: {
      windowMs: num(env.SIGNIN_WINDOW_MINUTES, 15) * 60_000,
      perAddressAndUser: num(env.SIGNIN_MAX_FAILURES_PER_ADDRESS_AND_USER, 10),
      perAddress: num(env.SIGNIN_MAX_FAILURES_PER_ADDRESS, 50),
      perUsername: num(env.SIGNIN_MAX_FAILURES_PER_USER, 100),
      firstDelayMs: 1000,
      maxDelayMs: num(env.SIGNIN_MAX_DELAY_SECONDS, 60) * 1000,
    },
    database: { connectTimeoutMs: num(env.DB_CONNECT_TIMEOUT_MS, 3000), statementTimeoutMs: num(env.DB_STATEMENT_TIMEOUT_MS, 5000) },
    trustProxy: (env.TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
