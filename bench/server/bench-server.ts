import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/src/server';
import { invite } from '../../server/src/services/accounts';
import { VaultClient } from '../../server/test/support/client';

/** A real vault server on a fresh SQLite file in a temporary folder (low PBKDF2 count: the bench measures the API). */
export async function benchServer(opts: { kdfIterations?: number } = {}): Promise<RunningServer & { dir: string; sqlitePath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vaultshare-bench-'));
  const sqlitePath = join(dir, 'vault.db');
  const s = await startServer({ port: 0, host: '127.0.0.1', quiet: true, kdfIterations: opts.kdfIterations ?? 1000, minKdfIterations: 1000, sqlitePath, databaseUrl: undefined });
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
