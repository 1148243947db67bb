import { describe, expect, it } from 'vitest';
import { createVaultClient } from './client';
import { VaultError } from './errors';
import { normalizeServerUrl, serverOriginPattern } from './server-url';

const KDF = { salt: 'AAAAAAAAAAAAAAAAAAAAAA', iterations: 600000 };
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string) =>
  json(
    status,
    { type: 'about:blank', title: 'x', status, code, detail: `detail of ${code}` },
    'application/problem+json',
  );

/** A client whose fetch answers with `answer` and records each request. */
function client(
  answer: (req: Request) => Response | Promise<Response>,
  token?: string,
  serverUrl = 'https://vault.example',
) {
  const requests: Request[] = [];
  const c = createVaultClient({
    serverUrl,
    getToken: () => token,
    fetch: async (input, init) => {
      const req = new Request(input as RequestInfo, init);
      requests.push(req);
      return answer(req);
    },
  });
  return { c, requests };
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as VaultError,
  );

describe('vault client', () => {
  it('sends the normalised body and the bearer token, and returns the parsed answer', async () => {
    const { c, requests } = client(() => json(200, KDF), 'tok-1');
    expect(await c.call('prelogin', { body: { username: '  Alice ' } })).toEqual(KDF);
    const [req] = requests;
    expect(req?.url).toBe('https://vault.example/v1/auth/prelogin');
    expect(await req?.json()).toEqual({ username: 'alice' });
    expect(req?.headers.get('authorization')).toBe('Bearer tok-1');
  });

  it('fills path parameters and leaves out empty query values', async () => {
    const { c, requests } = client(() =>
      json(200, {
        cursor: '1',
        full: true,
        secrets: [],
        people: [],
        removedSecrets: [],
        groups: [],
        removedGroups: [],
        users: [],
        next: null,
      }),
    );
    await c.call('sync', { query: { since: undefined } });
    expect(requests[0]?.url).toBe('https://vault.example/v1/sync');
  });

  it('keeps the path of a server address that has one', async () => {
    const { c, requests } = client(() => json(200, KDF), undefined, 'https://example.com/vault');
    await c.call('prelogin', { body: { username: 'alice' } });
    expect(requests[0]?.url).toBe('https://example.com/vault/v1/auth/prelogin');
  });

  it('keeps the detail a problem answer gives', async () => {
    const { c } = client(() => problem(409, 'stale_revision'));
    const e = await failure(c.call('login', { body: { username: 'alice', authKey: 'A'.repeat(43) } }));
    expect(e).toMatchObject({ code: 'stale_revision', status: 409, detail: 'detail of stale_revision' });
  });

  it.each([
    [401, 'invalid_credentials', 'invalid_credentials'],
    [401, 'unauthenticated', 'session_expired'],
    [410, 'enrollment_code_expired', 'enrollment_code_expired'],
    [429, 'too_many_attempts', 'too_many_attempts'],
    [409, 'stale_revision', 'stale_revision'],
    [403, 'some_new_code', 'forbidden'],
  ])('maps a %i %s problem to %s', async (status, code, expected) => {
    const { c } = client(() => problem(status, code));
    expect((await failure(c.call('login', { body: { username: 'alice', authKey: 'A'.repeat(43) } })))?.code).toBe(
      expected,
    );
  });

  it('calls an address that answers with a web page "not a vault"', async () => {
    const { c } = client(
      () => new Response('<html>Not found</html>', { status: 404, headers: { 'content-type': 'text/html' } }),
    );
    expect((await failure(c.call('prelogin', { body: { username: 'alice' } })))?.code).toBe('not_a_vault');
  });

  it('calls a 200 answer that is not JSON "not a vault"', async () => {
    const { c } = client(() => new Response('<html>welcome</html>', { status: 200 }));
    expect((await failure(c.call('prelogin', { body: { username: 'alice' } })))?.code).toBe('not_a_vault');
  });

  it('calls a server that does not answer "unreachable"', async () => {
    const { c } = client(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await failure(c.call('prelogin', { body: { username: 'alice' } })))?.code).toBe('unreachable');
  });

  it('refuses an answer that does not match the contract', async () => {
    const { c } = client(() => json(200, { salt: 'short', iterations: 'many' }));
    expect((await failure(c.call('prelogin', { body: { username: 'alice' } })))?.code).toBe('bad_response');
  });

  it('refuses invalid input before sending anything', async () => {
    const { c, requests } = client(() => json(200, KDF));
    expect((await failure(c.call('prelogin', { body: { username: '!' } })))?.code).toBe('invalid_request');
    expect(requests).toHaveLength(0);
  });
});

describe('server address', () => {
  it.each([
    ['vault.example.com', 'https://vault.example.com'],
    ['https://vault.example.com/', 'https://vault.example.com'],
    ['localhost:8787', 'http://localhost:8787'],
    ['127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['https://example.com/vault/?x=1#y', 'https://example.com/vault'],
  ])('normalises %s to %s', (input, expected) => expect(normalizeServerUrl(input)).toBe(expected));

  it.each(['', '   ', 'ftp://vault.example', 'http://'])('refuses %j', (input) =>
    expect(() => normalizeServerUrl(input)).toThrow(VaultError),
  );

  it('asks for the host without its port, as match patterns require', () => {
    expect(serverOriginPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
  });
});
