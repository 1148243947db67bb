import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { routes, type Me, type RevealResponse } from '../../utils/contract';
import { changePassword, deriveKeys } from '../../utils/crypto';
import { invite } from '../src/services/accounts';
import { VaultClient } from './support/client';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { expectProblem } from './support/problems';

type OpenApi = {
  openapi: string;
  info: { title: string };
  servers?: { url: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security?: unknown;
        requestBody?: unknown;
        parameters: { name: string; in: string }[];
        responses: Record<string, unknown>;
      }
    >
  >;
};

/**
 * The HTTP shell around the API: the published OpenAPI document, CORS for extension origins only,
 * security headers, unknown routes, and log lines that never carry a secret.
 */
describe.each(dialects)('HTTP on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  const spies: MockInstance[] = [];
  beforeAll(async () => {
    // every line the server writes is captured from the start (it logs one line per request to stdout)
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const)
      spies.push(vi.spyOn(console, m).mockImplementation(() => {}));
    spies.push(vi.spyOn(process.stdout, 'write').mockImplementation(() => true) as unknown as MockInstance);
    s = await startTestServer(dialect, { quiet: false, corsOrigins: ['https://admin.example.com'] });
    org = await buildOrg(s);
  });
  afterAll(async () => {
    await s?.close();
    for (const spy of spies) spy.mockRestore();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(s.url + path, { headers });
  /** What the server wrote to stdout, line by line. */
  const writes = () =>
    (spies.at(-1)!.mock.calls as unknown[][]).flatMap((args) => String(args[0]).split('\n').filter(Boolean));

  describe('GET /v1/openapi.json', () => {
    it('is OpenAPI 3.1.0 and describes every route of the contract, and nothing else', async () => {
      const res = await get('/v1/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await res.json()) as OpenApi;
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title).toEqual(expect.any(String));
      // No PUBLIC_URL configured: no `servers`, which means "the address you fetched this from".
      expect(doc.servers).toBeUndefined();
      const published = Object.entries(doc.paths)
        .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
        .sort();
      const expected = Object.values(routes)
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
        .concat(['get /healthz', 'get /readyz'])
        .sort();
      expect(published).toEqual(expected);
      expect(expected.length).toBe(Object.keys(routes).length + 2);
      expect(Object.keys(doc.paths['/readyz']!.get!.responses)).toEqual(['200', '503']);
      for (const probe of ['/healthz', '/readyz']) expect((await get(probe)).status).toBe(200);
      for (const [name, r] of Object.entries(routes)) {
        const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]![r.method]!;
        expect(op.operationId).toBe(name);
        expect(!!op.security, name).toBe(r.auth);
        expect(!!op.requestBody, name).toBe('body' in r);
        for (const param of r.path.match(/:(\w+)/g) ?? [])
          expect(op.parameters).toContainEqual(expect.objectContaining({ name: param.slice(1), in: 'path' }));
      }
    });

    it('describes the paged list of links: its cursor and limit, and the next page in the answer', async () => {
      const doc = (await (await get('/v1/openapi.json')).json()) as OpenApi;
      const op = doc.paths['/v1/links']!.get! as unknown as {
        parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
        responses: Record<string, { content: { 'application/json': { schema: { properties: object } } } }>;
      };
      expect(op.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
        ['secretId', 'query', false],
        ['cursor', 'query', false],
        ['limit', 'query', false],
      ]);
      expect(op.parameters[2]!.schema).toMatchObject({ minimum: 1, maximum: 100, default: 50 });
      expect(op.parameters[1]!.schema).toMatchObject({ type: 'string', pattern: expect.any(String) });
      expect(Object.keys(op.responses['200']!.content['application/json'].schema.properties)).toEqual([
        'links',
        'next',
      ]);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(s.url + '/v1/secrets', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization,content-type',
        },
      });

    it.each([
      'chrome-extension://abcdefghijklmnop',
      'moz-extension://6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      'https://admin.example.com',
    ])('allows %s', async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const actual = await get('/v1/secrets', { origin, authorization: `Bearer ${org.alice.token}` });
      expect(actual.status).toBe(200);
      expect(actual.headers.get('access-control-allow-origin')).toBe(origin);
    });

    it.each([
      'https://evil.example',
      'chrome-extension://abcdefghijklmnop.evil.example',
      'http://admin.example.com',
      'null',
      'https://admin.example.com.evil.example',
    ])('refuses %s', async (origin) => {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await get('/v1/secrets', { origin, authorization: `Bearer ${org.alice.token}` });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('headers and unknown routes', () => {
    it.each([
      ['a JSON answer', () => get('/v1/openapi.json')],
      ['a refusal', () => get('/v1/me')],
      ['an unknown route', () => get('/v1/nothing-here')],
      ['an authenticated answer', () => get('/v1/secrets', { authorization: `Bearer ${org.alice.token}` })],
    ])('security headers on %s', async (_, send) => {
      const res = await send();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-frame-options')).toEqual(expect.any(String));
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    });

    it('an unknown route → 404 problem json', async () => {
      for (const path of ['/v1/nothing-here', '/v1/secretsx', '/v2/secrets', '/']) {
        const res = await get(path);
        expectProblem({ status: res.status, headers: res.headers, body: await res.json() }, 404, 'not_found');
      }
    });
  });

  describe('log lines', () => {
    it('carry no token, auth key, password, enrollment code, client secret or its ciphertext', async () => {
      const logged = () =>
        spies.flatMap((spy) =>
          spy.mock.calls.flatMap((args) =>
            args
              .map((a) =>
                typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a),
              )
              .join(' ')
              .split('\n')
              .filter(Boolean),
          ),
        );
      const before = logged().length;

      const marker = `MARKER-${randomUUID()}`;
      const { code } = await invite(s.services, { username: 'logan', name: 'Logan Logs', email: 'logan@example.com' });
      const logan = await new VaultClient(s.url, 'logan', 'logan-first-password').enroll(code.toLowerCase());
      const signedIn = await new VaultClient(s.url, 'logan', 'logan-first-password').signIn();
      const me = (await logan.call<Me>('GET', '/v1/me')).body;
      const firstAuthKey = (await deriveKeys('logan-first-password', me.kdf)).authKey;
      await logan.call('POST', '/v1/auth/login', {
        username: 'logan',
        authKey: (await deriveKeys('a-wrong-password', me.kdf)).authKey,
      });

      const secret = await logan.createSecret({ name: 'Logged secret', clientSecret: marker });
      await logan.share(secret.id, [org.bob.me()]);
      const reveal = (await org.bob.call<RevealResponse>('POST', `/v1/secrets/${secret.id}/reveal`)).body;
      expect(await org.bob.reveal(secret.id)).toBe(marker);
      await logan.editValue(secret.id, `${marker}-2`);
      await logan.call('POST', '/v1/secrets', `{"clientSecret": "${marker}", broken`, {
        'content-type': 'application/json',
      });
      await logan.call('GET', `/v1/directory/search?q=${encodeURIComponent('findme-query-text')}`);
      await logan.call('GET', '/v1/me', undefined, { authorization: `Bearer ${'T'.repeat(43)}` });

      const change = await changePassword(
        'logan-first-password',
        me.kdf,
        'logan-second-password',
        logan.userId,
        me.encryptedPrivateKey,
        1000,
        me.encryptedSigningKey,
      );
      expect((await logan.call('POST', '/v1/auth/password', change)).status).toBe(200);
      expect((await logan.call('POST', '/v1/auth/logout')).status).toBe(200);

      const lines = logged().slice(before);
      // the control: the requests above were logged, one line each, with method, route and status
      const parsed = lines.map((l): { method?: string; route?: string; status?: number } => {
        try {
          return JSON.parse(l);
        } catch {
          return {};
        }
      });
      expect(parsed).toContainEqual(
        expect.objectContaining({ method: 'POST', route: '/v1/secrets/:id/reveal', status: 200 }),
      );
      expect(parsed).toContainEqual(expect.objectContaining({ method: 'POST', route: '/v1/auth/login', status: 401 }));
      expect(parsed.filter((l) => l.route === '/v1/auth/enroll')).toHaveLength(1);

      const forbidden = {
        tokens: [logan.token!, signedIn.token!, org.alice.token!, org.bob.token!, 'T'.repeat(43)],
        authKeys: [firstAuthKey, change.authKey, change.currentAuthKey],
        passwords: ['logan-first-password', 'logan-second-password', 'a-wrong-password', 'alice-password'],
        codes: [code, code.toLowerCase(), code.replace(/-/g, '')],
        secret: [marker, reveal.value.ct, reveal.value.iv, change.encryptedPrivateKey.ct, me.encryptedPrivateKey.ct],
        query: ['findme-query-text'],
      };
      for (const [kind, values] of Object.entries(forbidden))
        for (const v of values)
          for (const line of lines) expect(line.includes(v), `a log line holds a ${kind}: ${line}`).toBe(false);
    });

    it('are one JSON object per request: time, request id, method, route pattern, status, duration, user and client address', async () => {
      const before = writes().length;
      const res = await get(`/v1/secrets/${randomUUID()}`, {
        authorization: `Bearer ${org.alice.token}`,
        'x-request-id': 'trace-4711',
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-request-id')).toBe('trace-4711');
      const anonymous = await get('/v1/me');
      const lines = writes()
        .slice(before)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        level: 'info',
        msg: 'request',
        requestId: 'trace-4711',
        method: 'GET',
        route: '/v1/secrets/:id',
        status: 404,
        ms: expect.any(Number),
        userId: org.alice.userId,
        client: '127.0.0.1',
      });
      const signedOut = lines.find((l) => l.requestId === anonymous.headers.get('x-request-id'));
      expect(signedOut).toMatchObject({ route: '/v1/me', status: 401, client: '127.0.0.1' });
      expect(signedOut).not.toHaveProperty('userId');
    });
  });
});
