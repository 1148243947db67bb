import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, ConfigError, configFromEnv } from '../src/config';

const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
const configSource = readFileSync(resolve(__dirname, '../src/config.ts'), 'utf8');

describe('server configuration', () => {
  it('has production defaults when the environment is empty', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      sqlitePath: 'data/vault.db',
      sessionTtlMs: 12 * 3_600_000,
      enrollmentTtlMs: 7 * 86_400_000,
      signIn: { windowMs: 15 * 60_000, perAddressAndUser: 10, perAddress: 50, perUsername: 100, maxDelayMs: 60_000 },
      trustProxy: [],
      kdfIterations: 600_000,
      minKdfIterations: 600_000,
      bodyLimitBytes: 1024 * 1024,
      quiet: false,
      database: { connectTimeoutMs: 3000, statementTimeoutMs: 5000, poolSize: 10 },
    });
    expect(c.publicUrl).toBeUndefined();
  });

  it('reads every tunable from the environment', () => {
    const c = configFromEnv({
      PORT: '9000',
      SESSION_TTL_HOURS: '2',
      ENROLLMENT_TTL_DAYS: '3',
      SIGNIN_WINDOW_MINUTES: '5',
      SIGNIN_MAX_FAILURES_PER_ADDRESS_AND_USER: '4',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '40',
      VAULT_KDF_ITERATIONS: '800000',
      BODY_LIMIT_BYTES: '65536',
      VAULT_QUIET: '1',
      PUBLIC_URL: 'https://vault.example.com/',
      TRUST_PROXY: '10.0.0.1, 192.168.0.0/16',
      DATABASE_SCHEMA: 'vault',
      DB_CONNECT_TIMEOUT_MS: '2000',
      DB_STATEMENT_TIMEOUT_MS: '7000',
      DB_POOL_SIZE: '25',
    });
    expect(c).toMatchObject({
      port: 9000,
      database: { connectTimeoutMs: 2000, statementTimeoutMs: 7000, poolSize: 25 },
      sessionTtlMs: 2 * 3_600_000,
      enrollmentTtlMs: 3 * 86_400_000,
      signIn: { windowMs: 5 * 60_000, perAddressAndUser: 4, perAddress: 40 },
      kdfIterations: 800_000,
      bodyLimitBytes: 65536,
      quiet: true,
      publicUrl: 'https://vault.example.com',
      trustProxy: ['10.0.0.1', '192.168.0.0/16'],
      databaseSchema: 'vault',
    });
  });

  it('keeps PostgreSQL tables in the schema DATABASE_SCHEMA names, and refuses a name that is not a plain identifier', () => {
    expect(
      checkConfig(configFromEnv({ DATABASE_URL: 'postgres://db/vault', DATABASE_SCHEMA: 'team_a' })).databaseSchema,
    ).toBe('team_a');
    expect(configFromEnv({}).databaseSchema).toBeUndefined();
    expect(() => checkConfig(configFromEnv({ DATABASE_SCHEMA: 'a"; drop table users; --' }))).toThrow(
      /DATABASE_SCHEMA must be a lower-case name/,
    );
  });

  it('refuses wrong values with one sentence per variable, all at once', () => {
    const env = {
      PORT: 'eighty',
      SESSION_TTL_HOURS: '-1',
      VAULT_KDF_ITERATIONS: '1000',
      PUBLIC_URL: 'vault.example.com',
      VAULT_QUIET: 'yes',
    };
    let error: unknown;
    try {
      configFromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^The vault server's configuration is not valid:/);
    expect(message).toContain('PORT must be a whole number from 0 to 65535 (it is "eighty").');
    expect(message).toContain('SESSION_TTL_HOURS must be a whole number');
    expect(message).toContain('VAULT_KDF_ITERATIONS must be a whole number from 600000');
    expect(message).toContain('PUBLIC_URL must be a https:// or http:// address (it is "vault.example.com").');
    expect(message).toContain('VAULT_QUIET must be 1 or 0');
  });

  it('no variable lowers the PBKDF2 floor; only code can, and then the count must still reach it', () => {
    expect(configFromEnv({ MIN_KDF_ITERATIONS: '1', VAULT_MIN_KDF_ITERATIONS: '1' }).minKdfIterations).toBe(600_000);
    expect(() => checkConfig({ ...configFromEnv({}), kdfIterations: 1000 })).toThrow(
      /VAULT_KDF_ITERATIONS must be at least 600000/,
    );
    expect(checkConfig({ ...configFromEnv({}), kdfIterations: 1000, minKdfIterations: 1000 }).kdfIterations).toBe(1000);
  });

  it('needs both TLS files or neither, and files that exist', () => {
    expect(() => checkConfig({ ...configFromEnv({}), tlsCertFile: __filename })).toThrow(
      /TLS_CERT_FILE and TLS_KEY_FILE go together/,
    );
    expect(() =>
      checkConfig({ ...configFromEnv({}), tlsCertFile: __filename, tlsKeyFile: '/nonexistent/key.pem' }),
    ).toThrow(/TLS_KEY_FILE names a file that does not exist/);
  });

  it('every variable it reads is in the README configuration table', () => {
    const read = [...configSource.matchAll(/r\.(?:text|int|flag|url)\('([A-Z_]+)'/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(12);
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    for (const name of read) expect(table, name).toContain(`\`${name}\``);
  });
});
