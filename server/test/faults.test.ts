import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openStore } from '../src/db/connect';
import { createContext } from '../src/services';
import { configFromEnv } from '../src/config';
import { invite } from '../src/services/accounts';
import { VaultClient } from './support/client';
import { startTestServer, type TestServer } from './support/harness';
import { expectProblem } from './support/problems';
import { exportAudit } from './support/audit-export';

const PG = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
if (!PG) console.warn('faults.test.ts: the PostgreSQL fault tests are skipped: set TEST_DATABASE_URL to run them.');

/** `npm run serve` as its own process, with this environment; resolves once it says where it listens. */
function serverProcess(env: Record<string, string>): {
  child: ChildProcess;
  url: Promise<string>;
  output: () => string;
} {
  const child = spawn('node_modules/.bin/tsx', ['server/src/main.ts'], {
    env: { ...process.env, VAULT_QUIET: '1', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  url.catch(() => {});
  return { child, url, output: () => output };
}

/** A TCP relay to PostgreSQL that can stop forwarding (a database that accepts connections but never answers). */
function stallingProxy(target: { host: string; port: number }) {
  let stalled = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const pipe = (from: Socket, to: Socket) =>
    from.on('data', (d) => (stalled ? held.push(() => to.write(d)) : to.write(d)));
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => (client.destroy(), upstream.destroy()));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  return {
    listen: (port = 0) =>
      new Promise<number>((r) =>
        server.listen(port, '127.0.0.1', () => r((server.address() as { port: number }).port)),
      ),
    stall: () => (stalled = true),
    resume: () => {
      stalled = false;
      for (const f of held.splice(0)) f();
    },
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

/** Polls until `ok` holds or the time is up; returns how long it took. */
async function within(ms: number, ok: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await ok().catch(() => false)) return Date.now() - start;
    await sleep(200);
  }
  throw new Error(`not within ${ms} ms`);
}

describe.skipIf(!PG)('database faults on postgres (server processes)', () => {
  const schema = `f_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const app = `vs_${schema}`;
  const children: ChildProcess[] = [];
  let alice: VaultClient;
  let secretId: string;
  const url = new URL(PG ?? 'postgres://x');
  url.searchParams.set('application_name', app);
  const env = { DATABASE_URL: url.toString(), DATABASE_SCHEMA: schema };

  beforeAll(async () => {
    const store = await openStore({ databaseUrl: PG!, sqlitePath: '', schema });
    const ctx = await createContext(store, { ...configFromEnv({}), quiet: true, kdfIterations: 1000 });
    const { code } = await invite(ctx, { username: 'alice', name: 'Alice Example', email: 'alice@example.com' });
    await store.close();
    const first = serverProcess(env);
    children.push(first.child);
    alice = await new VaultClient(await first.url, 'alice').enroll(code);
    secretId = (await alice.createSecret({ name: 'Stripe', clientSecret: 'sk_fault' })).id;
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    const c = new pg.Client({ connectionString: PG });
    await c.connect();
    await c.query(`drop schema if exists "${schema}" cascade`);
    await c.end();
  });

  it('two processes serving traffic survive all their connections being terminated, and answer correctly within seconds', async () => {
    const second = serverProcess(env);
    children.push(second.child);
    const bases = [alice.base, await second.url];
    const listFrom = async (base: string) => {
      const r = await fetch(`${base}/v1/secrets`, { headers: { authorization: `Bearer ${alice.token}` } });
      return r.status === 200 && ((await r.json()) as { items: { id: string }[] }).items.some((i) => i.id === secretId);
    };
    for (const b of bases) expect(await listFrom(b)).toBe(true);
    // traffic keeps flowing while the connections are cut
    let running = true;
    const traffic = (async () => {
      while (running) await Promise.all(bases.map((b) => listFrom(b).catch(() => false)));
    })();
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    let killed = 0;
    try {
      for (let round = 0; round < 3; round++) {
        await within(
          10_000,
          async () =>
            Number(
              (await admin.query('select count(*) from pg_stat_activity where application_name = $1', [app])).rows[0]
                .count,
            ) > 0,
        );
        killed +=
          (
            await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
              app,
            ])
          ).rowCount ?? 0;
        await sleep(300);
      }
    } finally {
      await admin.end();
      running = false;
      await traffic;
    }
    expect(killed).toBeGreaterThanOrEqual(3);
    for (const b of bases) await within(10_000, () => listFrom(b));
    expect(children.map((c) => c.exitCode)).toEqual([null, null]);
  });

  it('a database that accepts connections but never answers → 503 with Retry-After in seconds, /readyz 503; recovery when it answers again', async () => {
    const proxy = stallingProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const port = await proxy.listen();
    const viaProxy = new URL(url);
    viaProxy.host = `127.0.0.1:${port}`;
    const p = serverProcess({
      ...env,
      DATABASE_URL: viaProxy.toString(),
      DB_STATEMENT_TIMEOUT_MS: '1500',
      DB_CONNECT_TIMEOUT_MS: '1500',
    });
    children.push(p.child);
    const base = await p.url;
    const c = new VaultClient(base, 'alice');
    c.token = alice.token;
    expect((await c.call('GET', '/v1/secrets')).status).toBe(200);
    try {
      proxy.stall();
      const started = Date.now();
      const r = await c.call('GET', '/v1/secrets');
      const took = Date.now() - started;
      expectProblem(r, 503, 'database_unavailable');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(took).toBeLessThan(10_000);
      expectProblem(await c.call('GET', '/readyz'), 503, 'database_unavailable');
      expect((await c.call('GET', '/healthz')).status).toBe(200);
      proxy.resume();
      await within(15_000, async () => (await c.call('GET', '/readyz')).status === 200);
      await within(15_000, async () => (await c.call('GET', '/v1/secrets')).status === 200);
      expect(p.child.exitCode).toBe(null);
    } finally {
      proxy.resume();
      await proxy.close();
    }
  });

  it('started while the database is down, it waits with a clear line (no stack trace) and serves once the database is up', async () => {
    const proxy = stallingProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const port = await proxy.listen();
    await proxy.close(); // nothing listens there now
    const down = new URL(url);
    down.host = `127.0.0.1:${port}`;
    const p = serverProcess({ ...env, DATABASE_URL: down.toString() });
    children.push(p.child);
    await within(30_000, async () => /Waiting for the database/.test(p.output())).catch((e: Error) => {
      throw new Error(`${e.message}: ${p.output()}`);
    });
    expect(p.output()).not.toMatch(/\n\s+at /);
    expect(p.child.exitCode).toBe(null);
    const again = stallingProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await again.listen(port);
    try {
      const base = await Promise.race([p.url, sleep(40_000).then(() => '')]);
      expect(base, p.output()).not.toBe('');
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      await again.close();
    }
  }, 60_000);
});

describe.skipIf(!PG)('a saturated connection pool on postgres', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('postgres', {
      database: { connectTimeoutMs: 500, statementTimeoutMs: 60_000, poolSize: 1 },
    });
  });
  afterAll(() => s?.close());

  it('answers 503 server_busy (not "cannot reach its database") while every connection is taken, then serves again', async () => {
    const c = new VaultClient(s.url, 'nobody');
    c.token = 'a-session-token-the-server-must-look-up'; // so that the request needs the database
    await s.store.db.connection().execute(async () => {
      // The pool's only connection is held here: the database answers, but this process has none free.
      const r = await c.call('GET', '/v1/me');
      expect(expectProblem(r, 503, 'server_busy').detail).toMatch(/too busy/);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expectProblem(await c.call('GET', '/readyz'), 503, 'server_busy');
    });
    expect((await c.call('GET', '/readyz')).status).toBe(200);
    expectProblem(await c.call('GET', '/v1/me'), 401, 'session_expired');
  });
});

describe('SQLite shared by the command-line tools and a running server', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
  });
  afterAll(() => s?.close());

  it('CLI writes while the server serves writes: no "database is locked", every write lands', async () => {
    const { code } = await invite(s.services, { username: 'owner', name: 'Owner Example', email: 'owner@example.com' });
    const owner = await new VaultClient(s.url, 'owner').enroll(code);
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn('node_modules/.bin/tsx', ['server/src/cli/main.ts', ...args], {
          env: { ...process.env, VAULT_DB_PATH: s.sqlitePath },
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('exit', (c) => resolve({ code: c, out }));
      });
    let running = true;
    const statuses: number[] = [];
    const serverWrites = (async () => {
      for (let i = 0; running || i < 20; i++) {
        const created = await owner.createSecret({ name: `Secret ${i}`, clientSecret: `v${i}` }).then(
          () => 201,
          (e: Error) => Number(/→ (\d+)/.exec(e.message)?.[1] ?? 0),
        );
        statuses.push(created);
      }
    })();
    const runs = await Promise.all(
      Array.from({ length: 2 }, (_, i) =>
        cli(['invite', `member${i}`, '--name', `Member ${i}`, '--email', `m${i}@example.com`]),
      ),
    );
    running = false;
    await serverWrites;
    for (const r of runs) expect(r, r.out).toMatchObject({ code: 0 });
    expect(statuses.filter((x) => x !== 201)).toEqual([]);
    const invited = await s.store.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', 'member%')
      .execute();
    expect(invited).toHaveLength(2);
    const events = await exportAudit(s);
    expect(events.filter((e) => e.action === 'user.invited')).toHaveLength(3);
  }, 300_000);
});
