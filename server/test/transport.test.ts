import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server';
import { invite } from '../src/services/accounts';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { rawRequest } from './support/raw-request';

/** A self-signed certificate for 127.0.0.1, made for this run with the openssl command-line tool. */
function selfSigned(dir: string) {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=vault.test',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** GET over TLS, trusting only the given certificate (so the server's own certificate is really checked). */
function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string; protocol: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          protocol: (res.socket as { getProtocol?: () => string }).getProtocol?.() ?? '',
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe.each(dialects)('transport on %s', (dialect) => {
  describe('HTTPS served by the server itself (TLS_CERT_FILE, TLS_KEY_FILE)', () => {
    let dir: string;
    let s: TestServer;
    let ca: Buffer;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'vaultshare-tls-'));
      const { cert, key } = selfSigned(dir);
      ca = readFileSync(cert);
      s = await startTestServer(dialect, { tlsCertFile: cert, tlsKeyFile: key });
    });
    afterAll(async () => {
      await s?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers over TLS with its certificate, and not in clear', async () => {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await httpsGet(`${s.url}/v1/openapi.json`, ca);
      expect(res.status).toBe(200);
      expect(res.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(JSON.parse(res.body)).toMatchObject({ openapi: '3.1.0' });
      await expect(fetch(s.url.replace('https:', 'http:') + '/healthz')).rejects.toThrow();
    });
  });

  describe('PUBLIC_URL', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer(dialect, { publicUrl: 'https://vault.example.com' });
    });
    afterAll(() => s?.close());

    it('is the address the OpenAPI document advertises, whatever Host the request names', async () => {
      for (const host of [new URL(s.url).host, 'evil.example', 'vault.example.com:8443']) {
        const res = await rawRequest(`${s.url}/v1/openapi.json`, { method: 'GET', headers: { host } });
        expect(res.status).toBe(200);
        expect((res.body as { servers: unknown }).servers).toEqual([{ url: 'https://vault.example.com' }]);
      }
    });
  });
});

describe('SQLite files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vaultshare-mode-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the database, -wal and -shm are created readable and writable by their owner only', async () => {
    const sqlitePath = join(dir, 'fresh', 'vault.db');
    const s = await startServer({ sqlitePath, port: 0, quiet: true, databaseUrl: undefined });
    try {
      await invite(s.services, { username: 'mona', name: 'Mona Mode', email: 'mona@example.com' });
      expect([mode(sqlitePath), mode(`${sqlitePath}-wal`), mode(`${sqlitePath}-shm`)]).toEqual([0o600, 0o600, 0o600]);
      expect(mode(join(dir, 'fresh'))).toBe(0o700);
    } finally {
      await s.close();
    }
  });

  it('an existing database readable by others is tightened at start', async () => {
    const sqlitePath = join(dir, 'old.db');
    writeFileSync(sqlitePath, '');
    chmodSync(sqlitePath, 0o644);
    const s = await startServer({ sqlitePath, port: 0, quiet: true, databaseUrl: undefined });
    await s.close();
    expect(mode(sqlitePath)).toBe(0o600);
  });
});
