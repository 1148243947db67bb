import type { Config } from '../config';
import type { Store } from '../db/connect';
import { RateLimiter } from './rate-limit';
import { loadServerSecret } from './server-secret';
import { createMailer, type Mailer } from '../mail/mailer';

/** What every service function needs: the store, the configuration and the server's own secret. */
export type Ctx = {
  store: Store;
  config: Config;
  /** HMAC key for prelogin decoy salts; kept in the database so every server process agrees. */
  serverSecret: Uint8Array;
  loginLimiter: RateLimiter;
  /** Every attempt to open an external link, per link and per client network. */
  linkLimiter: RateLimiter;
  mailer: Mailer;
  log: (line: Record<string, unknown>) => void;
};

export async function createContext(store: Store, config: Config): Promise<Ctx> {
  return {
    store,
    config,
    serverSecret: await loadServerSecret(store),
    // Ten failed sign-ins per username and fifty per address within fifteen minutes.
    loginLimiter: new RateLimiter({ windowMs: 15 * 60_000, perKey: 10, perAddress: 50 }),
    linkLimiter: new RateLimiter({ windowMs: 15 * 60_000, perKey: config.linkOpens.perLink, perAddress: config.linkOpens.perNetwork }),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir }),
    log: config.quiet ? () => {} : (line) => void process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`),
  };
}
