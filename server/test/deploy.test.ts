import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { containerLaunch, systemdLaunch, type Launch } from './support/deploy-files';

const root = join(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/**
 * Starts the server exactly as the deployment file says, with the machine's paths adapted: the Node that
 * runs this test for `node`, the repository for the working directory, a temporary folder for the data
 * volume, a free port. Nothing else of this process's environment is passed on, as under systemd.
 */
async function launch(l: Launch) {
  const data = mkdtempSync(join(tmpdir(), 'vaultshare-deploy-'));
  const volume = l.volumes[0]!;
  const env = Object.fromEntries(
    Object.entries(l.env).map(([k, v]) => [k, v.startsWith(volume) ? data + v.slice(volume.length) : v]),
  );
  const port = await freePort();
  env.PORT = String(port);
  const [program, ...args] = l.command;
  expect(program).toMatch(/(^|\/)node$/);
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  stops.push(() => {
    child.kill('SIGTERM');
    rmSync(data, { recursive: true, force: true });
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => output.includes('listening on') && resolve());
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
  });
  return { base: `http://127.0.0.1:${port}`, env, output, dbFile: env.VAULT_DB_PATH! };
}

describe('deployment files', () => {
  it('the systemd unit runs the server as an unprivileged user on loopback, its data in the state directory', () => {
    const l = systemdLaunch();
    expect(l.user).toBe('vaultshare');
    expect(l.env).toMatchObject({
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      VAULT_DB_PATH: '/var/lib/vaultshare/vault.db',
    });
    expect(dirname(l.env.VAULT_DB_PATH!)).toBe(l.volumes[0]);
  });

  it("the container runs the server as the image's unprivileged user, its data in the volume", () => {
    const l = containerLaunch();
    expect(l.user).toBe('node');
    expect(dirname(l.env.VAULT_DB_PATH!)).toBe(l.volumes[0]);
  });

  it.each([
    ['the systemd unit', systemdLaunch],
    ['the container', containerLaunch],
  ])(
    "%s's command line and environment start a server that answers /healthz and keeps its data in the volume",
    async (_name, read) => {
      const l = read();
      const s = await launch(l);
      const res = await fetch(`${s.base}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      expect(existsSync(s.dbFile)).toBe(true);
      // tsx compiles the whole server at start: on a busy 2-core machine that alone can take half a minute.
    },
    180_000,
  );
});
