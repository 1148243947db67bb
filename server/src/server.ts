import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { checkConfig, configFromEnv, type Config } from './config';
import { openStore, type Store, type StoreOptions } from './db/connect';
import { describeFault, isDatabaseUnreachable } from './db/faults';
import { createApp, type AppOptions } from './http/app';
import { clientAddress, trustList } from './http/client-address';
import { createContext, type Services } from './services';
import { createLogger } from './log';

export type RunningServer = { url: string; services: Services; store: Store; close(): Promise<void> };

/**
 * Opens the store; while the database cannot be reached (and `say` is given) it tries again with waits
 * doubling from 1 to 30 seconds, saying so in one line each time instead of dying with a stack trace.
 */
async function openWhenReachable(options: StoreOptions, say?: (line: string) => void): Promise<Store> {
  for (let wait = 1000; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      return await openStore(options);
    } catch (err) {
      if (!say || !isDatabaseUnreachable(err)) throw err;
      say(`Waiting for the database: ${describeFault(err)}. Trying again in ${wait / 1000} s.`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Starts the vault server: opens (and migrates) the database, then listens. Port 0 picks a free one. */
export async function startServer(
  opts: Partial<Config> & {
    schema?: string;
    onAnswer?: AppOptions['onAnswer'];
    waitForDatabase?: (line: string) => void;
  } = {},
): Promise<RunningServer> {
  const config: Config = checkConfig({ ...configFromEnv(), ...opts });
  const logger = createLogger(config);
  const trusted = trustList(config.trustProxy);
  const store = await openWhenReachable(
    {
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      schema: opts.schema ?? config.databaseSchema,
      timeouts: config.database,
      onIdleError: (err) => logger.warn({ event: 'database_connection_lost', message: describeFault(err) }),
    },
    opts.waitForDatabase,
  );
  const services = await createContext(store, config, logger);
  const app = createApp(services, {
    clientAddress: (c) => {
      const env = (c as { env?: { incoming?: IncomingMessage } }).env;
      return clientAddress(
        env?.incoming?.socket?.remoteAddress,
        env?.incoming?.headers['x-forwarded-for']?.toString(),
        trusted,
      );
    },
    onAnswer: opts.onAnswer,
  });
  // With a certificate the server speaks HTTPS itself; otherwise plain HTTP, for loopback or behind a proxy.
  const tls =
    config.tlsCertFile && config.tlsKeyFile
      ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) }
      : undefined;
  const listen = { fetch: app.fetch, port: config.port, hostname: config.host };
  const server: ServerType = await new Promise((resolve) => {
    const s = tls
      ? serve({ ...listen, createServer: createHttpsServer, serverOptions: tls }, () => resolve(s))
      : serve(listen, () => resolve(s));
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
