import type { AccessList } from '@/utils/contract';
import type { Unlocked } from '@/utils/secrets/context';
import { VaultError } from '@/utils/vault/errors';

/** Stores an access list for the details and the panel (and for the next share to compare against). */
export async function cacheAccess(u: Pick<Unlocked, 'db'>, list: AccessList, now = new Date()): Promise<void> {
  await u.db.put('access', {
    secretId: list.secretId,
    accessRevision: list.accessRevision,
    list,
    fetchedAt: now.toISOString(),
  });
}

/**
 * Brings the cached secret in line with a list the server just returned (Shared, counts, revision), so the
 * popup shows the outcome at once; the sync that follows every write confirms it.
 */
export async function reflectInSecret(u: Pick<Unlocked, 'db'>, list: AccessList): Promise<void> {
  const s = await u.db.get('secrets', list.secretId);
  if (!s || s.accessRevision > list.accessRevision) return;
  const users = list.entries.filter((e) => e.recipientKind === 'user');
  const groups = list.entries.filter((e) => e.recipientKind === 'group');
  // The server names the first two, users first, in the list's order: the same here until the sync confirms it.
  const named = [...users, ...groups]
    .slice(0, 2)
    .map((e) => ({ kind: e.recipientKind, id: e.recipientId, name: e.name }));
  await u.db.put('secrets', {
    ...s,
    shared: list.entries.length > 0,
    accessRevision: list.accessRevision,
    access: { users: users.length, groups: groups.length, named },
  });
}

/** Fetches a secret's access list from the server and caches it. */
export async function fetchAccess(u: Unlocked, secretId: string): Promise<AccessList> {
  const list = await u.client.call('getAccess', { params: { id: secretId } });
  await cacheAccess(u, list);
  return list;
}

/**
 * The list a share was based on: the cached one when it is that revision, the server's otherwise. If the
 * server is already past the base revision, the user decided on an outdated list.
 * @throws {@link VaultError} `stale_access_revision`
 */
export async function baseList(u: Unlocked, secretId: string, baseRevision: number): Promise<AccessList> {
  const cached = await u.db.get('access', secretId);
  const list = cached?.accessRevision === baseRevision ? cached.list : await fetchAccess(u, secretId);
  if (list.accessRevision !== baseRevision) throw new VaultError('stale_access_revision');
  return list;
}
