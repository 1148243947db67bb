import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../utils/contract';
import { changePassword, deriveKeys, enroll } from '../../utils/crypto';
import { invite } from '../src/services/accounts';
import { VaultClient, type Res } from './support/client';
import { dialects, snapshot, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { expectProblem, expectRefused } from './support/problems';

type Kdf = { salt: string; iterations: number };
const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Accounts: prelogin that does not tell who exists, login and its rate limit, enrollment codes, password
 * change, sessions, and what the database keeps (slow hashes, never a raw auth key or code).
 * Every failed sign-in here also counts against 127.0.0.1's allowance (50 per window), so the test that
 * uses that allowance up comes last.
 */
describe.each(dialects)('accounts on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
  });
  afterAll(() => s?.close());

  const anon = () => new VaultClient(s.url, 'anonymous');
  const prelogin = (username: string) => anon().call<Kdf>('POST', '/v1/auth/prelogin', { username });
  /** Signs in as a client would: prelogin, derive the auth key from the password, send it. */
  async function login(username: string, password: string): Promise<Res<{ token: string; user: Me }>> {
    const kdf = await prelogin(username);
    expect(kdf.status).toBe(200);
    const { authKey } = await deriveKeys(password, kdf.body);
    return anon().call('POST', '/v1/auth/login', { username, authKey });
  }
  const enrolled = async (username: string, password = `${username}-password`) => {
    const { code } = await invite(s.services, {
      username,
      name: `${username} Example`,
      email: `${username}@example.com`,
    });
    return new VaultClient(s.url, username, password).enroll(code);
  };

  describe('prelogin', () => {
    it('answers an unknown and a pending username alike: same shape, default iterations, stable, per-username salts', async () => {
      await invite(s.services, { username: 'henry', name: 'Henry Pending', email: 'henry@example.com' });
      const unknown = await prelogin('nobody-here');
      const pending = await prelogin('henry');
      const real = await prelogin('alice');
      for (const r of [unknown, pending, real]) {
        expect(r.status).toBe(200);
        expect(Object.keys(r.body).sort()).toEqual(['iterations', 'salt']);
        expect(r.body.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(r.body.iterations).toBe(s.services.config.kdfIterations);
      }
      expect((await prelogin('nobody-here')).body).toEqual(unknown.body);
      expect((await prelogin('henry')).body).toEqual(pending.body);
      expect((await prelogin('  Nobody-Here ')).body).toEqual(unknown.body); // usernames are case-insensitive
      const salts = new Set([
        unknown.body.salt,
        pending.body.salt,
        real.body.salt,
        (await prelogin('nobody-else')).body.salt,
      ]);
      expect(salts.size).toBe(4);
      // an enrolled user's answer is their real salt
      expect(real.body.salt).toBe((await org.alice.call<Me>('GET', '/v1/me')).body.kdf.salt);
    });

    it('refuses a malformed username with 400, the same way for everyone', async () => {
      const p = await expectRefused(s, 400, 'invalid_request', () => prelogin('a'));
      expect(p.errors?.map((e) => e.path)).toEqual(['username']);
    });
  });

  describe('login', () => {
    it('a wrong password → 401 invalid_credentials; an unknown or pending user gets exactly the same answer', async () => {
      const wrong = await expectRefused(s, 401, 'invalid_credentials', () => login('alice', 'not-her-password'));
      const unknown = await expectRefused(s, 401, 'invalid_credentials', () =>
        login('nobody-here', 'whatever-password'),
      );
      const pending = await expectRefused(s, 401, 'invalid_credentials', () => login('henry', 'henry-password'));
      expect(unknown).toEqual(wrong);
      expect(pending).toEqual(wrong);
      const ok = await login('alice', 'alice-password');
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject({ username: 'alice', publicKey: org.alice.publicKey });
    });

    it('after 10 failures for one username → 429 too_many_attempts with Retry-After, even with the right password', async () => {
      const ivan = await enrolled('ivan');
      for (let i = 0; i < 10; i++) {
        const r = await login(i % 2 ? 'IVAN' : 'ivan', `guess-${i}`);
        expectProblem(r, 401, 'invalid_credentials');
      }
      const blocked = await expectRefused(s, 429, 'too_many_attempts', () => login('ivan', ivan.password));
      expect(blocked.detail).toMatch(/minutes/);
      const r = await login('ivan', ivan.password);
      const retryAfter = Number(r.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60).toBe(true);
      // the limit is per username: others still sign in
      expect((await login('bob', 'bob-password')).status).toBe(200);
    });
  });

  describe('enrollment', () => {
    it('a wrong code, or a code for another username → 401 invalid_enrollment_code, nothing changed', async () => {
      const jane = await invite(s.services, { username: 'jane', name: 'Jane Example', email: 'jane@example.com' });
      const kate = await invite(s.services, { username: 'kate', name: 'Kate Example', email: 'kate@example.com' });
      expect(jane.code).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){4}$/);
      await expectRefused(s, 401, 'invalid_enrollment_code', () =>
        anon().call('POST', '/v1/auth/enroll/start', { username: 'jane', code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' }),
      );
      await expectRefused(s, 401, 'invalid_enrollment_code', () =>
        anon().call('POST', '/v1/auth/enroll/start', { username: 'jane', code: kate.code }),
      );
      const keys = await enroll('jane-password', jane.id, 1000);
      const body = {
        username: 'jane',
        code: kate.code,
        kdf: keys.kdf,
        authKey: keys.authKey,
        publicKey: keys.publicKey,
        encryptedPrivateKey: keys.encryptedPrivateKey,
      };
      await expectRefused(s, 401, 'invalid_enrollment_code', () => anon().call('POST', '/v1/auth/enroll', body));
      const row = await s.store.db
        .selectFrom('users')
        .select(['status', 'auth_hash'])
        .where('id', '=', jane.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'pending', auth_hash: null });
    });

    it('a code typed lower-case and without dashes works; it cannot be used again', async () => {
      const { code } = await invite(s.services, { username: 'nina', name: 'Nina Example', email: 'nina@example.com' });
      const typed = code.toLowerCase().replace(/-/g, '');
      const nina = await new VaultClient(s.url, 'nina').enroll(typed);
      expect((await nina.call<Me>('GET', '/v1/me')).body).toMatchObject({
        username: 'nina',
        publicKey: nina.publicKey,
      });
      expect((await login('nina', 'nina-password')).status).toBe(200);

      const again = await enroll('evil-password', nina.userId, 1000);
      for (const c of [code, typed]) {
        await expectRefused(s, 401, 'invalid_enrollment_code', () =>
          anon().call('POST', '/v1/auth/enroll/start', { username: 'nina', code: c }),
        );
        await expectRefused(s, 401, 'invalid_enrollment_code', () =>
          anon().call('POST', '/v1/auth/enroll', {
            username: 'nina',
            code: c,
            kdf: again.kdf,
            authKey: again.authKey,
            publicKey: again.publicKey,
            encryptedPrivateKey: again.encryptedPrivateKey,
          }),
        );
      }
      expect((await login('nina', 'nina-password')).status).toBe(200);
      expect((await login('nina', 'evil-password')).status).toBe(401);
    });

    it('an expired code → 410 enrollment_code_expired (told only to someone holding the right code)', async () => {
      const olga = await invite(s.services, { username: 'olga', name: 'Olga Example', email: 'olga@example.com' });
      await s.store.db
        .updateTable('users')
        .set({ enroll_expires_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', olga.id)
        .execute();
      await expectRefused(s, 410, 'enrollment_code_expired', () =>
        anon().call('POST', '/v1/auth/enroll/start', { username: 'olga', code: olga.code }),
      );
      const keys = await enroll('olga-password', olga.id, 1000);
      await expectRefused(s, 410, 'enrollment_code_expired', () =>
        anon().call('POST', '/v1/auth/enroll', {
          username: 'olga',
          code: olga.code,
          kdf: keys.kdf,
          authKey: keys.authKey,
          publicKey: keys.publicKey,
          encryptedPrivateKey: keys.encryptedPrivateKey,
        }),
      );
      await expectRefused(s, 401, 'invalid_enrollment_code', () =>
        anon().call('POST', '/v1/auth/enroll/start', { username: 'olga', code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' }),
      );
    });

    it('a public key that is not a P-256 key → 400 invalid_public_key, the user still pending', async () => {
      const pia = await invite(s.services, { username: 'pia', name: 'Pia Example', email: 'pia@example.com' });
      const keys = await enroll('pia-password', pia.id, 1000);
      await expectRefused(s, 400, 'invalid_public_key', () =>
        anon().call('POST', '/v1/auth/enroll', {
          username: 'pia',
          code: pia.code,
          kdf: keys.kdf,
          authKey: keys.authKey,
          publicKey: 'A'.repeat(120),
          encryptedPrivateKey: keys.encryptedPrivateKey,
        }),
      );
      // the code is still good afterwards
      expect((await new VaultClient(s.url, 'pia').enroll(pia.code)).userId).toBe(pia.id);
    });
  });

  describe('password change', () => {
    it('the old password stops working, the new one opens the same key pair; other sessions end, this one goes on', async () => {
      const lena = await enrolled('lena', 'lena-old-password');
      const secret = await lena.createSecret({ name: 'Lena key', clientSecret: 'lena-value' });
      const otherDevice = await new VaultClient(s.url, 'lena', 'lena-old-password').signIn();
      const me = (await lena.call<Me>('GET', '/v1/me')).body;
      const change = await changePassword(
        'lena-old-password',
        me.kdf,
        'lena-new-password',
        lena.userId,
        me.encryptedPrivateKey,
        1000,
        me.encryptedSigningKey,
      );

      // the wrong current password is refused, with nothing changed
      const wrongCurrent = (await deriveKeys('not-the-password', me.kdf)).authKey;
      await expectRefused(s, 403, 'invalid_credentials', () =>
        lena.call('POST', '/v1/auth/password', { ...change, currentAuthKey: wrongCurrent }),
      );
      expect((await otherDevice.call('GET', '/v1/me')).status).toBe(200);

      const done = await lena.call('POST', '/v1/auth/password', change);
      expect(done).toMatchObject({ status: 200, body: { ok: true } });
      expect((await lena.call<Me>('GET', '/v1/me')).body).toMatchObject({
        kdf: change.kdf,
        publicKey: me.publicKey,
        fingerprint: me.fingerprint,
      });
      expectProblem(await otherDevice.call('GET', '/v1/me'), 401, 'session_expired');

      expectProblem(await login('lena', 'lena-old-password'), 401, 'invalid_credentials');
      const fresh = await new VaultClient(s.url, 'lena', 'lena-new-password').signIn();
      expect(fresh.publicKey).toBe(me.publicKey);
      expect(await fresh.reveal(secret.id)).toBe('lena-value'); // the private key opened with the new password
    });
  });

  describe('sessions', () => {
    it('logout ends the session (401 session_expired after), and only that one', async () => {
      const second = await new VaultClient(s.url, 'bob').signIn();
      expect(await second.call('POST', '/v1/auth/logout')).toMatchObject({ status: 200, body: { ok: true } });
      expectProblem(await second.call('GET', '/v1/me'), 401, 'session_expired');
      expectProblem(await second.call('POST', '/v1/auth/logout'), 401, 'session_expired');
      expect((await org.bob.call('GET', '/v1/me')).status).toBe(200);
    });

    it('an expired session → 401 session_expired, and its row is gone', async () => {
      const second = await new VaultClient(s.url, 'carol').signIn();
      const hash = sha256Hex(second.token!);
      await s.store.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', hash)
        .execute();
      expectProblem(await second.call('GET', '/v1/secrets'), 401, 'session_expired');
      expect(
        await s.store.db.selectFrom('sessions').select('token_hash').where('token_hash', '=', hash).executeTakeFirst(),
      ).toBeUndefined();
      expect((await org.carol.call('GET', '/v1/me')).status).toBe(200);
    });

    it('no token, a malformed header, or an unknown token → 401', async () => {
      expectProblem(await anon().call('GET', '/v1/me'), 401, 'unauthenticated');
      expectProblem(
        await anon().call('GET', '/v1/me', undefined, {
          authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}`,
        }),
        401,
        'unauthenticated',
      );
      expectProblem(
        await anon().call('GET', '/v1/me', undefined, { authorization: `Bearer ${'x'.repeat(43)}` }),
        401,
        'session_expired',
      );
    });
  });

  describe('what the database keeps', () => {
    it('no raw auth key (an Argon2id hash only), no session token, no enrollment code in clear', async () => {
      const me = (await org.alice.call<Me>('GET', '/v1/me')).body;
      const { authKey } = await deriveKeys('alice-password', me.kdf);
      const row = await s.store.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', org.alice.userId)
        .executeTakeFirstOrThrow();
      expect(row.auth_hash).toMatch(/^\$argon2id\$/);
      const { code } = await invite(s.services, {
        username: 'quinn',
        name: 'Quinn Example',
        email: 'quinn@example.com',
      });
      const dump = JSON.stringify(await snapshot(s));
      expect(dump).toContain(row.auth_hash!); // the dump is what we think it is
      const forbidden = [
        authKey,
        Buffer.from(authKey, 'base64url').toString('hex'),
        Buffer.from(authKey, 'base64url').toString('base64'),
        org.alice.token!,
        org.bob.token!,
        code,
        code.replace(/-/g, ''),
        code.toLowerCase(),
      ];
      for (const f of forbidden) expect(dump.includes(f), f).toBe(false);
      const quinn = await s.store.db
        .selectFrom('users')
        .select(['enroll_code_hash', 'status'])
        .where('username', '=', 'quinn')
        .executeTakeFirstOrThrow();
      expect(quinn).toEqual({ status: 'pending', enroll_code_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(
        await s.store.db
          .selectFrom('sessions')
          .select('token_hash')
          .where('token_hash', '=', sha256Hex(org.alice.token!))
          .executeTakeFirst(),
      ).toBeDefined();
    });
  });

  // Last: it uses up 127.0.0.1's allowance of failed sign-ins for this server.
  describe('rate limit per address', () => {
    it('at most 50 failures from one address, over any usernames; then even a right password waits', async () => {
      let failures = 0;
      let blocked: Res | undefined;
      for (let i = 0; i < 60 && !blocked; i++) {
        const r = await login(`stranger-${i}`, 'guess');
        if (r.status === 429) blocked = r;
        else {
          expectProblem(r, 401, 'invalid_credentials');
          failures++;
        }
      }
      expect(blocked, 'the address was never limited').toBeDefined();
      expectProblem(blocked!, 429, 'too_many_attempts');
      expect(Number(blocked!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(failures).toBeLessThanOrEqual(50); // fewer when earlier tests in this file used some of the 50
      expect(failures).toBeGreaterThan(0);
      expectProblem(await login('alice', 'alice-password'), 429, 'too_many_attempts');
      // sessions already open are not affected
      expect((await org.alice.call('GET', '/v1/me')).status).toBe(200);
    });
  });
});
