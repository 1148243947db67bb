import type { Config } from '../config';
import type { Store } from '../db/connect';
import { RateLimiter } from './rate-limit';
import { loadServerSecret } from './server-secret';
import { ensureDirectoryIndex } from './directory-index';

/** What every service function needs: the store, the configuration and the server's own secret. */
export type Ctx = {
  store: Store;
  config: Config;
  /** HMAC key for prelogin decoy salts; kept in the database so every server process agrees. */
  serverSecret: Uint8Array;
  loginLimiter: RateLimiter;
  log: (line: Record<string, unknown>) => void;
};

export async function createContext(store: Store, config: Config): Promise<Ctx> {
  await ensureDirectoryIndex(store);
  return {
    store,
    config,
    serverSecret: await loadServerSecret(store),
    // Ten failed sign-ins per username and fifty per address within fifteen minutes.
    loginLimiter: new RateLimiter({ windowMs: 15 * 60_000, perKey: 10, perAddress: 50 }),
    log: config.quiet ? () => {} : (line) => void process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`),
  };
}
