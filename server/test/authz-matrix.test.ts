import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../utils/contract';
import { invite } from '../src/services/accounts';
import { createGroupAsAdmin } from '../src/admin/user-groups';
import { addPendingMember } from '../src/services/groups';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { VaultClient, type Res } from './support/client';

type Role = 'owner' | 'editor' | 'viewer' | 'groupMember' | 'pending' | 'stranger' | 'signedOut';
const ROLES: Role[] = ['owner', 'editor', 'viewer', 'groupMember', 'pending', 'stranger', 'signedOut'];
const NAME = 'Matrix secret for Acme billing';
const CLIENT_ID = 'matrix-client-id-7731';

/** What each role gets from each route of a secret shared with editor (edit), viewer (view) and a group (view). */
const expected: Record<string, Record<Role, number>> = {
  getSecret: { owner: 200, editor: 200, viewer: 200, groupMember: 200, pending: 404, stranger: 404, signedOut: 401 },
  updateSecret: { owner: 200, editor: 200, viewer: 403, groupMember: 403, pending: 404, stranger: 404, signedOut: 401 },
  disableSecret: {
    owner: 200,
    editor: 200,
    viewer: 403,
    groupMember: 403,
    pending: 404,
    stranger: 404,
    signedOut: 401,
  },
  enableSecret: { owner: 200, editor: 200, viewer: 403, groupMember: 403, pending: 404, stranger: 404, signedOut: 401 },
  revealSecret: { owner: 200, editor: 200, viewer: 200, groupMember: 200, pending: 404, stranger: 404, signedOut: 401 },
  getAccess: { owner: 200, editor: 200, viewer: 200, groupMember: 200, pending: 404, stranger: 404, signedOut: 401 },
  putAccess: { owner: 200, editor: 403, viewer: 403, groupMember: 403, pending: 404, stranger: 404, signedOut: 401 },
  batchAccess: { owner: 200, editor: 403, viewer: 403, groupMember: 403, pending: 404, stranger: 404, signedOut: 401 },
  secretAudit: { owner: 200, editor: 403, viewer: 403, groupMember: 403, pending: 404, stranger: 404, signedOut: 401 },
};

