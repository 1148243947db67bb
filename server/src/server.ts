import { serve, type ServerType } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configFromEnv, type Config } from './config';
import { openStore, type Store } from './db/connect';
import { createApp } from './http/app';
import { clientAddress, trustList } from './http/client-address';
import { createContext, type Services } from './services';

export type RunningServer = { url: string; services: Services; store: Store; close(): Promise<void> };

/** Starts the vault server: opens (and migrates) the database, then listens. Port 0 picks a free one. */
export async function startServer(opts: Partial<Config> & { schema?: string } = {}): Promise<RunningServer> {
  const config: Config = { ...configFromEnv(), ...opts };
  const trusted = trustList(config.trustProxy);
  const store = await openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, schema: opts.schema ?? config.databaseSchema });
  const services = await createContext(store, config);
  const app = createApp(services, (c) => {
    const env = (c as { env?: { incoming?: IncomingMessage } }).env;
    return clientAddress(env?.incoming?.socket?.remoteAddress, env?.incoming?.headers['x-forwarded-for']?.toString(), trusted);
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    services,
    store,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
