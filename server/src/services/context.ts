import type { Config } from '../config';
import type { Store } from '../db/connect';
import { createLogger, type Logger } from '../log';
import { RateLimiter } from './rate-limit';
import { loadServerSecret } from './server-secret';
import { ensureDirectoryIndex } from './directory-index';
import { createMailer, type Mailer } from '../mail/mailer';

/** What every service function needs: the store, the configuration and the server's own secret. */
export type Ctx = {
  store: Store;
  config: Config;
  /** HMAC key for prelogin decoy salts; kept in the database so every server process agrees. */
  serverSecret: Uint8Array;
  logger: Logger;
  /** Every attempt to open an external link, per link and per client network. */
  linkLimiter: RateLimiter;
  mailer: Mailer;
};

export async function createContext(store: Store, config: Config, logger: Logger = createLogger(config)): Promise<Ctx> {
  await ensureDirectoryIndex(store);
  return {
    store,
    config,
    serverSecret: await loadServerSecret(store),
    logger,
    linkLimiter: new RateLimiter({
      windowMs: 15 * 60_000,
      perKey: config.linkOpens.perLink,
      perAddress: config.linkOpens.perNetwork,
    }),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir }),
  };
}
