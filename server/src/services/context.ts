import type { Config } from '../config';
import type { Store } from '../db/connect';
import { createLogger, type Logger } from '../log';
import { loadServerSecret } from './server-secret';
import { ensureDirectoryIndex } from './directory-index';

/** What every service function needs: the store, the configuration and the server's own secret. */
export type Ctx = {
  store: Store;
  config: Config;
  /** HMAC key for prelogin decoy salts; kept in the database so every server process agrees. */
  serverSecret: Uint8Array;
  logger: Logger;
};

export async function createContext(store: Store, config: Config, logger: Logger = createLogger(config)): Promise<Ctx> {
  await ensureDirectoryIndex(store);
  return {
    store,
    config,
    serverSecret: await loadServerSecret(store),
    logger,
  };
}
