import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type ServerProcess = {
  url: string;
  host: string;
  port: number;
  pid: number;
  rssMB(): number;
  close(): Promise<void>;
};

/** The resident set of a process, from the kernel (the server exposes nothing for it). */
export function rssMB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/**
 * A vault server in a process of its own, started as an operator would (`server/src/main.ts`, configured
 * from the environment), on a free loopback port; resolves once it says where it listens.
 */
export function serverProcess(env: Record<string, string>): Promise<ServerProcess> {
  // node + tsx's loader directly (not npx): the pid is the server's own, so /proc reads its memory.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', VAULT_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the server process did not start in 60 s:\n${err}`)), 60_000);
    child.on('exit', (code) => fail(new Error(`the server process exited (${code}):\n${err}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(/listening on (http:\/\/([\d.]+):(\d+))/);
      if (!m) return;
      clearTimeout(timer);
      const pid = child.pid!;
      resolve({
        url: m[1]!,
        host: m[2]!,
        port: Number(m[3]),
        pid,
        rssMB: () => rssMB(pid),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.on('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
