import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessList, GroupView, SecretSummary } from '../../utils/contract';
import { invite } from '../src/services/accounts';
import { dialects, snapshot, startTestServer, type TestServer } from './support/harness';
import type { Res } from './support/client';
import { buildOrg } from './support/org';
import { errorPaths, expectProblem, expectRefused } from './support/problems';
import { rawRequest } from './support/raw-request';
import { createSecretBody } from './support/requests';

/**
 * Every kind of wrong request gets its own clear 4xx (application/problem+json, a stable code, a sentence)
 * and leaves every table exactly as it was.
 */
describe.each(dialects)('bad input on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let gina: { id: string }; // invited, never enrolled
  let stripe: SecretSummary; // alice's, identifier "stripe"
  let other: SecretSummary; // alice's, no identifier
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    gina = await invite(s.services, { username: 'gina', name: 'Gina Pending', email: 'gina@example.com' });
    stripe = await org.alice.createSecret({
      name: 'Stripe production',
      clientSecret: 'sk_live_bad_input',
      identifier: 'stripe',
    });
    other = await org.alice.createSecret({ name: 'Twilio', clientSecret: 'tw_bad_input' });
  });
  afterAll(() => s?.close());

  const refused = (status: number, code: string, send: () => Promise<Res>) => expectRefused(s, status, code, send);
  const current = (id: string) => org.alice.get(id);
  const accessRevision = async (id: string) => (await org.alice.access(id)).accessRevision;

  describe('the body as a whole', () => {
    it('malformed JSON → 400 malformed_json', async () => {
      for (const text of ['{"name": ', '{name: "x"}', "{'a': 1}", ''])
        await refused(400, 'malformed_json', () =>
          org.alice.call('POST', '/v1/secrets', text, { 'content-type': 'application/json' }),
        );
    });

    it('a body that is not JSON by its Content-Type → 415, even when the text is valid JSON', async () => {
      const body = JSON.stringify(await createSecretBody(org.alice));
      await refused(415, 'unsupported_media_type', () =>
        org.alice.call('POST', '/v1/secrets', body, { 'content-type': 'text/plain' }),
      );
      await refused(415, 'unsupported_media_type', () =>
        org.alice.call('POST', '/v1/secrets', body, { 'content-type': 'application/x-www-form-urlencoded' }),
      );
      // and no Content-Type at all
      const none = await rawRequest(`${s.url}/v1/secrets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.alice.token}` },
        body,
      });
      expectProblem(none, 415, 'unsupported_media_type');
      // the control: the same bytes as JSON are accepted (with a charset too)
      const ok = await org.alice.call('POST', '/v1/secrets', body, {
        'content-type': 'application/json; charset=utf-8',
      });
      expect(ok.status).toBe(201);
    });

    it('JSON that is not an object (null, an array, a number) → 400 invalid_request', async () => {
      for (const text of ['null', '[]', '42', '"text"'])
        await refused(400, 'invalid_request', () => org.alice.call('POST', '/v1/secrets', text));
    });

    it('a body over the limit (1 MiB) → 413 body_too_large, with or without a Content-Length', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
      expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
      const headers = { authorization: `Bearer ${org.alice.token}`, 'content-type': 'application/json' };
      for (const chunked of [false, true]) {
        const before = await snapshot(s);
        const res = await rawRequest(`${s.url}/v1/secrets`, { method: 'POST', headers, body: big, chunked });
        expectProblem(res, 413, 'body_too_large');
        // the unread rest of the body makes the connection unusable, and the server says so
        expect(res.headers.get('connection')).toBe('close');
        expect(await snapshot(s)).toEqual(before);
      }
      // just under the limit the body is read and judged on its fields (a 200 KB name is too long)
      const under = JSON.stringify({ ...(await createSecretBody(org.alice)), name: 'y'.repeat(1024 * 1024 - 2000) });
      expect(Buffer.byteLength(under)).toBeLessThan(1024 * 1024);
      const p = expectProblem(
        await rawRequest(`${s.url}/v1/secrets`, { method: 'POST', headers, body: under }),
        400,
        'invalid_request',
      );
      expect(errorPaths(p)).toEqual(['name']);
    });
  });

  describe('fields', () => {
    it('wrong types name the field in errors[].path', async () => {
      const good = await createSecretBody(org.alice);
      const p = await refused(400, 'invalid_request', () =>
        org.alice.call('POST', '/v1/secrets', { ...good, name: 42, tags: 'a,b', method: 'FETCH' }),
      );
      expect(errorPaths(p).sort()).toEqual(['method', 'name', 'tags']);
      expect(p.detail).toContain('name');
      const nested = await refused(400, 'invalid_request', () =>
        org.alice.call('POST', '/v1/secrets', {
          ...good,
          value: { ...good.value, v: 2 },
          ownerGrant: { ...good.ownerGrant, recipientKind: 'team' },
        }),
      );
      expect(errorPaths(nested).sort()).toEqual(['ownerGrant.recipientKind', 'value.v']);
    });

    it('missing required fields are each named', async () => {
      const { url: _url, clientId: _clientId, ...rest } = await createSecretBody(org.alice);
      const p = await refused(400, 'invalid_request', () => org.alice.call('POST', '/v1/secrets', rest));
      expect(errorPaths(p).sort()).toEqual(['clientId', 'url']);
      const blank = await refused(400, 'invalid_request', () =>
        org.alice.call('POST', '/v1/secrets', { ...rest, url: 'ftp://files.example.com', clientId: '   ' }),
      );
      expect(errorPaths(blank).sort()).toEqual(['clientId', 'url']);
    });

    it('unknown extra fields are refused and named', async () => {
      const good = await createSecretBody(org.alice);
      const p = await refused(400, 'invalid_request', () =>
        org.alice.call('POST', '/v1/secrets', { ...good, owner: org.bob.userId, clientSecret: 'plain' }),
      );
      expect(errorPaths(p).sort()).toEqual(['clientSecret', 'owner']);
      const nested = await refused(400, 'invalid_request', () =>
        org.alice.call('PUT', `/v1/secrets/${other.id}/access`, {
          baseRevision: 1,
          entries: [{ recipientKind: 'user', recipientId: org.bob.userId, canView: true, admin: true }],
        }),
      );
      expect(errorPaths(nested)).toEqual(['entries.0.admin']);
      // system fields cannot be smuggled into an edit
      const edit = await refused(400, 'invalid_request', async () =>
        org.alice.call('PATCH', `/v1/secrets/${other.id}`, {
          baseRevision: (await current(other.id)).revision,
          ownerId: org.bob.userId,
          status: 'disabled',
          valueRevision: 9,
        }),
      );
      expect(errorPaths(edit).sort()).toEqual(['ownerId', 'status', 'valueRevision']);
    });

    it('a malformed id in the path, or cursor in the query → 400 naming it', async () => {
      const p = await refused(400, 'invalid_request', () => org.alice.call('GET', '/v1/secrets/not-a-uuid'));
      expect(errorPaths(p)).toEqual(['id']);
      const q = await refused(400, 'invalid_request', () => org.alice.call('GET', '/v1/sync?since=yesterday'));
      expect(errorPaths(q)).toEqual(['since']);
    });
  });

  describe('unknown ids → 404 not_found', () => {
    const nobody = '0badc0de-0000-4000-8000-000000000000'; // well-formed, and no object has it
    it.each([
      ['GET', `/v1/secrets/${nobody}`, undefined],
      ['PATCH', `/v1/secrets/${nobody}`, { baseRevision: 1, name: 'x' }],
      ['POST', `/v1/secrets/${nobody}/disable`, { baseRevision: 1 }],
      ['POST', `/v1/secrets/${nobody}/enable`, { baseRevision: 1 }],
      ['POST', `/v1/secrets/${nobody}/reveal`, undefined],
      ['GET', `/v1/secrets/${nobody}/access`, undefined],
      ['PUT', `/v1/secrets/${nobody}/access`, { baseRevision: 1, entries: [] }],
      ['GET', `/v1/secrets/${nobody}/audit`, undefined],
      ['GET', `/v1/groups/${nobody}`, undefined],
      ['PATCH', `/v1/groups/${nobody}`, { name: 'x' }],
      ['DELETE', `/v1/groups/${nobody}/members/${nobody}`, undefined],
    ] as const)('%s %s', async (method, path, body) => {
      await refused(404, 'not_found', () => org.alice.call(method, path, body));
    });

    it('POST /v1/groups/:id/members on an unknown group, and a batch naming an unknown secret', async () => {
      const grant = (await org.alice.accessBody(other.id, 1, [org.bob.me()])).entries[0]!.grant!;
      await refused(404, 'not_found', () =>
        org.alice.call('POST', `/v1/groups/${nobody}/members`, { userId: org.bob.userId, grant }),
      );
      await refused(404, 'not_found', () =>
        org.alice.call('POST', '/v1/access/batch', { items: [{ secretId: nobody, baseRevision: 1, entries: [] }] }),
      );
    });
  });

  describe('stale revisions → 409, nothing changed', () => {
    it('PATCH with an old or a future baseRevision → stale_revision', async () => {
      const edited = await org.alice.call<SecretSummary>('PATCH', `/v1/secrets/${other.id}`, {
        baseRevision: (await current(other.id)).revision,
        notes: 'first edit',
      });
      expect(edited.status).toBe(200);
      const rev = edited.body.revision;
      for (const baseRevision of [rev - 1, rev + 1])
        await refused(409, 'stale_revision', () =>
          org.alice.call('PATCH', `/v1/secrets/${other.id}`, { baseRevision, name: 'Lost update' }),
        );
      expect((await current(other.id)).name).toBe('Twilio');
    });

    it('disable and enable with a stale baseRevision → stale_revision; twice → already_disabled', async () => {
      const rev = (await current(other.id)).revision;
      await refused(409, 'stale_revision', () =>
        org.alice.call('POST', `/v1/secrets/${other.id}/disable`, { baseRevision: rev - 1 }),
      );
      const disabled = await org.alice.call<SecretSummary>('POST', `/v1/secrets/${other.id}/disable`, {
        baseRevision: rev,
      });
      expect(disabled.body).toMatchObject({ status: 'disabled', revision: rev + 1 });
      await refused(409, 'already_disabled', () =>
        org.alice.call('POST', `/v1/secrets/${other.id}/disable`, { baseRevision: rev + 1 }),
      );
      await refused(409, 'stale_revision', () =>
        org.alice.call('POST', `/v1/secrets/${other.id}/enable`, { baseRevision: rev }),
      );
      const enabled = await org.alice.call<SecretSummary>('POST', `/v1/secrets/${other.id}/enable`, {
        baseRevision: rev + 1,
      });
      expect(enabled.body).toMatchObject({ status: 'enabled', revision: rev + 2 });
    });

    it('PUT access with a stale baseRevision → stale_access_revision', async () => {
      const rev = await accessRevision(other.id);
      const body = await org.alice.accessBody(other.id, rev + 1, [org.bob.me()]);
      await refused(409, 'stale_access_revision', () => org.alice.call('PUT', `/v1/secrets/${other.id}/access`, body));
      const shared = await org.alice.call<AccessList>('PUT', `/v1/secrets/${other.id}/access`, {
        ...body,
        baseRevision: rev,
      });
      expect(shared.body.accessRevision).toBe(rev + 1);
      // the list it was based on is now old: a second client still holding it is refused
      await refused(409, 'stale_access_revision', () =>
        org.alice.call('PUT', `/v1/secrets/${other.id}/access`, { baseRevision: rev, entries: [] }),
      );
      expect((await org.alice.access(other.id)).entries.map((e) => e.username)).toEqual(['bob']);
    });

    it('a value edit with the wrong valueRevision → 409 stale_value_revision (too low a number → 400)', async () => {
      const cur = await current(stripe.id);
      const ciphertext = (await createSecretBody(org.alice)).value; // shape is all the server can judge
      await refused(409, 'stale_value_revision', () =>
        org.alice.call('PATCH', `/v1/secrets/${stripe.id}`, {
          baseRevision: cur.revision,
          value: { ciphertext, valueRevision: cur.valueRevision + 2 },
        }),
      );
      const low = await refused(400, 'invalid_request', () =>
        org.alice.call('PATCH', `/v1/secrets/${stripe.id}`, {
          baseRevision: cur.revision,
          value: { ciphertext, valueRevision: 1 },
        }),
      );
      expect(errorPaths(low)).toEqual(['value.valueRevision']);
      expect(await org.alice.reveal(stripe.id)).toBe('sk_live_bad_input');
    });
  });

  describe('duplicates', () => {
    it('the same identifier twice for one owner → 409 identifier_taken; another owner may use it', async () => {
      const p = await refused(409, 'identifier_taken', async () =>
        org.alice.call('POST', '/v1/secrets', await createSecretBody(org.alice, { identifier: 'stripe' })),
      );
      expect(p.detail).toContain('"stripe"');
      await refused(409, 'identifier_taken', async () =>
        org.alice.call('POST', '/v1/secrets', await createSecretBody(org.alice, { identifier: '  stripe ' })),
      );
      await refused(409, 'identifier_taken', async () =>
        org.alice.call('PATCH', `/v1/secrets/${other.id}`, {
          baseRevision: (await current(other.id)).revision,
          identifier: 'stripe',
        }),
      );
      const bobs = await org.bob.call<SecretSummary>(
        'POST',
        '/v1/secrets',
        await createSecretBody(org.bob, { identifier: 'stripe' }),
      );
      expect(bobs.status).toBe(201);
      expect(bobs.body).toMatchObject({ identifier: 'stripe', owner: { username: 'bob' } });
    });

    it('an id that already exists → 409 duplicate_id, for its owner and for anyone else', async () => {
      await refused(409, 'duplicate_id', async () =>
        org.alice.call('POST', '/v1/secrets', await createSecretBody(org.alice, { id: stripe.id })),
      );
      await refused(409, 'duplicate_id', async () =>
        org.dave.call('POST', '/v1/secrets', await createSecretBody(org.dave, { id: stripe.id, name: 'Squatter' })),
      );
      expect((await current(stripe.id)).name).toBe('Stripe production');
    });
  });

  describe('access lists: every wrong entry refused, the list unchanged', () => {
    const put = (id: string, body: unknown) => org.alice.call('PUT', `/v1/secrets/${id}/access`, body);

    it('a grant addressed to someone else → 400 grant_recipient_mismatch', async () => {
      const rev = await accessRevision(stripe.id);
      const forCarol = (await org.alice.accessBody(stripe.id, rev, [org.carol.me()])).entries[0]!.grant!;
      const body = await org.alice.accessBody(stripe.id, rev, [org.bob.me()]);
      const p = await refused(400, 'grant_recipient_mismatch', () =>
        put(stripe.id, { ...body, entries: [{ ...body.entries[0]!, grant: forCarol }] }),
      );
      expect(p.detail).toContain('Bob Tester');
      // a grant for the user bob, filed under a group, is refused too
      const asGroup = await org.alice.accessBody(stripe.id, rev, [org.ops]);
      await refused(400, 'grant_recipient_mismatch', () =>
        put(stripe.id, { ...asGroup, entries: [{ ...asGroup.entries[0]!, grant: body.entries[0]!.grant }] }),
      );
      // and the owner's own grant when creating a secret
      const made = await createSecretBody(org.alice);
      await refused(400, 'grant_recipient_mismatch', async () =>
        org.alice.call('POST', '/v1/secrets', {
          ...made,
          ownerGrant: (await org.alice.accessBody(stripe.id, rev, [org.bob.me()])).entries[0]!.grant,
        }),
      );
    });

    it('a grant for a key the recipient no longer has → 409 recipient_key_changed', async () => {
      const body = await org.alice.accessBody(stripe.id, await accessRevision(stripe.id), [org.bob.me()]);
      const stale = { ...body.entries[0]!.grant!, recipientKeyFingerprint: 'ab'.repeat(32) };
      const p = await refused(409, 'recipient_key_changed', () =>
        put(stripe.id, { ...body, entries: [{ ...body.entries[0]!, grant: stale }] }),
      );
      expect(p.detail).toContain('Bob Tester');
    });

    it('a new recipient without a grant → 400 grant_required', async () => {
      const rev = await accessRevision(stripe.id);
      await refused(400, 'grant_required', () =>
        put(stripe.id, {
          baseRevision: rev,
          entries: [{ recipientKind: 'user', recipientId: org.carol.userId, canView: true }],
        }),
      );
    });

    it('the same recipient twice → 400 duplicate_recipient; the owner in the list → 400 owner_in_list', async () => {
      const rev = await accessRevision(stripe.id);
      const twice = await org.alice.accessBody(stripe.id, rev, [org.bob.me(), { ...org.bob.me(), canEdit: true }]);
      await refused(400, 'duplicate_recipient', () => put(stripe.id, twice));
      const self = await org.alice.accessBody(stripe.id, rev, [org.bob.me(), org.alice.me()]);
      await refused(400, 'owner_in_list', () => put(stripe.id, self));
    });

    it('canView false → 400 naming entries.N.canView', async () => {
      const body = await org.alice.accessBody(stripe.id, await accessRevision(stripe.id), [
        org.carol.me(),
        org.bob.me(),
      ]);
      const p = await refused(400, 'invalid_request', () =>
        put(stripe.id, { ...body, entries: [body.entries[0], { ...body.entries[1]!, canView: false, canEdit: true }] }),
      );
      expect(errorPaths(p)).toEqual(['entries.1.canView']);
      expect(p.detail).toMatch(/Can view/);
    });

    it('a pending user → 422 recipient_not_enrolled; an unknown id → 422 unknown_recipient', async () => {
      const rev = await accessRevision(stripe.id);
      const p = await refused(422, 'recipient_not_enrolled', () =>
        put(stripe.id, {
          baseRevision: rev,
          entries: [{ recipientKind: 'user', recipientId: gina.id, canView: true }],
        }),
      );
      expect(p.detail).toContain('Gina Pending');
      for (const recipientKind of ['user', 'group'] as const)
        await refused(422, 'unknown_recipient', () =>
          put(stripe.id, { baseRevision: rev, entries: [{ recipientKind, recipientId: randomUUID(), canView: true }] }),
        );
    });

    it("someone else's private group → 422 unknown_recipient; a disabled private group → 422 group_disabled", async () => {
      const bobs = await org.bob.createPrivateGroup("Bob's crew");
      const rev = await accessRevision(stripe.id);
      const toBobs = await org.alice.accessBody(stripe.id, rev, [
        { kind: 'group', id: bobs.view.id, publicKey: bobs.view.publicKey },
      ]);
      const p = await refused(422, 'unknown_recipient', () => put(stripe.id, toBobs));
      expect(p.detail).not.toContain("Bob's crew"); // refused without telling what the group is called

      const mine = await org.alice.createPrivateGroup('Alice old team');
      const off = await org.alice.call<GroupView>('PATCH', `/v1/groups/${mine.view.id}`, { enabled: false });
      expect(off.body.enabled).toBe(false);
      const toMine = await org.alice.accessBody(stripe.id, rev, [
        { kind: 'group', id: mine.view.id, publicKey: mine.view.publicKey },
      ]);
      const q = await refused(422, 'group_disabled', () => put(stripe.id, toMine));
      expect(q.detail).toContain('Alice old team');
    });

    it('one bad entry among good ones → nothing of the good ones applied', async () => {
      const rev = await accessRevision(stripe.id);
      const body = await org.alice.accessBody(stripe.id, rev, [org.bob.me(), { ...org.ops, canEdit: true }]);
      await refused(422, 'recipient_not_enrolled', () =>
        put(stripe.id, {
          ...body,
          entries: [...body.entries, { recipientKind: 'user', recipientId: gina.id, canView: true }],
        }),
      );
      expect((await org.alice.access(stripe.id)).entries).toEqual([]);
      expect((await org.bob.list()).map((x) => x.id)).not.toContain(stripe.id);
    });
  });

  describe('batch share', () => {
    it('the 2nd item bad → nothing of the 1st applied', async () => {
      const fresh = await org.alice.createSecret({ name: 'Batch one', clientSecret: 'b1' });
      const first = {
        secretId: fresh.id,
        ...(await org.alice.accessBody(fresh.id, await accessRevision(fresh.id), [org.bob.me()])),
      };
      const staleSecond = { secretId: stripe.id, baseRevision: (await accessRevision(stripe.id)) + 5, entries: [] };
      await refused(409, 'stale_access_revision', () =>
        org.alice.call('POST', '/v1/access/batch', { items: [first, staleSecond] }),
      );
      const grantless = {
        secretId: stripe.id,
        baseRevision: await accessRevision(stripe.id),
        entries: [{ recipientKind: 'user', recipientId: org.carol.userId, canView: true }],
      };
      await refused(400, 'grant_required', () =>
        org.alice.call('POST', '/v1/access/batch', { items: [first, grantless] }),
      );
      const notMine = {
        secretId: (await org.bob.createSecret({ name: 'Bob own', clientSecret: 'bo' })).id,
        baseRevision: 1,
        entries: [],
      };
      await refused(404, 'not_found', () => org.alice.call('POST', '/v1/access/batch', { items: [first, notMine] }));
      expect(await org.alice.get(fresh.id)).toMatchObject({ shared: false, accessRevision: 1 });
      expect((await org.bob.list()).map((x) => x.id)).not.toContain(fresh.id);

      // the control: both good → both applied
      const second = {
        secretId: stripe.id,
        ...(await org.alice.accessBody(stripe.id, await accessRevision(stripe.id), [org.carol.me()])),
      };
      const ok = await org.alice.call<{ items: AccessList[] }>('POST', '/v1/access/batch', { items: [first, second] });
      expect(ok.status).toBe(200);
      expect(ok.body.items.map((l) => l.entries.map((e) => e.username))).toEqual([['bob'], ['carol']]);
    });
  });

  describe('groups', () => {
    it('a duplicate group id → 409 duplicate_id; a manager grant for someone else → 400; a bad public key → 400 invalid_public_key', async () => {
      const { view, keys } = await org.alice.createPrivateGroup('Alice team');
      const body = {
        id: view.id,
        name: 'Again',
        publicKey: keys.publicKey,
        managerGrant: await org.alice.grant('group', view.id, org.alice.me(), keys.privateKeyPkcs8),
      };
      await refused(409, 'duplicate_id', () => org.alice.call('POST', '/v1/groups', body));
      const id = randomUUID();
      const forBob = await org.alice.grant('group', id, org.bob.me(), keys.privateKeyPkcs8);
      await refused(400, 'grant_recipient_mismatch', () =>
        org.alice.call('POST', '/v1/groups', { ...body, id, managerGrant: forBob }),
      );
      const mine = await org.alice.grant('group', id, org.alice.me(), keys.privateKeyPkcs8);
      await refused(400, 'invalid_public_key', () =>
        org.alice.call('POST', '/v1/groups', { ...body, id, managerGrant: mine, publicKey: 'A'.repeat(120) }),
      );
    });

    it('adding a member with a grant for another user → 400; a pending user → 422 recipient_not_enrolled', async () => {
      const { view, keys } = await org.alice.createPrivateGroup('Alice helpers');
      const forCarol = await org.alice.grant('group', view.id, org.carol.me(), keys.privateKeyPkcs8);
      await refused(400, 'grant_recipient_mismatch', () =>
        org.alice.call('POST', `/v1/groups/${view.id}/members`, { userId: org.bob.userId, grant: forCarol }),
      );
      await refused(422, 'recipient_not_enrolled', () =>
        org.alice.call('POST', `/v1/groups/${view.id}/members`, {
          userId: gina.id,
          grant: { ...forCarol, recipientId: gina.id },
        }),
      );
      const changedKey = { ...forCarol, recipientKeyFingerprint: '00'.repeat(32) };
      await refused(409, 'recipient_key_changed', () =>
        org.alice.call('POST', `/v1/groups/${view.id}/members`, { userId: org.carol.userId, grant: changedKey }),
      );
    });
  });

  /**
   * A corpus of hostile text sent into every free-text field: each gets 400 naming the field, the same on
   * SQLite and PostgreSQL (which refuses NUL in text where SQLite would store it), and nothing is written.
   * Names also refuse what would make one look like another in the share panel.
   */
  describe('fuzz corpus of text', () => {
    const controls = {
      NUL: 'a\u0000b',
      BEL: 'ring\u0007',
      ESC: '\u001b[31mred',
      DEL: 'x\u007f',
      'C1 NEL': 'next\u0085line',
      'lone surrogate': 'half \ud800 pair',
    };
    const lineBreaks = { newline: 'two\nlines', 'carriage return': 'a\rb', tab: 'a\tb' };
    const invisible = {
      'right-to-left override': 'invoice\u202Egpj.exe',
      'left-to-right isolate': '\u2066admin\u2069',
      'zero-width space': 'ali\u200Bce',
      'zero-width joiner': 'bo\u200Db',
      'byte order mark': 'Str\uFEFFipe',
      'soft hyphen': 'pay\u00ADpal',
      'Arabic letter mark': 'x\u061Cy',
    };
    type Target = { field: string; path: string; corpus: Record<string, string>; send: (v: string) => Promise<Res> };
    const targets = (): Target[] => {
      const create = (patch: (b: Record<string, unknown>, v: string) => void) => async (v: string) => {
        const b = (await createSecretBody(org.alice)) as Record<string, unknown>;
        patch(b, v);
        return org.alice.call('POST', '/v1/secrets', b);
      };
      const names = { ...controls, ...lineBreaks, ...invisible };
      const lines = { ...controls, ...lineBreaks };
      return [
        { field: 'secret name', path: 'name', corpus: names, send: create((b, v) => (b.name = v)) },
        {
          field: 'secret URL',
          path: 'url',
          corpus: lines,
          send: create((b, v) => (b.url = `https://api.example.com/${v}`)),
        },
        { field: 'client id', path: 'clientId', corpus: lines, send: create((b, v) => (b.clientId = v)) },
        { field: 'identifier', path: 'identifier', corpus: names, send: create((b, v) => (b.identifier = v)) },
        { field: 'tag', path: 'tags.0', corpus: names, send: create((b, v) => (b.tags = [v])) },
        { field: 'notes', path: 'notes', corpus: controls, send: create((b, v) => (b.notes = v)) },
        {
          field: 'edited name',
          path: 'name',
          corpus: names,
          send: async (v) =>
            org.alice.call('PATCH', `/v1/secrets/${other.id}`, {
              baseRevision: (await current(other.id)).revision,
              name: v,
            }),
        },
        {
          field: 'group name',
          path: 'name',
          corpus: names,
          send: (v) => org.alice.call('PATCH', `/v1/groups/${team}`, { name: v }),
        },
        {
          field: 'group description',
          path: 'description',
          corpus: controls,
          send: (v) => org.alice.call('PATCH', `/v1/groups/${team}`, { description: v }),
        },
        // (a lone surrogate cannot be put in a URL: percent-encoding needs UTF-8)
        {
          field: 'search',
          path: 'q',
          corpus: { ...lineBreaks, NUL: controls.NUL, ESC: controls.ESC, 'C1 NEL': controls['C1 NEL'] },
          send: (v) => org.alice.call('GET', `/v1/directory/search?q=${encodeURIComponent(v)}`),
        },
        {
          field: 'username at sign-in',
          path: 'username',
          corpus: { ...controls, ...invisible },
          send: (v) => org.alice.call('POST', '/v1/auth/prelogin', { username: `alice${v}` }),
        },
      ];
    };
    let team: string;
    beforeAll(async () => {
      team = (await org.alice.createPrivateGroup('Fuzz team')).view.id;
    });

    it('every hostile string in every text field → 400 invalid_request naming that field, nothing stored', async () => {
      const before = await snapshot(s);
      const seen: string[] = [];
      for (const t of targets())
        for (const [what, value] of Object.entries(t.corpus)) {
          const r = await t.send(value);
          const p = expectProblem(r, 400, 'invalid_request');
          expect(errorPaths(p), `${t.field} with ${what}`).toEqual([t.path]);
          seen.push(`${t.field}/${what}`);
        }
      expect(seen.length).toBeGreaterThan(80);
      expect(await snapshot(s)).toEqual(before);
    });

    it('ordinary text from many scripts is kept exactly, and multi-line notes keep their line breaks', async () => {
      const name = "Zoë’s ключ 鍵 🔑 O'Brien – señal";
      const notes = 'line one\n\tindented — ünïcødé\r\nend';
      const created = await org.alice.call<SecretSummary>('POST', '/v1/secrets', {
        ...(await createSecretBody(org.alice)),
        name,
        notes,
        tags: ['café', '東京'],
      });
      expect(created.status).toBe(201);
      expect(await current(created.body.id)).toMatchObject({ name, notes, tags: ['café', '東京'] });
    });
  });
});
