import { existsSync } from 'node:fs';
import { DEFAULT_ITERATIONS, MIN_ITERATIONS } from '../../utils/crypto';

/**
 * Every tunable of the vault server, in one place. Each is read from the environment (README,
 * "Configuration" lists them all) and checked once at start, so a typo stops the server with a sentence
 * instead of running with a silent default.
 */
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
  /** The address the server advertises (OpenAPI `servers`); unset, clients use the address they reached. */
  publicUrl?: string;
  /** Certificate chain and private key (PEM): when both are set the server speaks HTTPS itself. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  sessionTtlMs: number;
  enrollmentTtlMs: number;
  /** Failed sign-ins (and enrollment codes, and current passwords) allowed per window. */
  signIn: SignInLimits;
  /** PostgreSQL: how long to wait for a new connection, and for one statement, before answering 503. */
  database: { connectTimeoutMs: number; statementTimeoutMs: number; poolSize?: number };
  /** Peers whose X-Forwarded-For is believed (addresses or CIDRs); empty: the socket's address is the client. */
  trustProxy: string[];
  /** PBKDF2 iterations handed to new users and to unknown usernames' decoy prelogin. */
  kdfIterations: number;
  /**
   * The lowest PBKDF2 count the server accepts at enrollment and password change. Not read from the
   * environment: only code (the test harness, the benchmarks) can lower it, so a deployment cannot by accident.
   */
  minKdfIterations: number;
  bodyLimitBytes: number;
  /** Silences the per-request access lines; errors are always logged. */
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

/** The lowest PBKDF2 count a production server accepts: OWASP's figure for PBKDF2-HMAC-SHA256. */
export const KDF_FLOOR = MIN_ITERATIONS;

/** A configuration the server refuses to start with; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The vault server's configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads variables, collecting problems instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  text(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v ? v : undefined;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (it is "${raw}").`);
      return fallback;
    }
    return n;
  }

  flag(name: string): boolean {
    const raw = this.text(name);
    if (raw === undefined || raw === '0' || raw === 'false') return false;
    if (raw === '1' || raw === 'true') return true;
    this.problems.push(`${name} must be 1 or 0 (it is "${raw}").`);
    return false;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (protocols.includes(u.protocol)) return name === 'PUBLIC_URL' ? raw.replace(/\/+$/, '') : raw;
    } catch {
      /* reported below */
    }
    this.problems.push(
      `${name} must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} address (it is "${raw}").`,
    );
    return undefined;
  }
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const r = new EnvReader(env);
  const config: Config = {
    host: r.text('HOST') ?? '127.0.0.1',
    port: r.int('PORT', 8787, 0, 65535),
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseSchema: r.text('DATABASE_SCHEMA'),
    sqlitePath: r.text('VAULT_DB_PATH') ?? 'data/vault.db',
    corsOrigins: (r.text('CORS_ORIGINS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicUrl: r.url('PUBLIC_URL', ['https:', 'http:']),
    tlsCertFile: r.text('TLS_CERT_FILE'),
    tlsKeyFile: r.text('TLS_KEY_FILE'),
    sessionTtlMs: r.int('SESSION_TTL_HOURS', 12, 1, 24 * 365) * 3_600_000,
    enrollmentTtlMs: r.int('ENROLLMENT_TTL_DAYS', 7, 1, 365) * 86_400_000,
    signIn: {
      windowMs: r.int('SIGNIN_WINDOW_MINUTES', 15, 1, 24 * 60) * 60_000,
      perAddressAndUser: r.int('SIGNIN_MAX_FAILURES_PER_ADDRESS_AND_USER', 10, 1, 10_000),
      perAddress: r.int('SIGNIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 1_000_000),
      perUsername: r.int('SIGNIN_MAX_FAILURES_PER_USER', 100, 1, 1_000_000),
      firstDelayMs: 1000,
      maxDelayMs: r.int('SIGNIN_MAX_DELAY_SECONDS', 60, 1, 3600) * 1000,
    },
    database: {
      connectTimeoutMs: r.int('DB_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
      statementTimeoutMs: r.int('DB_STATEMENT_TIMEOUT_MS', 5000, 100, 3_600_000),
      poolSize: r.int('DB_POOL_SIZE', 10, 1, 1000),
    },
    trustProxy: (r.text('TRUST_PROXY') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    kdfIterations: r.int('VAULT_KDF_ITERATIONS', DEFAULT_ITERATIONS, KDF_FLOOR, 10_000_000),
    minKdfIterations: KDF_FLOOR,
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 1024 * 1024, 16 * 1024, 64 * 1024 * 1024),
    quiet: r.flag('VAULT_QUIET'),
    smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: r.text('MAIL_FROM'),
    outboxDir: r.text('VAULT_OUTBOX_DIR') ?? 'data/outbox',
    linkOpens: { perLink: 30, perNetwork: 60 },
  };
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}

/** Checks a whole configuration (environment and code overrides together) before anything starts. */
export function checkConfig(c: Config): Config {
  const problems: string[] = [];
  if (c.kdfIterations < c.minKdfIterations)
    problems.push(`VAULT_KDF_ITERATIONS must be at least ${c.minKdfIterations} (it is ${c.kdfIterations}).`);
  // The name goes into a search_path option and a create schema statement: a plain identifier only.
  if (c.databaseSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(c.databaseSchema))
    problems.push(
      `DATABASE_SCHEMA must be a lower-case name of letters, digits and underscores (it is "${c.databaseSchema}").`,
    );
  if (!!c.tlsCertFile !== !!c.tlsKeyFile)
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE go together: set both to serve HTTPS, or neither.');
  for (const [name, file] of [
    ['TLS_CERT_FILE', c.tlsCertFile],
    ['TLS_KEY_FILE', c.tlsKeyFile],
  ] as const)
    if (file && !existsSync(file)) problems.push(`${name} names a file that does not exist: ${file}`);
  if (problems.length) throw new ConfigError(problems);
  return c;
}
