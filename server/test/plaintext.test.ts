import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../utils/contract';
import { deriveKeys } from '../../utils/crypto';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { createSecretBody } from './support/requests';
import { databaseBytes, expectAbsent } from './support/bytes';

/** The server holds no plaintext client secret, password or auth key: not in the rows, not in the files. */
describe.each(dialects)('no plaintext in the database on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
  });
  afterAll(() => s?.close());

  it('after writing, sharing, revealing and editing a secret whose client secret is a unique marker', async () => {
    const markers = [
      `MARKER-${randomUUID()}`,
      `MARKER-${randomUUID()}`,
      `MARKER-${randomUUID()}`,
      `MARKER-${randomUUID()}`,
    ];
    const name = `Plaintext probe ${randomUUID()}`;
    const { alice, bob, carol, ops } = org;

    const secret = await alice.createSecret({ name, clientSecret: markers[0]!, identifier: 'probe' });
    await alice.share(secret.id, [bob.me(), { ...ops, canEdit: true }]);
    expect(await bob.reveal(secret.id)).toBe(markers[0]);
    expect(await carol.reveal(secret.id)).toBe(markers[0]); // through the group
    expect((await alice.editValue(secret.id, markers[1]!)).status).toBe(200);
    expect((await carol.editValue(secret.id, markers[2]!)).status).toBe(200);
    expect(await bob.reveal(secret.id)).toBe(markers[2]);
    expect(await alice.reveal(secret.id)).toBe(markers[2]);
    // a confused client that sends the client secret in clear is refused, and nothing of it is kept
    const confused = await alice.call('POST', '/v1/secrets', {
      ...(await createSecretBody(alice)),
      clientSecret: markers[3],
    });
    expect(confused.status).toBe(400);
    const bad = await alice.call('POST', '/v1/secrets', `{"clientSecret":"${markers[3]}",`, {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);

    const bytes = await databaseBytes(s);
    // the control: the search reads the live data (clear fields are there, in the form we look for)
    expect(bytes.includes(Buffer.from(name)), 'the clear name should be in the dump').toBe(true);
    expect(bytes.includes(Buffer.from(secret.id)), 'the secret id should be in the dump').toBe(true);
    for (const [i, m] of markers.entries()) expectAbsent(bytes, `marker ${i}`, m);
    expectAbsent(bytes, 'the JSON of the sensitive fields', JSON.stringify({ clientSecret: markers[2] }));
  });

  it('no password and no auth key (only their Argon2id hash)', async () => {
    const bytes = await databaseBytes(s);
    expect(bytes.includes(Buffer.from('$argon2id$')), 'the auth hashes should be in the dump').toBe(true);
    for (const c of [org.alice, org.bob, org.carol]) {
      const me = (await c.call<Me>('GET', '/v1/me')).body;
      const { authKey } = await deriveKeys(c.password, me.kdf);
      expectAbsent(bytes, `${c.username}'s password`, c.password);
      expectAbsent(bytes, `${c.username}'s auth key`, authKey);
      expectAbsent(bytes, `${c.username}'s auth key bytes`, Buffer.from(authKey, 'base64url'));
      expectAbsent(bytes, `${c.username}'s session token`, c.token!);
    }
  });
});
