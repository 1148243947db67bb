import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { checkConfig, configFromEnv, type Config } from './config';
import { openStore, type Store } from './db/connect';
import { createApp, type AppOptions } from './http/app';
import { createContext, type Services } from './services';
import { createLogger } from './log';

export type RunningServer = { url: string; services: Services; store: Store; close(): Promise<void> };

/** Starts the vault server: opens (and migrates) the database, then listens. Port 0 picks a free one. */
export async function startServer(opts: Partial<Config> & { schema?: string; onAnswer?: AppOptions['onAnswer'] } = {}): Promise<RunningServer> {
  const config: Config = checkConfig({ ...configFromEnv(), ...opts });
  const store = await openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, schema: opts.schema ?? config.databaseSchema });
  const services = await createContext(store, config, createLogger(config));
  const app = createApp(services, {
    clientAddress: (c) => (c as { env?: { incoming?: { socket?: { remoteAddress?: string } } } }).env?.incoming?.socket?.remoteAddress ?? 'unknown',
    onAnswer: opts.onAnswer,
  });
  // With a certificate the server speaks HTTPS itself; otherwise plain HTTP, for loopback or behind a proxy.
  const tls = config.tlsCertFile && config.tlsKeyFile ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) } : undefined;
  const listen = { fetch: app.fetch, port: config.port, hostname: config.host };
  const server: ServerType = await new Promise((resolve) => {
    const s = tls ? serve({ ...listen, createServer: createHttpsServer, serverOptions: tls }, () => resolve(s)) : serve(listen, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://${config.host}:${port}`,
    services,
    store,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
