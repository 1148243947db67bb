import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretSummary } from '../../utils/contract';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

/**
 * Membership changes write one change row per member, whatever the group holds; the member's next sync
 * expands it into the group's secrets, so they gain or lose them all, including those unshared from the group
 * after they left it.
 */
describe.each(dialects)('group changes in the feed on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let crew: Awaited<ReturnType<(typeof org)['bob']['createPrivateGroup']>>;
  let held: string[]; // every secret shared with the crew
  let model: SecretSummary;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    org = await buildOrg(s);
    crew = await org.bob.createPrivateGroup('Crew');
    model = await org.bob.createSecret({ name: 'Crew model', clientSecret: 'm' });
    await org.bob.share(model.id, [{ kind: 'group', id: crew.view.id, publicKey: crew.view.publicKey }]);
    // 300 more, copied in the database with the model's access entry: the test is about the feed, and
    // creating them through the API would measure the machine.
    const row = await s.store.db.selectFrom('secrets').selectAll().where('id', '=', model.id).executeTakeFirstOrThrow();
    const entry = await s.store.db
      .selectFrom('access_entries')
      .selectAll()
      .where('secret_id', '=', model.id)
      .executeTakeFirstOrThrow();
    const copies = Array.from({ length: 300 }, (_, i) => ({ ...row, id: randomUUID(), name: `Crew ${i}` }));
    await s.store.db.insertInto('secrets').values(copies).execute();
    await s.store.db
      .insertInto('access_entries')
      .values(copies.map((c) => ({ ...entry, secret_id: c.id })))
      .execute();
    held = [model.id, ...copies.map((c) => c.id)].sort();
  });
  afterAll(() => s?.close());

  const feedRows = async (after: string) =>
    s.store.db
      .selectFrom('changes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('seq', '>', Number(after))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  it('adding a member writes a change per person told, not per secret; the member gains every secret on sync', async () => {
    const cursor = (await org.carol.sync()).cursor;
    await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.carol.me());
    // bob (the manager) and carol are told the group changed; carol that its secrets are hers: 3 rows, not 301
    expect(await feedRows(cursor)).toBe(3);
    const feed = await org.carol.sync(cursor);
    expect(feed.full).toBe(false);
    expect(ids(feed.secrets)).toEqual(held);
    expect(feed.removedSecrets).toEqual([]);
    expect(feed.groups.map((g) => g.id)).toEqual([crew.view.id]);
  });

  it('removing a member costs as little, and the member loses every secret on sync', async () => {
    const cursor = (await org.carol.sync()).cursor;
    expect((await org.bob.call('DELETE', `/v1/groups/${crew.view.id}/members/${org.carol.userId}`)).status).toBe(200);
    expect(await feedRows(cursor)).toBe(3);
    const feed = await org.carol.sync(cursor);
    expect(feed.secrets).toEqual([]);
    expect([...feed.removedSecrets].sort()).toEqual(held);
  });

  it('a secret unshared from the group after a member left still leaves that member’s view', async () => {
    await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.dave.me());
    const cursor = (await org.dave.sync()).cursor;
    expect((await org.dave.sync()).secrets.map((x) => x.id)).toContain(model.id);
    expect((await org.bob.call('DELETE', `/v1/groups/${crew.view.id}/members/${org.dave.userId}`)).status).toBe(200);
    // dave no longer hears of the model: he is not in its audience when bob unshares it
    await org.bob.share(model.id, []);
    const feed = await org.dave.sync(cursor);
    expect(feed.removedSecrets).toContain(model.id);
    expect(feed.removedSecrets).toHaveLength(held.length);
    expect(feed.secrets).toEqual([]);
  });

  it('a secret also shared directly stays when its group leaves; a later member gains only what is still shared', async () => {
    const direct = await org.bob.createSecret({ name: 'Crew and Frank', clientSecret: 'f' });
    await org.bob.share(direct.id, [
      org.frank.me(),
      { kind: 'group', id: crew.view.id, publicKey: crew.view.publicKey },
    ]);
    await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.frank.me());
    const cursor = (await org.frank.sync()).cursor;
    expect((await org.bob.call('DELETE', `/v1/groups/${crew.view.id}/members/${org.frank.userId}`)).status).toBe(200);
    const feed = await org.frank.sync(cursor);
    expect(feed.removedSecrets).not.toContain(direct.id);
    expect(feed.secrets.map((x) => x.id)).toEqual([direct.id]);

    const before = (await org.alice.sync()).cursor;
    await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.alice.me());
    const alices = await org.alice.sync(before);
    // the model was unshared from the crew above: alice never gains it
    expect(alices.secrets.map((x) => x.id)).not.toContain(model.id);
    expect(alices.secrets).toHaveLength(held.length); // the 300 copies and the direct one
  });

  it('a former member’s sync names no secret shared with the group after they left, nor one shared and unshared meanwhile', async () => {
    const crewRef = { kind: 'group' as const, id: crew.view.id, publicKey: crew.view.publicKey };
    await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.erin.me());
    const cursor = (await org.erin.sync()).cursor;
    const erins = (await org.erin.sync()).secrets;
    const hadThroughCrew = erins.map((x) => x.id);
    expect(hadThroughCrew.length).toBeGreaterThan(0);
    expect((await org.bob.call('DELETE', `/v1/groups/${crew.view.id}/members/${org.erin.userId}`)).status).toBe(200);
    const later = await org.bob.createSecret({ name: 'Crew after erin', clientSecret: 'l' });
    await org.bob.share(later.id, [crewRef]);
    const brief = await org.bob.createSecret({ name: 'Crew for a moment', clientSecret: 'b' });
    await org.bob.share(brief.id, [crewRef]);
    await org.bob.share(brief.id, []);
    // a secret erin held when she left, unshared after she left: it must still leave her view
    const held = erins.find((x) => x.name === 'Crew and Frank')!.id;
    await org.bob.share(held, [org.frank.me()]);

    const feed = await org.erin.sync(cursor);
    const named = [...feed.removedSecrets, ...feed.secrets.map((x) => x.id)];
    expect(named).not.toContain(later.id);
    expect(named).not.toContain(brief.id);
    expect([...feed.removedSecrets].sort()).toEqual([...hadThroughCrew].sort());
  });

  it('a new member’s sync names no secret that was unshared from the group before they joined', async () => {
    const crewRef = { kind: 'group' as const, id: crew.view.id, publicKey: crew.view.publicKey };
    const cursor = (await org.dave.sync()).cursor;
    const gone = await org.bob.createSecret({ name: 'Crew before dave', clientSecret: 'g' });
    await org.bob.share(gone.id, [crewRef]);
    await org.bob.share(gone.id, []);
    await org.bob.addMember(crew.view.id, crew.keys.privateKeyPkcs8, org.dave.me());
    const feed = await org.dave.sync(cursor);
    expect([...feed.removedSecrets, ...feed.secrets.map((x) => x.id)]).not.toContain(gone.id);
    expect(feed.secrets.length).toBeGreaterThan(0);
    expect(feed.removedSecrets).toEqual([]);
  });
});
