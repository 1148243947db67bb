import { DEFAULT_ITERATIONS } from '../../utils/crypto';

/** Everything the server reads from its environment, in one place. */
export type Config = {
  host: string;
  port: number;
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath: string;
  /** Extra origins allowed by CORS besides chrome-extension:// and moz-extension://. */
  corsOrigins: string[];
  sessionTtlMs: number;
  enrollmentTtlMs: number;
  /** PBKDF2 iterations handed to new users; tests lower it, the product never does. */
  kdfIterations: number;
  bodyLimitBytes: number;
  quiet: boolean;
  /** `smtp://user:pass@host:587`; with `mailFrom`, mail goes through SMTP, otherwise to `outboxDir`. */
  smtpUrl?: string;
  mailFrom?: string;
  outboxDir: string;
  /**
   * Attempts to open external links allowed in 15 minutes, per link and per client network. A recipient opens
   * a link a few times; these leave room for typos and reloads while keeping guessing slow.
   */
  linkOpens: { perLink: number; perNetwork: number };
};

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: num(env.PORT, 8787),
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.VAULT_DB_PATH ?? 'data/vault.db',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    sessionTtlMs: num(env.SESSION_TTL_HOURS, 12) * 3_600_000,
    enrollmentTtlMs: num(env.ENROLLMENT_TTL_DAYS, 7) * 86_400_000,
    kdfIterations: num(env.VAULT_KDF_ITERATIONS, DEFAULT_ITERATIONS),
    bodyLimitBytes: num(env.BODY_LIMIT_BYTES, 1024 * 1024),
    quiet: env.VAULT_QUIET === '1',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    outboxDir: env.VAULT_OUTBOX_DIR ?? 'data/outbox',
    linkOpens: { perLink: 30, perNetwork: 60 },
  };
}
