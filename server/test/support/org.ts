import { invite } from '../../src/services/accounts';
import { createGroupAsAdmin } from '../../src/admin/user-groups';
import { addPendingMember } from '../../src/services/groups';
import type { TestServer } from './harness';
import { VaultClient } from './client';

/** A small organisation: alice owns, bob and carol receive, carol is in "Ops", erin is a pending member of "Ops", dave is a stranger. */
export async function buildOrg(s: TestServer) {
  const people: Record<string, VaultClient> = {};
  for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
    const { code } = await invite(s.services, {
      username: name,
      name: `${name[0]!.toUpperCase()}${name.slice(1)} Tester`,
      email: `${name}@example.com`,
    });
    people[name] = await new VaultClient(s.url, name).enroll(code);
  }
  const ops = await createGroupAsAdmin(s.services, { name: 'Ops', managers: ['frank'], members: ['carol'] });
  await people.frank!.approve(ops.id, people.carol!.me()); // the administrator's tool leaves members pending
  await addPendingMember(s.services, ops.id, people.erin!.userId);
  const g = await s.store.db
    .selectFrom('groups')
    .select(['id', 'public_key'])
    .where('id', '=', ops.id)
    .executeTakeFirstOrThrow();
  return {
    ...(people as Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'frank', VaultClient>),
    ops: { kind: 'group' as const, id: g.id, publicKey: g.public_key },
  };
}
