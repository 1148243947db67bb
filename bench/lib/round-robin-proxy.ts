import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export type Proxy = { url: string; close(): Promise<void> };

/**
 * One loopback address in front of several servers: each incoming TCP connection goes to the next backend
 * in turn (keep-alive clients therefore spread by connection, as behind a layer-4 load balancer).
 */
export async function roundRobinProxy(backends: { host: string; port: number }[]): Promise<Proxy> {
  let next = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const to = backends[next++ % backends.length]!;
    const upstream = connect(to.port, to.host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
