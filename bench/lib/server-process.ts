import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type ServerProcess = {
  url: string;
  host: string;
  port: number;
  pid: number;
  rssMB(): number;
  /**
   * A full garbage collection in the server, through its inspector (only when started with `inspect`), so a
   * memory reading after it counts what is kept, not what the collector has not got round to yet.
   */
  gc(): Promise<void>;
  close(): Promise<void>;
};

/** Asks a Node inspector (its WebSocket address) for a full garbage collection. */
async function collectGarbage(wsUrl: string): Promise<void> {
  const ws = new WebSocket(wsUrl);
  await new Promise((ok, fail) => ((ws.onopen = ok), (ws.onerror = fail)));
  await new Promise<void>((ok, fail) => {
    ws.onmessage = (m) => (JSON.parse(String(m.data)).id === 1 ? ok() : undefined);
    ws.onerror = fail;
    ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
  });
  ws.close();
}

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
export function serverProcess(env: Record<string, string>, opts: { inspect?: boolean } = {}): Promise<ServerProcess> {
  // node + tsx's loader directly (not npx): the pid is the server's own, so /proc reads its memory.
  const inspect = opts.inspect ? ['--inspect=127.0.0.1:0'] : [];
  const child: ChildProcess = spawn(process.execPath, [...inspect, '--import', 'tsx', 'server/src/main.ts'], {
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
        gc: async () => {
          const ws = err.match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
          if (!ws) throw new Error('the server process was not started with inspect');
          await collectGarbage(ws);
        },
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
