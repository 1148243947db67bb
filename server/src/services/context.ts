import type { Config } from '../config';
import type { Store } from '../db/connect';
import { loadServerSecret } from './server-secret';

/** What every service function needs: the store, the configuration and the server's own secret. */
export type Ctx = {
  store: Store;
  config: Config;
  /** HMAC key for prelogin decoy salts; kept in the database so every server process agrees. */
  serverSecret: Uint8Array;
  log: (line: Record<string, unknown>) => void;
};

export async function createContext(store: Store, config: Config): Promise<Ctx> {
  return {
    store,
    config,
    serverSecret: await loadServerSecret(store),
    log: config.quiet ? () => {} : (line) => void process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`),
  };
}