describe.each(dialects)('authorization matrix on %s', (dialect) => {
  let s: TestServer;
  let c: Record<Role, VaultClient>;
  let secretId: string;
  let groupId: string;
  let shareBody: () => Promise<{ baseRevision: number; entries: unknown[] }>;

  beforeAll(async () => {
    s = await startTestServer(dialect);
    const users: Partial<Record<Role, VaultClient>> = {};
    for (const role of ROLES.filter((r) => r !== 'signedOut')) {
      const { code } = await invite(s.services, {
        username: role.toLowerCase(),
        name: `Person ${role}`,
        email: `${role}@example.com`,
      });
      users[role] = await new VaultClient(s.url, role.toLowerCase()).enroll(code);
    }
    c = { ...(users as Record<Role, VaultClient>), signedOut: new VaultClient(s.url, 'nobody') };
    const group = await createGroupAsAdmin(s.services, {
      name: 'Billing readers',
      managers: ['groupmember'],
      members: [],
    });
    groupId = group.id;
    await addPendingMember(s.services, groupId, c.pending.userId);
    const g = await s.store.db
      .selectFrom('groups')
      .select('public_key')
      .where('id', '=', groupId)
      .executeTakeFirstOrThrow();
    const secret = await c.owner.createSecret({
      name: NAME,
      clientSecret: 'matrix-client-secret',
      clientId: CLIENT_ID,
    });
    secretId = secret.id;
    const recipients = [
      { ...c.editor.me(), canEdit: true },
      { ...c.viewer.me(), canEdit: false },
      { kind: 'group' as const, id: groupId, publicKey: g.public_key, canEdit: false },
    ];
    await c.owner.share(secretId, recipients);
    // The same list again: a write the owner may make, changing nothing.
    shareBody = async () => c.owner.accessBody(secretId, (await c.owner.access(secretId)).accessRevision, recipients);
  });
  afterAll(() => s?.close());

  const fresh = () => c.owner.get(secretId);
  const ensureStatus = async (status: 'enabled' | 'disabled') => {
    const cur = await fresh();
    if (cur.status !== status)
      await c.owner.call('POST', `/v1/secrets/${secretId}/${status === 'enabled' ? 'enable' : 'disable'}`, {
        baseRevision: cur.revision,
      });
  };

  const calls: Record<string, (who: VaultClient) => Promise<Res>> = {
    getSecret: (who) => who.call('GET', `/v1/secrets/${secretId}`),
    updateSecret: async (who) =>
      who.call('PATCH', `/v1/secrets/${secretId}`, {
        baseRevision: (await fresh()).revision,
        notes: `edited by ${who.username}`,
      }),
    disableSecret: async (who) => {
      await ensureStatus('enabled');
      return who.call('POST', `/v1/secrets/${secretId}/disable`, { baseRevision: (await fresh()).revision });
    },
    enableSecret: async (who) => {
      await ensureStatus('disabled');
      return who.call('POST', `/v1/secrets/${secretId}/enable`, { baseRevision: (await fresh()).revision });
    },
    revealSecret: async (who) => {
      await ensureStatus('enabled');
      return who.call('POST', `/v1/secrets/${secretId}/reveal`);
    },
    getAccess: (who) => who.call('GET', `/v1/secrets/${secretId}/access`),
    putAccess: async (who) => who.call('PUT', `/v1/secrets/${secretId}/access`, await shareBody()),
    batchAccess: async (who) => who.call('POST', '/v1/access/batch', { items: [{ secretId, ...(await shareBody()) }] }),
    secretAudit: (who) => who.call('GET', `/v1/secrets/${secretId}/audit`),
  };

  const cases = Object.keys(expected).flatMap((route) =>
    ROLES.map((role) => [route, role, expected[route]![role]] as const),
  );

  it.each(cases)('%s as %s → %i', async (route, role, status) => {
    const res = await calls[route]!(c[role]);
    expect(res.status).toBe(status);
    if (status >= 400) {
      // A refused caller learns nothing: a problem document, and no name, id, ciphertext or access list.
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(Object.keys(res.body as object).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
      const text = JSON.stringify(res.body);
      for (const leak of [NAME, CLIENT_ID, 'Person editor', 'Person viewer', 'Billing readers', '"ct"', '"grant"'])
        expect(text).not.toContain(leak);
    }
  });

  it.each(ROLES)('the list and the change feed show the secret to %s only when allowed', async (role) => {
    const allowed = expected.getSecret![role] === 200;
    const list = await c[role].call<{ items: { id: string }[] }>('GET', '/v1/secrets');
    const feed = await c[role].call<{ secrets: { id: string }[] }>('GET', '/v1/sync');
    if (role === 'signedOut') {
      expect([list.status, feed.status]).toEqual([401, 401]);
      return;
    }
    expect(list.body.items.some((x) => x.id === secretId)).toBe(allowed);
    expect(feed.body.secrets.some((x) => x.id === secretId)).toBe(allowed);
  });

  it.each(ROLES)(
    'bulk values (for on-device matching) hold the ciphertext for %s only when allowed, and record no last use',
    async (role) => {
      const before = (await fresh()).lastUsedAt;
      const r = await c[role].call<{ items: { secretId: string }[] }>('POST', '/v1/secrets/values', {
        ids: [secretId],
      });
      if (role === 'signedOut') return expect(r.status).toBe(401);
      expect(r.status).toBe(200);
      expect(r.body.items.map((x) => x.secretId)).toEqual(expected.revealSecret![role] === 200 ? [secretId] : []);
      expect((await fresh()).lastUsedAt).toBe(before);
    },
  );

  it('the pending member cannot reach the item key even through the group', async () => {
    const r = await c.pending.call('POST', `/v1/secrets/${secretId}/reveal`);
    expect(r.status).toBe(404);
    const view = await c.pending.call<{ myGrant: unknown }>('GET', `/v1/groups/${groupId}`);
    expect(view.status).toBe(200);
    expect(view.body.myGrant).toBeNull();
  });

  it.each(Object.entries(routes).filter(([, r]) => r.auth))(
    '%s refuses a missing or forged session with 401',
    async (_name, r) => {
      const path = r.path.replace(':id', secretId).replace(':userId', c.viewer.userId);
      for (const auth of [undefined, 'Bearer forged-token-forged-token-forged', 'Basic YWxpY2U6cGFzcw==']) {
        const res = await fetch(s.url + path, {
          method: r.method.toUpperCase(),
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: r.method === 'get' ? undefined : '{}',
        });
        expect(res.status).toBe(401);
        expect(await res.text()).not.toContain(NAME);
      }
    },
  );

  it('group routes: only managers change a group; strangers cannot see it', async () => {
    const { view, keys } = await c.owner.createPrivateGroup('Owner circle');
    expect((await c.stranger.call('GET', `/v1/groups/${view.id}`)).status).toBe(404);
    expect((await c.stranger.call('PATCH', `/v1/groups/${view.id}`, { name: 'Taken over' })).status).toBe(404);
    await c.owner.addMember(view.id, keys.privateKeyPkcs8, c.viewer.me());
    // a plain member sees the group but may not change it or add people
    expect((await c.viewer.call('GET', `/v1/groups/${view.id}`)).status).toBe(200);
    expect((await c.viewer.call('PATCH', `/v1/groups/${view.id}`, { name: 'Taken over' })).status).toBe(403);
    const grant = await c.viewer.grant(
      'group',
      view.id,
      { kind: 'user', id: c.stranger.userId, publicKey: c.stranger.publicKey },
      keys.privateKeyPkcs8,
    );
    expect(
      (await c.viewer.call('POST', `/v1/groups/${view.id}/members`, { userId: c.stranger.userId, grant })).status,
    ).toBe(403);
    expect((await c.stranger.call('DELETE', `/v1/groups/${view.id}/members/${c.viewer.userId}`)).status).toBe(404);
    expect((await c.owner.call<{ name: string }>('GET', `/v1/groups/${view.id}`)).body.name).toBe('Owner circle');
  });
});
