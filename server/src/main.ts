import { exitUnlessSupportedNode } from './node-version';

// `npm run serve`: the vault server, configured from the environment (see README "Configuration").
// The rest is imported only after the Node version check, so an old Node gets a sentence, not a stack trace.
exitUnlessSupportedNode();
const { startServer } = await import('./server');
const server = await startServer();
console.log(`Vaultshare vault server listening on ${server.url} (${server.store.dialect})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
