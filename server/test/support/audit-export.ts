import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestServer } from './harness';

/** The audit log as an administrator exports it: `npm run vault -- audit export`, run as its own process. */
export async function exportAudit(
  s: TestServer,
): Promise<{ action: string; objectId: string; details: Record<string, unknown> }[]> {
  const env = {
    ...process.env,
    VAULT_QUIET: '1',
    ...(s.dialect === 'sqlite'
      ? { VAULT_DB_PATH: s.sqlitePath }
      : { DATABASE_URL: process.env.TEST_DATABASE_URL, DATABASE_SCHEMA: s.schema }),
  };
  const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['server/src/cli/main.ts', 'audit', 'export'], {
    env,
  });
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}
