import { exitUnlessSupportedNode } from './node-version';

// `npm run serve`: the vault server, configured from the environment (see README "Configuration").
// The rest is imported only after the Node version check, so an old Node gets a sentence, not a stack trace.
exitUnlessSupportedNode();
const { ConfigError } = await import('./config');
const { startServer } = await import('./server');

const server = await startServer({ waitForDatabase: (line) => console.error(line) }).catch((e: unknown) => {
  // A configuration mistake is the operator's to fix: say what is wrong, without a stack trace.
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
});
console.log(
  `Vaultshare vault server listening on ${server.url} (${server.store.dialect})${server.services.config.publicUrl ? `, advertised as ${server.services.config.publicUrl}` : ''}`,
);
console.log(server.services.mailer.describe);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
