import { startServer } from './server';

// `npm run serve`: the vault server, configured from the environment (see README "Configuration").
const server = await startServer();
console.log(`Vaultshare vault server listening on ${server.url} (${server.store.dialect})`);
console.log(server.services.mailer.describe);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
