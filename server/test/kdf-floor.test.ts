import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../utils/contract';
import { changePassword, enroll } from '../../utils/crypto';
import { invite } from '../src/services/accounts';
import { VaultClient } from './support/client';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { expectRefused } from './support/problems';

type Kdf = { salt: string; iterations: number };

/**
 * The server's own floor on PBKDF2 iterations (other clients than ours exist), and prelogin answers for
 * unknown usernames that stay indistinguishable from real ones when the default count is raised.
 */
describe.each(dialects)('PBKDF2 floor on %s', (dialect) => {
  describe('with the production floor (600,000)', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer(dialect, { kdfIterations: 600_000, minKdfIterations: 600_000 });
    });
    afterAll(() => s?.close());

    it('refuses an enrollment derived with fewer iterations (400 kdf_too_weak on kdf.iterations, still pending), accepts 600,000', async () => {
      const zoe = await invite(s.services, { username: 'zoe', name: 'Zoe Example', email: 'zoe@example.com' });
      const weak = await enroll('zoe-password', zoe.id, 1000);
      const body = {
        username: 'zoe',
        code: zoe.code,
        kdf: weak.kdf,
        authKey: weak.authKey,
        publicKey: weak.publicKey,
        encryptedPrivateKey: weak.encryptedPrivateKey,
      };
      const p = await expectRefused(s, 400, 'kdf_too_weak', () =>
        new VaultClient(s.url, 'zoe').call('POST', '/v1/auth/enroll', body),
      );
      expect(p.errors).toEqual([{ path: 'kdf.iterations', message: 'must be at least 600000' }]);
      expect(p.detail).toContain('600000');
      // the same code then enrolls with the server's own count
      const zoeClient = await new VaultClient(s.url, 'zoe', 'zoe-password').enroll(zoe.code);
      expect((await zoeClient.call<Me>('GET', '/v1/me')).body.kdf.iterations).toBe(600_000);
    });

    it('refuses a password change to fewer iterations, and changes nothing', async () => {
      const yan = await invite(s.services, { username: 'yan', name: 'Yan Example', email: 'yan@example.com' });
      const client = await new VaultClient(s.url, 'yan', 'yan-password').enroll(yan.code);
      const me = (await client.call<Me>('GET', '/v1/me')).body;
      const change = await changePassword(
        'yan-password',
        me.kdf,
        'yan-new-password',
        client.userId,
        me.encryptedPrivateKey,
        1000,
      );
      const p = await expectRefused(s, 400, 'kdf_too_weak', () => client.call('POST', '/v1/auth/password', change));
      expect(p.errors?.map((e) => e.path)).toEqual(['kdf.iterations']);
    });
  });

  describe('when the default count is raised', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer(dialect);
    });
    afterAll(() => s?.close());

    it('unknown usernames answer a count that real accounts have, the same each time', async () => {
      for (const name of ['ana', 'ben', 'cy']) {
        const { code } = await invite(s.services, {
          username: name,
          name: `${name} Example`,
          email: `${name}@example.com`,
        });
        await new VaultClient(s.url, name, `${name}-password`).enroll(code);
      }
      const enrolledWith = s.services.config.kdfIterations;
      // The operator raises VAULT_KDF_ITERATIONS: accounts keep the count they enrolled with until a password change.
      s.services.config.kdfIterations = enrolledWith * 4;
      try {
        const anon = new VaultClient(s.url, 'anonymous');
        const real = await anon.call<Kdf>('POST', '/v1/auth/prelogin', { username: 'ben' });
        expect(real.body.iterations).toBe(enrolledWith);
        for (const name of ['ghost-one', 'ghost-two', 'nobody', 'someone-else', 'admin', 'root']) {
          const decoy = await anon.call<Kdf>('POST', '/v1/auth/prelogin', { username: name });
          expect(decoy.body.iterations, name).toBe(enrolledWith);
          expect((await anon.call<Kdf>('POST', '/v1/auth/prelogin', { username: name })).body).toEqual(decoy.body);
        }
      } finally {
        s.services.config.kdfIterations = enrolledWith;
      }
    });
  });
});
