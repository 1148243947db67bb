import { ConfigError } from './config';
import { startServer } from './server';

// `npm run serve`: the vault server, configured from the environment (see README "Configuration").

const server = await startServer().catch((e: unknown) => {
  // A configuration mistake is the operator's to fix: say what is wrong, without a stack trace.
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
});
console.log(`Vaultshare vault server listening on ${server.url} (${server.store.dialect})${server.services.config.publicUrl ? `, advertised as ${server.services.config.publicUrl}` : ''}`);
console.log(server.services.mailer.describe);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
