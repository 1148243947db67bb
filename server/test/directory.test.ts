import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntry, DirectoryGroup } from '../../utils/contract';
import { fingerprintOf } from '../../utils/crypto';
import { invite } from '../src/services/accounts';
import { VaultClient } from './support/client';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { errorPaths, expectRefused } from './support/problems';
import { groupKeyOf } from './support/requests';

/**
 * Recipient search: enrolled users by name, later name word, username or email; user groups; the caller's
 * own private groups and those whose members may view them. Prefix matches first, at most 20.
 */
describe.each(dialects)('directory search on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let robin: VaultClient;
  let tessa: VaultClient;
  let zedna: VaultClient;
  const groups: Record<string, string> = {};

  async function person(username: string, name: string, email: string) {
    const { code } = await invite(s.services, { username, name, email });
    return new VaultClient(s.url, username).enroll(code);
  }

  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    robin = await person('rsmith', 'Robin Smith', 'robin.smith@corp.example');
    tessa = await person('tquinn', 'Tessa Quinn', 'tq@example.com');
    // 25 people whose *later* name word starts with "zed", then one whose name does, enrolled last
    for (let i = 1; i <= 25; i += 5)
      await Promise.all(
        [0, 1, 2, 3, 4].map((k) =>
          person(`zw${i + k}`, `Member ${String(i + k).padStart(2, '0')} Zedwick`, `m${i + k}@example.com`),
        ),
      );
    zedna = await person('zlast', 'Zedna Last', 'zl@example.com');
    await invite(s.services, { username: 'zpending', name: 'Zed Pending', email: 'zed.pending@example.com' });

    // private groups: alice's enabled and disabled ones, bob's closed and open (members may view) ones
    groups.aliceCrew = (await org.alice.createPrivateGroup('Quartz Crew')).view.id;
    groups.aliceOff = (await org.alice.createPrivateGroup('Quartz Retired')).view.id;
    expect((await org.alice.call('PATCH', `/v1/groups/${groups.aliceOff}`, { enabled: false })).status).toBe(200);
    groups.bobClosed = (await org.bob.createPrivateGroup('Onyx Closed')).view.id;
    const open = await org.bob.createPrivateGroup('Onyx Open');
    groups.bobOpen = open.view.id;
    expect((await org.bob.call('PATCH', `/v1/groups/${groups.bobOpen}`, { membersCanView: true })).status).toBe(200);
    for (const id of [groups.bobClosed, groups.bobOpen])
      await org.bob.addMember(id, await groupKeyOf(org.bob, id), org.carol.me());
  });
  afterAll(() => s?.close());

  const names = (r: DirectoryEntry[]) => r.map((x) => x.name);
  const users = (r: DirectoryEntry[]) => r.filter((x) => x.kind === 'user').map((x) => x.name);

  it('finds a user by the start of the name, case-insensitively', async () => {
    expect(users(await org.alice.search('Rob'))).toEqual(['Robin Smith']);
    expect(users(await org.alice.search('ROBIN SM'))).toEqual(['Robin Smith']);
  });

  it('finds a user by a later word of the name', async () => {
    expect(users(await org.alice.search('smi'))).toEqual(['Robin Smith']);
    expect(users(await org.alice.search('tester')).sort()).toEqual([
      'Bob Tester',
      'Carol Tester',
      'Dave Tester',
      'Erin Tester',
      'Frank Tester',
    ]);
  });

  it('finds a user by username and by email', async () => {
    expect(users(await org.alice.search('rsm'))).toEqual(['Robin Smith']);
    expect(users(await org.alice.search('robin.smith@corp'))).toEqual(['Robin Smith']);
    expect(users(await org.alice.search('tq@example.com'))).toEqual(['Tessa Quinn']);
  });

  it('ranks prefix matches before word matches', async () => {
    const r = await org.alice.search('tes');
    expect(r[0]!.name).toBe('Tessa Quinn');
    expect(names(r.slice(1)).sort()).toEqual([
      'Bob Tester',
      'Carol Tester',
      'Dave Tester',
      'Erin Tester',
      'Frank Tester',
    ]);
  });

  it('returns at most 20, the prefix match first even when 25 word matches exist', async () => {
    const r = await org.alice.search('zed');
    expect(r).toHaveLength(20);
    expect(r[0]!.name).toBe('Zedna Last');
    expect(r.slice(1).every((x) => / Zedwick$/.test(x.name))).toBe(true);
    expect(new Set(r.map((x) => x.id)).size).toBe(20);
    expect(await org.alice.search('member')).toHaveLength(20);
    const five = await org.alice.call<{ results: DirectoryEntry[] }>('GET', '/v1/directory/search?q=zedwick&limit=5');
    expect(five.body.results).toHaveLength(5);
    const tooMany = await expectRefused(s, 400, 'invalid_request', () =>
      org.alice.call('GET', '/v1/directory/search?q=zed&limit=21'),
    );
    expect(errorPaths(tooMany)).toEqual(['limit']);
  });

  it('leaves out pending users until they enroll, and the caller themselves', async () => {
    expect(await org.alice.search('zed pending')).toEqual([]);
    expect(await org.alice.search('zpending')).toEqual([]);
    expect(users(await org.alice.search('erin'))).toEqual(['Erin Tester']); // erin is pending in a group, not as a user
    expect(users(await org.alice.search('alice'))).toEqual([]);
    expect(users(await org.bob.search('alice'))).toEqual(['Alice Tester']);
    expect(users(await org.alice.search('tester'))).not.toContain('Alice Tester');
  });

  it('treats the query as text, not as a pattern', async () => {
    for (const q of ['%', '_', '%tester', 'b_b', '*']) expect(await org.alice.search(q), q).toEqual([]);
  });

  it('lists user groups, to anyone, with their member count (pending members included)', async () => {
    for (const who of [org.alice, org.dave, org.carol]) {
      const ops = (await who.search('ops')).filter((x) => x.kind === 'group') as DirectoryGroup[];
      expect(ops).toEqual([
        expect.objectContaining({
          kind: 'group',
          id: org.ops.id,
          name: 'Ops',
          groupKind: 'user',
          memberCount: 3,
          publicKey: org.ops.publicKey,
        }),
      ]);
    }
  });

  it("includes the caller's own enabled private groups, never disabled ones or other people's", async () => {
    expect(names(await org.alice.search('quartz'))).toEqual(['Quartz Crew']);
    expect((await org.alice.search('crew'))[0]).toMatchObject({
      id: groups.aliceCrew,
      groupKind: 'private',
      memberCount: 0,
    });
    expect(await org.alice.search('onyx')).toEqual([]);
    expect(await org.bob.search('quartz')).toEqual([]);
    expect(names(await org.bob.search('onyx')).sort()).toEqual(['Onyx Closed', 'Onyx Open']);
  });

  it('includes a private group for its members only when the owner lets members view it', async () => {
    const forCarol = await org.carol.search('onyx');
    expect(forCarol).toEqual([
      expect.objectContaining({ id: groups.bobOpen, name: 'Onyx Open', groupKind: 'private', memberCount: 1 }),
    ]);
    expect(await org.dave.search('onyx')).toEqual([]);
  });

  it('gives every result its public key and the 64-hex fingerprint of that key', async () => {
    const all = [
      ...(await org.alice.search('tes')),
      ...(await org.alice.search('ops')),
      ...(await org.alice.search('quartz')),
      ...(await org.bob.search('zedn')),
    ];
    expect(all.length).toBeGreaterThan(7);
    for (const r of all) {
      expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(r.fingerprint).toBe(await fingerprintOf(r.publicKey));
    }
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const c of [tessa, org.bob, zedna]) expect(byId.get(c.userId)?.publicKey).toBe(c.publicKey);
    expect(byId.get(robin.userId)).toBeUndefined();
  });

  it('an empty or blank query → 400 naming q', async () => {
    for (const query of ['q=', 'q=%20%20', ''])
      expect(
        errorPaths(
          await expectRefused(s, 400, 'invalid_request', () => org.alice.call('GET', `/v1/directory/search?${query}`)),
        ),
      ).toEqual(['q']);
  });

  it('finds what people type: a word after punctuation, an email domain, three letters inside a name', async () => {
    const oncall = (await org.alice.createPrivateGroup('Payments on-call')).view.id;
    for (const q of ['on-call', 'call', 'payments on', 'ments'])
      expect(
        (await org.alice.search(q)).map((x) => x.id),
        q,
      ).toContain(oncall);
    expect(users(await org.alice.search('corp.example'))).toEqual(['Robin Smith']);
    const domain = (await org.alice.search('example.com')).filter((x) => x.kind === 'user');
    expect(domain.length).toBe(20);
    expect(domain.every((x) => x.kind === 'user' && x.email.endsWith('@example.com'))).toBe(true);
    expect(users(await org.alice.search('arol'))).toEqual(['Carol Tester']);
    expect(users(await org.alice.search('ar'))).toEqual([]); // two letters match word starts only
    expect(users(await org.alice.search('uinn'))).toEqual(['Tessa Quinn']);
  });

  it('ranks exact, then start of the name, then start of a later word, then inside', async () => {
    const { code } = await invite(s.services, { username: 'quinnie', name: 'Quinn Avery', email: 'qa@example.com' });
    const quinn = await new VaultClient(s.url, 'quinnie').enroll(code);
    const { code: c2 } = await invite(s.services, {
      username: 'mquinnell',
      name: 'Mara Dequinn',
      email: 'md@example.com',
    });
    await new VaultClient(s.url, 'mquinnell').enroll(c2);
    expect(users(await org.alice.search('quinn'))).toEqual(['Quinn Avery', 'Tessa Quinn', 'Mara Dequinn']);
    expect(users(await org.alice.search('quinnie'))[0]).toBe('Quinn Avery');
    expect((await org.alice.search('qa@example.com'))[0]!.id).toBe(quinn.userId);
  });

  it('says when the query matches the caller, who is never a result', async () => {
    const mine = await org.alice.call<{ results: DirectoryEntry[]; matchesYou: boolean }>(
      'GET',
      '/v1/directory/search?q=alice',
    );
    expect(mine.body).toEqual({ results: [], matchesYou: true });
    const bobs = await org.bob.call<{ results: DirectoryEntry[]; matchesYou: boolean }>(
      'GET',
      '/v1/directory/search?q=alice',
    );
    expect(bobs.body.matchesYou).toBe(false);
    // "tester" matches more than a page of other people before alice in index order: she is still told
    const many = await org.alice.call<{ results: DirectoryEntry[]; matchesYou: boolean }>(
      'GET',
      '/v1/directory/search?q=tester&limit=2',
    );
    expect(many.body.results).toHaveLength(2);
    expect(many.body.matchesYou).toBe(true);
    expect(users(bobs.body.results)).toEqual(['Alice Tester']);
  });

  it('a user found after enrolling, not before', async () => {
    const { code } = await invite(s.services, { username: 'yara', name: 'Yara Newcomer', email: 'yara@example.com' });
    expect(await org.alice.search('yara')).toEqual([]);
    const yara = await new VaultClient(s.url, 'yara').enroll(code);
    expect(await org.alice.search('yara')).toEqual([
      expect.objectContaining({
        kind: 'user',
        id: yara.userId,
        username: 'yara',
        email: 'yara@example.com',
        publicKey: yara.publicKey,
      }),
    ]);
  });
});
