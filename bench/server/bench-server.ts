import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startServer, type RunningServer } from '../../server/src/server';
import { invite } from '../../server/src/services/accounts';
import { VaultClient } from '../../server/test/support/client';

/** A real vault server on a fresh SQLite file in a temporary folder (low PBKDF2 count: the bench measures the API). */
export async function benchServer(opts: { kdfIterations?: number } = {}): Promise<RunningServer & { dir: string; sqlitePath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vaultshare-bench-'));
  const sqlitePath = join(dir, 'vault.db');
  const s = await startServer({ port: 0, host: '127.0.0.1', quiet: true, kdfIterations: opts.kdfIterations ?? 1000, sqlitePath, databaseUrl: undefined });
  return { ...s, dir, sqlitePath, close: async () => { await s.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Invites and enrolls a user through the real API, returning a signed-in VEP/1 client. */
export async function benchUser(s: RunningServer, username: string, name = username): Promise<VaultClient> {
  const { code } = await invite(s.services, { username, name, email: `${username}@bench.example` });
  return new VaultClient(s.url, username).enroll(code);
}

/** The server's own time for a request, from its Server-Timing header. */
export function serverTime(headers: Headers): number {
  const m = headers.get('server-timing')?.match(/dur=([\d.]+)/);
  if (!m) throw new Error('The server sent no Server-Timing header');
  return Number(m[1]);
}

/**
 * A GET as the extension makes it (gzip accepted): the bytes that cross the wire, the JSON they unpack to,
 * and the server's own time. Node's fetch unpacks silently, so this counts on the raw socket.
 */
export function wireGet(base: string, path: string, token: string): Promise<{ wire: number; body: unknown; server: number }> {
  return new Promise((done, fail) => {
    const req = request(new URL(path, base), { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', fail);
      res.on('end', () => {
        const raw = Buffer.concat(parts);
        if (res.statusCode !== 200) return fail(new Error(`GET ${path} → ${res.statusCode}`));
        const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
        const timing = new Headers({ 'server-timing': String(res.headers['server-timing'] ?? '') });
        done({ wire: raw.length, body: JSON.parse(text), server: serverTime(timing) });
      });
    });
    req.on('error', fail);
    req.end();
  });
}
