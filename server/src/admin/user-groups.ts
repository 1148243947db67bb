import { createGrant, newGroupKeys, newId } from '../../../utils/crypto';
import { Invalid, NotFound, Unprocessable } from '../services/errors';
import type { Services } from '../services';
import { createUserGroup } from '../services/groups';

async function userByName(s: Services, username: string) {
  const u = await s.store.db
    .selectFrom('users')
    .select(['id', 'status', 'public_key', 'name'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
  if (!u) throw new NotFound('This user', `There is no user "${username}".`);
  return u;
}

/**
 * Creates a user group as the administrator's client: the group's key pair is made here, granted to the
 * managers only, then forgotten. Those grants are unsigned (this tool holds no one's signing key); each
 * manager's extension adopts its own once and re-signs it (docs/crypto.md, "Group members: approval").
 * Every other member is pending until a manager approves them in the extension.
 */
export async function createGroupAsAdmin(
  s: Services,
  input: { name: string; description?: string; managers: string[]; members: string[] },
) {
  if (!input.managers.length)
    throw new Invalid('manager_required', 'A user group needs at least one manager, who completes pending members.');
  const keys = await newGroupKeys();
  const id = newId();
  const people = new Map<string, boolean>();
  for (const u of input.members) people.set(u.toLowerCase(), false);
  for (const u of input.managers) people.set(u.toLowerCase(), true);
  const members = [];
  for (const [username, manager] of people) {
    const u = await userByName(s, username);
    if (manager && u.status !== 'active')
      throw new Unprocessable('recipient_not_enrolled', `The manager ${u.name} must enroll first.`);
    const grant =
      manager && u.status === 'active' && u.public_key
        ? await createGrant(
            {
              subjectKind: 'group',
              subjectId: id,
              recipientKind: 'user',
              recipientId: u.id,
              recipientPublicKey: u.public_key,
            },
            keys.privateKeyPkcs8,
          )
        : null;
    members.push({ userId: u.id, manager, grant });
  }
  await createUserGroup(s, {
    id,
    name: input.name,
    description: input.description,
    publicKey: keys.publicKey,
    members,
  });
  return { id, pending: members.filter((m) => !m.grant).length };
}

export async function groupByName(s: Services, name: string) {
  const g = await s.store.db
    .selectFrom('groups')
    .select(['id', 'kind'])
    .where('name', '=', name)
    .where('kind', '=', 'user')
    .executeTakeFirst();
  if (!g) throw new NotFound('This user group', `There is no user group named "${name}".`);
  return g;
}

export { userByName };
