import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/src/server';
import { seedDemo } from '../../server/src/demo';
import type { Config } from '../../server/src/config';

export type RunningVault = {
  url: string;
  users: { username: string; password: string; name: string }[];
  /** The SQLite file, to check what the server stores (never a client secret in clear). */
  sqlitePath: string;
  stop(): Promise<void>;
  cleanup(): Promise<void>;
};

/**
 * A real vault server on a random port with the demo organisation, on its own SQLite file. `stop` shuts
 * the server down (to test offline behaviour); `cleanup` also removes its data. `prepare` adds to the
 * demo before the server starts; `config` sets server options (the mail outbox, for example).
 */
export async function startDemoVault(
  opts: { prepare?: (sqlitePath: string) => Promise<void>; config?: Partial<Config> } = {},
): Promise<RunningVault> {
  const dir = mkdtempSync(join(tmpdir(), 'vaultshare-vault-'));
  const sqlitePath = join(dir, 'vault.db');
  const { users } = await seedDemo({ sqlitePath });
  // Extra data a test needs (more people, for example), written before the server opens the file.
  await opts.prepare?.(sqlitePath);
  const server = await startServer({ ...opts.config, sqlitePath, port: 0, quiet: true });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    url: server.url,
    users,
    sqlitePath,
    stop,
    async cleanup() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
