import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MIN_NODE, nodeVersionProblem } from '../src/node-version';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');

// Makes this Node report an old version before the entry point loads, as Node 20 would.
const pretendNode20 = `data:text/javascript,Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.20.2' } });`;

async function startOnNode20(entry: string, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'vault-old-node-'));
  const dbPath = join(dir, 'vault.db');
  const r = await run(process.execPath, ['--import', pretendNode20, '--import', 'tsx', entry, ...args], {
    cwd: root,
    env: { ...process.env, VAULT_DB_PATH: dbPath, PORT: '0' },
    // A server that wrongly starts would listen forever: stop it so the assertions below report it.
    timeout: 90_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  return { ...r, dbCreated: existsSync(dbPath) };
}

describe('the Node.js version check', () => {
  it.each([
    ['20.20.2', false],
    ['v20.19.0', false],
    ['22.11.0', false],
    ['22.12.0', true],
    ['22.23.5', true],
    ['24.22.3', true],
    ['26.0.0', true],
  ])('Node %s is accepted: %s', (version, ok) => {
    expect(nodeVersionProblem(version) === undefined).toBe(ok);
  });

  it('names the version it needs, the one it found and how to check', () => {
    expect(nodeVersionProblem('20.20.2')).toBe(
      'Vaultshare needs Node.js 22.12 or later (Node 24 LTS recommended); this is Node 20.20.2. Check with `node --version`. ' +
        'From the repository, `. scripts/node-env.sh` puts Node 24 on the PATH.',
    );
  });

  it("agrees with package.json's engines", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${MIN_NODE.major}.${MIN_NODE.minor}`);
  });

  it.each([
    ['the server', 'server/src/main.ts', []],
    ['the administration command', 'server/src/cli/main.ts', ['users']],
  ])(
    '%s started on Node 20 exits with that sentence before opening the database',
    async (_name, entry, args) => {
      const r = await startOnNode20(entry, args);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(nodeVersionProblem('20.20.2'));
      expect(r.dbCreated).toBe(false);
    },
    120_000,
  );
});
