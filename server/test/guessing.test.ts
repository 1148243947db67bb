import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../utils/crypto';
import { configFromEnv, type SignInLimits } from '../src/config';
import { startServer, type RunningServer } from '../src/server';
import { invite } from '../src/services/accounts';
import { VaultClient, type Res } from './support/client';
import { sendFrom } from './support/raw-request';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { expectProblem } from './support/problems';
import { exportAudit } from './support/audit-export';

const defaults = configFromEnv({}).signIn;
const limits = (l: Partial<SignInLimits>) => ({ signIn: { ...defaults, ...l } });
const wrongKey = () => randomBytes(32).toString('base64url');
const statuses = (rs: Res[]) =>
  rs.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Guessing passwords and invitation codes: every attempt is paid for before the slow check runs (so a
 * burst cannot outrun the budget), the budget lives in the database (several server processes share it),
 * and a guesser cannot lock the account's owner out. Each test plays its clients from its own loopback
 * addresses, so budgets spent in one do not leak into the next.
 */
describe.each(dialects)('guessing on %s', (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dialect);
  });
  afterAll(() => s?.close());

  const enrolled = async (username: string) => {
    const { code } = await invite(s.services, {
      username,
      name: `${username} Example`,
      email: `${username}@example.com`,
    });
    return new VaultClient(s.url, username).enroll(code);
  };
  const rightKey = async (server: RunningServer, c: VaultClient) => {
    const kdf = await c.call<{ salt: string; iterations: number }>('POST', '/v1/auth/prelogin', {
      username: c.username,
    });
    return (await deriveKeys(c.password, kdf.body)).authKey;
  };
  const login = (
    server: RunningServer,
    from: string,
    username: string,
    authKey: string,
    headers?: Record<string, string>,
  ) => sendFrom(from, `${server.url}/v1/auth/login`, { body: { username, authKey }, headers });

  describe('a burst of parallel guesses', () => {
    it('200 wrong passwords at once for one username: at most the budget (10) are checked, the rest get 429 with Retry-After', async () => {
      const bob = await enrolled('bob');
      const rs = await Promise.all(Array.from({ length: 200 }, () => login(s, '127.0.0.2', 'bob', wrongKey())));
      const counts = statuses(rs);
      expect(Object.keys(counts).sort(), JSON.stringify(counts)).toEqual(['401', '429']);
      expect(counts[401]).toBeLessThanOrEqual(10);
      for (const r of rs.filter((x) => x.status === 429)) {
        expectProblem(r, 429, 'too_many_attempts');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // the owner, elsewhere, is not stopped
      expect((await login(s, '127.0.0.3', 'bob', await rightKey(s, bob))).status).toBe(200);
    });

    it('200 wrong invitation codes at once: at most 10 are checked; the right code still works from elsewhere', async () => {
      const { code } = await invite(s.services, {
        username: 'carol',
        name: 'Carol Example',
        email: 'carol@example.com',
      });
      const wrong = 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2';
      const rs = await Promise.all(
        Array.from({ length: 200 }, () =>
          sendFrom('127.0.0.4', `${s.url}/v1/auth/enroll/start`, { body: { username: 'carol', code: wrong } }),
        ),
      );
      const counts = statuses(rs);
      expect(Object.keys(counts).sort(), JSON.stringify(counts)).toEqual(['401', '429']);
      expect(counts[401]).toBeLessThanOrEqual(10);
      expect(
        (await sendFrom('127.0.0.5', `${s.url}/v1/auth/enroll/start`, { body: { username: 'carol', code } })).status,
      ).toBe(200);
    });

    it('30 wrong current passwords at once on a password change: at most 10 are checked, the rest 429', async () => {
      const dan = await enrolled('dan');
      const body = () => ({
        currentAuthKey: wrongKey(),
        authKey: wrongKey(),
        kdf: { salt: 'c2FsdHNhbHRzYWx0c2FsdA', iterations: 600_000 },
        encryptedPrivateKey: { v: 1 as const, iv: 'AAAAAAAAAAAAAAAA', ct: 'A'.repeat(40) },
      });
      const probe = await sendFrom('127.0.0.6', `${s.url}/v1/auth/password`, { body: body(), token: dan.token });
      expect(probe.status, JSON.stringify(probe.body)).not.toBe(400); // the shape is right, only the password is wrong
      const rs = await Promise.all(
        Array.from({ length: 30 }, () =>
          sendFrom('127.0.0.6', `${s.url}/v1/auth/password`, { body: body(), token: dan.token }),
        ),
      );
      const counts = statuses([probe, ...rs]);
      expect(Object.keys(counts).sort(), JSON.stringify(counts)).toEqual(['403', '429']);
      expect(counts[403]).toBeLessThanOrEqual(10);
    });
  });

  it('two server processes on one database share one budget: 10 failures in all, not 10 each', async () => {
    await enrolled('erin');
    const second = await startServer({
      port: 0,
      host: '127.0.0.1',
      quiet: true,
      kdfIterations: 1000,
      minKdfIterations: 1000,
      ...(dialect === 'sqlite'
        ? { databaseUrl: undefined, sqlitePath: s.sqlitePath }
        : { databaseUrl: process.env.TEST_DATABASE_URL, schema: s.schema }),
    });
    try {
      const rs: Res[] = [];
      for (let i = 0; i < 20; i++) rs.push(await login(i % 2 ? second : s, '127.0.0.7', 'erin', wrongKey()));
      expect(rs.map((r) => r.status)).toEqual([...Array(10).fill(401), ...Array(10).fill(429)]);
    } finally {
      await second.close();
    }
  });

  describe('no lock-out of the owner', () => {
    it('10 wrong guesses for alice from one address stop that address only: alice signs in from another', async () => {
      const alice = await enrolled('alice');
      for (let i = 0; i < 10; i++)
        expectProblem(await login(s, '127.0.0.8', 'alice', wrongKey()), 401, 'invalid_credentials');
      const key = await rightKey(s, alice);
      expectProblem(await login(s, '127.0.0.8', 'alice', key), 429, 'too_many_attempts');
      expect((await login(s, '127.0.0.9', 'alice', key)).status).toBe(200);
    });

    it('an address trying many usernames is slowed by growing delays', async () => {
      const t = await startTestServer(dialect, limits({ perAddress: 5 }));
      try {
        for (let i = 0; i < 5; i++)
          expectProblem(await login(t, '127.0.0.10', `stranger-${i}`, wrongKey()), 401, 'invalid_credentials');
        const first = await login(t, '127.0.0.10', 'stranger-x', wrongKey());
        expectProblem(first, 429, 'too_many_attempts');
        const wait1 = Number(first.headers.get('retry-after'));
        expect(wait1).toBeGreaterThanOrEqual(1);
        // another address is not slowed
        expectProblem(await login(t, '127.0.0.11', 'stranger-x', wrongKey()), 401, 'invalid_credentials');
        await sleep(wait1 * 1000 + 100);
        expectProblem(await login(t, '127.0.0.10', 'stranger-y', wrongKey()), 401, 'invalid_credentials');
        const second = await login(t, '127.0.0.10', 'stranger-z', wrongKey());
        expectProblem(second, 429, 'too_many_attempts');
        expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(wait1);
      } finally {
        await t.close();
      }
    });

    it('one username guessed from many addresses meets a ceiling with growing delays, never a hard lock', async () => {
      // The first delay is long enough that a busy machine cannot outlast it while the five guesses are made.
      const t = await startTestServer(dialect, limits({ perUsername: 5, firstDelayMs: 5000, maxDelayMs: 8000 }));
      try {
        const { code } = await invite(t.services, {
          username: 'gina',
          name: 'Gina Example',
          email: 'gina@example.com',
        });
        const gina = await new VaultClient(t.url, 'gina').enroll(code);
        for (let i = 0; i < 5; i++)
          expectProblem(await login(t, `127.0.1.${i + 1}`, 'gina', wrongKey()), 401, 'invalid_credentials');
        const slowed = await login(t, '127.0.1.50', 'gina', wrongKey());
        expectProblem(slowed, 429, 'too_many_attempts');
        const wait = Number(slowed.headers.get('retry-after'));
        expect(wait).toBeGreaterThanOrEqual(1);
        expect(wait).toBeLessThanOrEqual(8);
        // once the delay has passed, gina's right password goes through
        await sleep(wait * 1000 + 100);
        expect((await login(t, '127.0.1.60', 'gina', await rightKey(t, gina))).status).toBe(200);
      } finally {
        await t.close();
      }
    });
  });

  describe('behind a reverse proxy (TRUST_PROXY)', () => {
    it('off by default: X-Forwarded-For from any peer is ignored, so a made-up header buys no fresh budget', async () => {
      await enrolled('hank');
      for (let i = 0; i < 10; i++)
        expectProblem(
          await login(s, '127.0.0.12', 'hank', wrongKey(), { 'x-forwarded-for': `198.51.100.${i}` }),
          401,
          'invalid_credentials',
        );
      expectProblem(
        await login(s, '127.0.0.12', 'hank', wrongKey(), { 'x-forwarded-for': '198.51.100.99' }),
        429,
        'too_many_attempts',
      );
    });

    it('a trusted proxy tells clients apart; an untrusted peer with a spoofed header is still itself', async () => {
      const t = await startTestServer(dialect, { trustProxy: ['127.0.2.0/24'] });
      try {
        const { code } = await invite(t.services, { username: 'ivy', name: 'Ivy Example', email: 'ivy@example.com' });
        const ivy = await new VaultClient(t.url, 'ivy').enroll(code);
        const viaProxy = (client: string, key: string) =>
          login(t, '127.0.2.1', 'ivy', key, { 'x-forwarded-for': `${client}, 127.0.2.9` });
        for (let i = 0; i < 10; i++)
          expectProblem(await viaProxy('203.0.113.5', wrongKey()), 401, 'invalid_credentials');
        const key = await rightKey(t, ivy);
        expectProblem(await viaProxy('203.0.113.5', key), 429, 'too_many_attempts');
        expect((await viaProxy('203.0.113.6', key)).status).toBe(200);

        for (let i = 0; i < 10; i++)
          expectProblem(
            await login(t, '127.0.3.1', 'ivy', wrongKey(), { 'x-forwarded-for': `203.0.113.${100 + i}` }),
            401,
            'invalid_credentials',
          );
        expectProblem(
          await login(t, '127.0.3.1', 'ivy', key, { 'x-forwarded-for': '203.0.113.7' }),
          429,
          'too_many_attempts',
        );

        const events = await exportAudit(t);
        const failedFrom = new Set(
          events.filter((e) => e.action === 'auth.sign_in_failed').map((e) => e.details.address),
        );
        expect([...failedFrom].sort()).toEqual(['127.0.3.1', '203.0.113.5']);
      } finally {
        await t.close();
      }
    }, 180_000);
  });

  it('failed sign-ins and slow-downs are in the audit export, without any key', async () => {
    const events = await exportAudit(s);
    const failed = events.filter((e) => e.action === 'auth.sign_in_failed');
    expect(
      failed.some((e) => e.objectId === 'alice' && e.details.address === '127.0.0.8' && e.details.via === 'login'),
    ).toBe(true);
    expect(failed.some((e) => e.objectId === 'carol' && e.details.via === 'enroll')).toBe(true);
    expect(failed.some((e) => e.objectId === 'dan' && e.details.via === 'password_change')).toBe(true);
    const slowed = events.filter((e) => e.action === 'auth.slowed');
    expect(slowed.filter((e) => e.objectId === 'bob' && e.details.budget === 'address_and_user')).toHaveLength(1); // once per window, not 190 times
    expect(slowed.some((e) => e.objectId === 'alice' && e.details.address === '127.0.0.8')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/authKey|currentAuthKey/);
  }, 180_000);
});
