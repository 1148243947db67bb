// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '@/utils/cache';
import type { AuditEvent, GroupView } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets';
import { unlockWithPassword } from '@/utils/session/auth';
import { createVaultClient } from '@/utils/vault/client';
import { invite } from '@/server/src/services/accounts';
import { VaultClient } from '@/server/test/support/client';
import { startTestServer, type TestServer } from '@/server/test/support/harness';
import { buildOrg } from '@/server/test/support/org';
import { unlockedAs } from '@/test/real-vault';
import { migrateVep1 } from './migrate-vep1';

// The migration at unlock (docs/crypto.md, "Migration from VEP/1") against a real vault server: a VEP/1
// account's extension unlocks, makes and publishes its signing key, rotates what it owns, and the
// recipients (the server's test client, verifying as the spec says) then open it verified.
let s: TestServer;
let org: Awaited<ReturnType<typeof buildOrg>>;
beforeAll(async () => {
  s = await startTestServer('sqlite');
  org = await buildOrg(s);
});
afterAll(() => s?.close());

/** A VEP/1 account unlocked by the extension's own unlock, which gives it a signing key. */
async function unlockVep1(person: VaultClient, password: string): Promise<Unlocked> {
  const client = createVaultClient({ serverUrl: s.url, getToken: () => person.token });
  const me = await client.call('me');
  expect(me.signingPublicKey).toBeNull();
  const opened = await unlockWithPassword(me, password, { minIterations: 1000 }, client);
  expect(opened.me.signingPublicKey).toEqual(expect.any(String));
  return {
    db: await openCache({ name: `cache-migrate-${person.username}` }),
    client,
    me: {
      userId: person.userId,
      privateKey: opened.privateKey,
      publicKey: me.publicKey,
      signingKey: opened.signingKey,
      signingPublicKey: opened.me.signingPublicKey ?? null,
    },
  };
}

describe('migration of VEP/1 data at unlock', () => {
  it('an owner’s unsigned secrets are rotated and signed: recipients open them verified, and nothing is left', async () => {
    const { code } = await invite(s.services, { username: 'vic', name: 'Vic Legacy', email: 'vic@example.com' });
    const vic = await new VaultClient(s.url, 'vic', 'vic-password', { vep1: true }).enroll(code);
    const secret = await vic.createSecret({ name: 'Legacy key', clientSecret: 'sk_legacy' });
    await vic.share(secret.id, [org.bob.me(), org.ops]);
    // before: opened under the migration rule, shown "not yet verified"
    expect(await org.bob.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_legacy', verified: false });

    const u = await unlockVep1(vic, 'vic-password');
    const before = await u.client.call('getSecret', { params: { id: secret.id } });
    expect(before.lastUsedBy).toMatchObject({ id: org.bob.userId });
    expect(await migrateVep1(u)).toEqual({ secrets: 1, grants: 0, failed: 0 });
    // Nobody was shown the value: "last use" stays Bob's, and the trail says Vic's device opened it, not that Vic
    // revealed it.
    const rotated = await u.client.call('getSecret', { params: { id: secret.id } });
    expect(rotated).toMatchObject({ lastUsedAt: before.lastUsedAt, lastUsedBy: { id: org.bob.userId } });
    const trail = (await vic.call<{ events: AuditEvent[] }>('GET', `/v1/secrets/${secret.id}/audit`)).body.events;
    const vics = trail.filter((e) => e.actor?.id === vic.userId).map((e) => e.action);
    expect(vics).not.toContain('secret.revealed');
    expect(vics.filter((a) => a === 'secret.value_indexed')).toHaveLength(1);
    expect(await org.bob.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_legacy', verified: true });
    expect(await org.carol.verifiedReveal(secret.id)).toEqual({ clientSecret: 'sk_legacy', verified: true });
    const after = await u.client.call('getSecret', { params: { id: secret.id } });
    expect(after).toMatchObject({ valueRevision: 2 });
    expect(await u.client.call('unsigned')).toEqual({ secrets: [], groups: [] });
    // a later unlock has nothing left to do
    expect(await migrateVep1(u)).toEqual({ secrets: 0, grants: 0, failed: 0 });
  });

  it('a manager re-signs its own grant from the administrator’s tool and the current members’, never a pending one', async () => {
    const frank = await unlockedAs(org.frank, s.url);
    expect((await frank.client.call('unsigned')).groups).toEqual([org.ops.id]);
    const report = await migrateVep1(frank);
    expect(report).toMatchObject({ secrets: 0, failed: 0 });
    expect(report.grants).toBeGreaterThanOrEqual(1);
    const ops: GroupView = await frank.client.call('getGroup', { params: { id: org.ops.id } });
    expect(ops.myGrant).toMatchObject({ granterId: org.frank.userId, signature: expect.any(String) });
    expect(ops.members!.filter((m) => !m.pending).every((m) => m.signed)).toBe(true);
    expect(ops.members!.find((m) => m.user.id === org.erin.userId)).toMatchObject({ pending: true });
    expect(await frank.client.call('unsigned')).toEqual({ secrets: [], groups: [] });
  });
});
