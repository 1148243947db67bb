import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';

describe.each(dialects)('the sharing story on %s, with the crypto module as the client', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
  });
  afterAll(() => s?.close());

  it('alice shares with bob (view) and a group (edit); bob reads, cannot edit; a member edits; removing bob takes it away', async () => {
    const { alice, bob, carol, ops } = org;
    const secret = await alice.createSecret({
      name: 'Stripe production',
      clientSecret: 'sk_live_story_value',
      identifier: 'stripe',
    });
    expect(secret).toMatchObject({
      shared: false,
      permissions: { view: true, edit: true, share: true },
      access: { users: 0, groups: 0 },
    });
    expect((await bob.list()).map((x) => x.id)).not.toContain(secret.id);

    const list = await alice.share(secret.id, [
      { ...bob.me(), canEdit: false },
      { ...ops, canEdit: true },
    ]);
    expect(list.entries.map((e) => [e.name, e.canView, e.canEdit])).toEqual([
      ['Bob Tester', true, false],
      ['Ops', true, true],
    ]);
    expect(list.entries[1]!.members!.map((m) => [m.name, m.pending])).toEqual([
      ['Carol Tester', false],
      ['Erin Tester', true],
      ['Frank Tester', false],
    ]);
    expect(await alice.get(secret.id)).toMatchObject({ shared: true, access: { users: 1, groups: 1 } });

    // bob sees it, decrypts it, and is refused an edit
    const bobsView = (await bob.list()).find((x) => x.id === secret.id)!;
    expect(bobsView).toMatchObject({
      name: 'Stripe production',
      shared: true,
      permissions: { view: true, edit: false, share: false },
      owner: { username: 'alice' },
    });
    expect(await bob.reveal(secret.id)).toBe('sk_live_story_value');
    const refused = await bob.call('PATCH', `/v1/secrets/${secret.id}`, {
      baseRevision: bobsView.revision,
      name: 'Hijacked',
    });
    expect(refused.status).toBe(403);
    expect((await alice.get(secret.id)).name).toBe('Stripe production');

    // carol, through the group, can edit, including the client secret itself
    expect((await carol.get(secret.id)).permissions).toEqual({ view: true, edit: true, share: false });
    expect(await carol.reveal(secret.id)).toBe('sk_live_story_value');
    const edited = await carol.editValue(secret.id, 'sk_live_rotated_by_carol');
    expect(edited.status).toBe(200);
    expect(await alice.reveal(secret.id)).toBe('sk_live_rotated_by_carol');
    expect(await bob.reveal(secret.id)).toBe('sk_live_rotated_by_carol');

    // alice removes bob: his list, reveal and sync no longer show it
    const cursor = (await bob.sync()).cursor;
    const after = await alice.share(secret.id, []).catch(() => undefined);
    expect(after?.entries).toEqual([]);
    expect((await bob.list()).map((x) => x.id)).not.toContain(secret.id);
    expect((await bob.call('POST', `/v1/secrets/${secret.id}/reveal`)).status).toBe(404);
    const feed = await bob.sync(cursor);
    expect(feed.removedSecrets).toContain(secret.id);
    expect(feed.secrets.map((x) => x.id)).not.toContain(secret.id);
    expect((await bob.sync()).secrets.map((x) => x.id)).not.toContain(secret.id);
    expect(await alice.get(secret.id)).toMatchObject({ shared: false, access: { users: 0, groups: 0 } });
  });
});
