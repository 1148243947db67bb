import { randomUUID } from 'node:crypto';
import type { Row } from '../lib/report';
import { alternate, median, spread } from '../lib/stats';
import { benchServer, benchUser, serverTime } from './bench-server';
import { populateDirectory, populateSecrets } from './populate';
import type { VaultClient } from '../../server/test/support/client';

type Group = Awaited<ReturnType<VaultClient['createPrivateGroup']>>;

/** Shares every secret of `owner` named like `prefix%` with a group, copying one real grant (the bench measures membership). */
async function shareAllWith(
  s: Awaited<ReturnType<typeof benchServer>>,
  owner: VaultClient,
  group: Group,
  count: number,
) {
  const secret = await owner.createSecret({ name: `Group model ${group.view.id}`, clientSecret: 'model' });
  const shared = await owner.share(secret.id, [{ kind: 'group', id: group.view.id, publicKey: group.view.publicKey }]);
  const grant = await s.store.db
    .selectFrom('access_entries')
    .select('grant')
    .where('secret_id', '=', secret.id)
    .where('recipient_id', '=', group.view.id)
    .executeTakeFirstOrThrow();
  void shared;
  const ids = (
    await s.store.db
      .selectFrom('secrets')
      .select('id')
      .where('owner_id', '=', owner.userId)
      .where('name', 'like', 'Service %')
      .limit(count - 1)
      .execute()
  ).map((r) => r.id);
  const now = new Date().toISOString();
  for (let i = 0; i < ids.length; i += 500)
    await s.store.db
      .insertInto('access_entries')
      .values(
        ids.slice(i, i + 500).map((secret_id) => ({
          secret_id,
          recipient_kind: 'group' as const,
          recipient_id: group.view.id,
          can_edit: 0,
          grant: grant.grant,
          created_at: now,
        })),
      )
      .execute();
}

/**
 * Group membership with many secrets: adding and removing a member of a group holding 5,000 secrets against
 * one holding a single secret (each alternated with the other); sharing one secret with a group of 1,000
 * members against sharing it with one person, and how many grants each share carries.
 */
export async function groupsBench(opts: { smoke: boolean }): Promise<Row[]> {
  const s = await benchServer();
  try {
    const big = opts.smoke ? 200 : 5_000;
    const members = opts.smoke ? 50 : 1_000;
    const owner = await benchUser(s, 'bench.groups');
    const member = await benchUser(s, 'bench.member');
    await populateSecrets(s, { id: owner.userId, publicKey: owner.publicKey }, big);
    const large = await owner.createPrivateGroup('Holds many');
    const small = await owner.createPrivateGroup('Holds one');
    await shareAllWith(s, owner, large, big);
    await shareAllWith(s, owner, small, 1);

    const cycle = (g: Group) => async () => {
      const add = await owner.call('POST', `/v1/groups/${g.view.id}/members`, {
        userId: member.userId,
        grant: await owner.grant('group', g.view.id, member.me(), g.keys.privateKeyPkcs8),
      });
      if (add.status !== 200) throw new Error(`add member → ${add.status}`);
      const remove = await owner.call('DELETE', `/v1/groups/${g.view.id}/members/${member.userId}`);
      if (remove.status !== 200) throw new Error(`remove member → ${remove.status}`);
      return serverTime(add.headers) + serverTime(remove.headers);
    };
    const n = opts.smoke ? 3 : 15;
    const { a: many, b: one } = await alternate(n, cycle(large), cycle(small));

    // A group of 1,000 members, filled in the database with a copied key grant (enrolling 1,000 people would
    // measure PBKDF2 and Argon2, not sharing).
    const crowd = await owner.createPrivateGroup('A crowd');
    await populateDirectory(s, members, 0);
    const model = await s.store.db
      .selectFrom('group_members')
      .select('grant')
      .where('group_id', '=', crowd.view.id)
      .executeTakeFirstOrThrow();
    const people = (
      await s.store.db
        .selectFrom('users')
        .select('id')
        .where('username', 'not like', 'bench.%')
        .limit(members)
        .execute()
    ).map((r) => r.id);
    const now = new Date().toISOString();
    for (let i = 0; i < people.length; i += 500)
      await s.store.db
        .insertInto('group_members')
        .values(
          people.slice(i, i + 500).map((user_id) => ({
            group_id: crowd.view.id,
            user_id,
            is_member: 1,
            is_manager: 0,
            grant: model.grant,
            created_at: now,
          })),
        )
        .execute();
    const grants = { crowd: [] as number[], one: [] as number[] };
    const shareWith =
      (to: { kind: 'user' | 'group'; id: string; publicKey: string }, counted: number[]) => async () => {
        const secret = await owner.createSecret({ name: `Crowd ${randomUUID()}`, clientSecret: 'c' });
        const body = await owner.accessBody(secret.id, secret.accessRevision, [to]);
        const r = await owner.call('PUT', `/v1/secrets/${secret.id}/access`, body);
        if (r.status !== 200) throw new Error(`share → ${r.status}`);
        counted.push(body.entries.filter((e) => e.grant).length);
        return serverTime(r.headers);
      };
    const { a: toCrowd, b: toOne } = await alternate(
      opts.smoke ? 3 : 11,
      shareWith({ kind: 'group', id: crowd.view.id, publicKey: crowd.view.publicKey }, grants.crowd),
      shareWith(member.me(), grants.one),
    );
    // What the server keeps per share: access entries naming the group (each holds the one grant).
    const stored = await s.store.db
      .selectFrom('access_entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('recipient_id', '=', crowd.view.id)
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== toCrowd.length + 1)
      throw new Error(`${stored.n} access entries for ${toCrowd.length + 1} shares with the group`);

    return [
      {
        section: 'groups',
        figure: `add + remove a member, group holding ${big.toLocaleString('en')} secrets: server median`,
        value: median(many),
        unit: 'ms',
        budget: 100,
        maxRatio: 3,
        spread: spread(many),
        baseline: { label: 'group holding 1 secret', value: median(one) },
      },
      {
        section: 'groups',
        figure: `share 1 secret with a group of ${members.toLocaleString('en')} members: server median`,
        value: median(toCrowd),
        unit: 'ms',
        budget: null,
        spread: spread(toCrowd),
        baseline: { label: 'share with 1 person', value: median(toOne) },
      },
      {
        section: 'groups',
        figure: `share 1 secret with a group of ${members.toLocaleString('en')} members: grants sent and stored`,
        value: Math.max(...grants.crowd),
        unit: 'grants',
        budget: 2,
        baseline: { label: 'share with 1 person', value: Math.max(...grants.one) },
      },
    ];
  } finally {
    await s.close();
  }
}
