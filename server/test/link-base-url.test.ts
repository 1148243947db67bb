import { afterEach, describe, expect, it } from 'vitest';
import { updatePolicy } from '../src/services/sharing-policy';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';

// Where a link points, as the extension learns it from the sharing options: the administrator's base URL,
// else PUBLIC_URL (where emailed links point too), so a copied link and an emailed one are the same address.
describe.each(dialects)('where links point, on %s', (dialect) => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  const policy = async (server: TestServer) => {
    const org = await buildOrg(server);
    return { read: async () => (await org.alice.call<{ baseUrl: string | null }>('GET', '/v1/sharing/policy')).body };
  };

  it('is PUBLIC_URL when the administrator set no base URL, and the base URL when set', async () => {
    s = await startTestServer(dialect, { publicUrl: 'https://vault.example.com' });
    const { read } = await policy(s);
    expect((await read()).baseUrl).toBe('https://vault.example.com');
    await updatePolicy(s.store.db, { baseUrl: 'https://links.example.com' });
    expect((await read()).baseUrl).toBe('https://links.example.com');
  });

  it('is null without either, so the extension uses the address it signed in to', async () => {
    s = await startTestServer(dialect);
    const { read } = await policy(s);
    expect((await read()).baseUrl).toBeNull();
  });
});
