import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretSummary } from '../../utils/contract';
import { exportAudit } from './support/audit-export';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { expectProblem } from './support/problems';
import { VaultClient } from './support/client';

/** `npm run vault -- …` against the test's database, as its own process. */
async function vault(s: TestServer, ...args: string[]) {
  const env = {
    ...process.env,
    ...(s.dialect === 'sqlite'
      ? { VAULT_DB_PATH: s.sqlitePath }
      : { DATABASE_URL: process.env.TEST_DATABASE_URL, DATABASE_SCHEMA: s.schema }),
  };
  return (await promisify(execFile)('node_modules/.bin/tsx', ['server/src/cli/main.ts', ...args], { env })).stdout;
}

/** Offboarding: `user disable` cuts a person off at once and tells owners what to rotate; `user enable` undoes it. */
describe.each(dialects)('offboarding on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let direct: SecretSummary; // alice's, shared with carol directly
  let viaGroup: SecretSummary; // bob's, shared with Ops (carol is a member)
  let unrelated: SecretSummary; // alice's, shared with nobody
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    direct = await org.alice.createSecret({ name: 'Stripe live', clientSecret: 'sk_direct' });
    await org.alice.share(direct.id, [org.carol.me()]);
    viaGroup = await org.bob.createSecret({ name: 'Twilio ops', clientSecret: 'tw_group' });
    await org.bob.share(viaGroup.id, [org.ops]);
    unrelated = await org.alice.createSecret({ name: 'Mailgun', clientSecret: 'mg_alone' });
  });
  afterAll(() => s?.close());

  const flagged = async (c: VaultClient) =>
    Object.fromEntries((await c.list()).map((i) => [i.name, i.readableByDisabledUser]));

  it('user disable: sessions end at once, sign-in refused with a clear message, hidden from search, the readable secrets printed', async () => {
    expect((await org.carol.call('GET', '/v1/me')).status).toBe(200);
    const out = await vault(s, 'user', 'disable', 'carol');
    expect(out).toContain('Disabled carol');
    expect(out).toContain('Stripe live');
    expect(out).toContain('Twilio ops');
    expect(out).not.toContain('Mailgun');

    expectProblem(await org.carol.call('GET', '/v1/me'), 401, 'session_expired');
    const again = await new VaultClient(s.url, 'carol').signIn().catch((e: Error) => e);
    expect(String(again)).toMatch(/403.*account_disabled.*disabled by an administrator/);
    expect((await org.bob.search('carol')).map((r) => r.id)).not.toContain(org.carol.userId);

    // sharing with her now is refused with a sentence about her account, and changes nothing
    const beforeList = (await org.alice.call<{ accessRevision: number }>('GET', `/v1/secrets/${unrelated.id}/access`))
      .body;
    const refused = await org.alice.call(
      'PUT',
      `/v1/secrets/${unrelated.id}/access`,
      await org.alice.accessBody(unrelated.id, beforeList.accessRevision, [org.carol.me()]),
    );
    expect(expectProblem(refused, 422, 'recipient_disabled').detail).toMatch(/account is disabled/);
    expect((await org.alice.call('GET', `/v1/secrets/${unrelated.id}/access`)).body).toEqual(beforeList);

    // owners see the reminder on exactly the secrets carol could read, by list and by sync
    expect(await flagged(org.alice)).toMatchObject({ 'Stripe live': true, Mailgun: false });
    expect(await flagged(org.bob)).toMatchObject({ 'Twilio ops': true });
    const synced = await org.alice.sync();
    expect(JSON.stringify(synced)).toContain('"readableByDisabledUser":true');
    // a recipient who is not the owner is not told
    const asDave = await org.dave.list();
    expect(asDave.every((i) => !i.readableByDisabledUser)).toBe(true);
  }, 240_000);

  it('user enable: carol signs in and is found again; the reminder stays until the value is rotated', async () => {
    await vault(s, 'user', 'enable', 'carol');
    const carol = await new VaultClient(s.url, 'carol').signIn();
    expect((await carol.call('GET', '/v1/me')).status).toBe(200);
    expect((await org.bob.search('carol')).map((r) => r.id)).toContain(org.carol.userId);
    expect((await flagged(org.alice))['Stripe live']).toBe(true);
    expect((await org.alice.editValue(direct.id, 'sk_rotated')).status).toBe(200);
    expect((await flagged(org.alice))['Stripe live']).toBe(false);
    void viaGroup;
  }, 240_000);

  it('the audit export records both, with the secrets that were readable', async () => {
    const events = await exportAudit(s);
    const disabled = events.find((e) => e.action === 'user.disabled');
    expect(disabled?.details).toMatchObject({ username: 'carol' });
    expect((disabled?.details.readableSecrets as string[]).sort()).toEqual([direct.id, viaGroup.id].sort());
    expect(events.some((e) => e.action === 'user.enabled' && e.details.username === 'carol')).toBe(true);
  }, 240_000);
});
