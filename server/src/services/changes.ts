import type { Tx } from '../db/tx';

/**
 * What a change row names: a secret, a group, a directory user, or (`group_secrets`, addressed to one member)
 * every secret of a group at once: the member joined, left, or the group was enabled or disabled.
 */
type Entity = 'secret' | 'group' | 'user' | 'group_secrets';

/** Records that `entity` changed for each of these users; the change feed serves it to them. */
export async function notify(tx: Tx, userIds: Iterable<string>, entity: Entity, entityId: string): Promise<void> {
  const rows = [...new Set(userIds)].map((user_id) => ({ user_id, entity, entity_id: entityId }));
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('changes')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A change everybody's feed carries (directory users). */
export const notifyAll = (tx: Tx, entity: Entity, entityId: string) => notify(tx, [''], entity, entityId);

/** Active members of a group: they hold its key, so they reach what is shared with it. */
export async function activeMembers(tx: Tx, groupId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('group_members.user_id')
    .where('group_members.group_id', '=', groupId)
    .where('group_members.is_member', '=', 1)
    .where('group_members.grant', 'is not', null)
    .where('groups.enabled', '=', 1)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Everyone who can see a secret right now: its owner, its direct users, and active members of its groups. */
export async function secretAudience(tx: Tx, secretId: string): Promise<Set<string>> {
  const secret = await tx.selectFrom('secrets').select('owner_id').where('id', '=', secretId).executeTakeFirst();
  const out = new Set<string>(secret ? [secret.owner_id] : []);
  const entries = await tx
    .selectFrom('access_entries')
    .select(['recipient_kind', 'recipient_id'])
    .where('secret_id', '=', secretId)
    .execute();
  for (const e of entries) {
    if (e.recipient_kind === 'user') out.add(e.recipient_id);
    else for (const u of await activeMembers(tx, e.recipient_id)) out.add(u);
  }
  return out;
}

/**
 * Tells these users that every secret shared with a group appeared or left their view. One row per user,
 * whatever the group holds: the sync expands it into the group's secrets (see {@link groupSecretIds}), so
 * adding or removing a member of a group holding thousands of secrets costs what it costs for one.
 */
export async function notifyGroupSecrets(tx: Tx, groupId: string, userIds: string[]): Promise<void> {
  await notify(tx, userIds, 'group_secrets', groupId);
}

/**
 * The group's own feed: the secrets shared with it and unshared from it, in order. Whoever left the group
 * before such an unshare was no longer told of it, yet still holds the secret from when they were a member;
 * their sync finds it here. The shares tell the sync which secrets were shared at the moment someone joined
 * or left, so it names to them no secret shared only while they were out.
 */
const groupFeed = (groupId: string) => `group:${groupId}`;

/** Records that a secret stopped being shared with a group (see {@link groupFeed}). */
export async function noteUnsharedFromGroup(tx: Tx, groupId: string, secretId: string): Promise<void> {
  await tx
    .insertInto('changes')
    .values({ user_id: groupFeed(groupId), entity: 'secret', entity_id: secretId })
    .execute();
}

/** Records that a secret was shared with a group (see {@link groupFeed}). */
export async function noteSharedWithGroup(tx: Tx, groupId: string, secretId: string): Promise<void> {
  await tx
    .insertInto('changes')
    .values({ user_id: groupFeed(groupId), entity: 'group_shared', entity_id: secretId })
    .execute();
}

/** A `group_secrets` change addressed to the syncing user: the group, and where it sits in the feed. */
export type GroupMark = { groupId: string; seq: number };

/**
 * What the `group_secrets` changes addressed to a member stand for, read when they sync: the secrets that
 * were shared with each group at the moment of one of those changes (each is written when the member joins,
 * leaves, or the group is enabled or disabled for them, so they reached every such secret just before or just
 * after it). That is the secrets shared with the group now, and those unshared since the member's cursor,
 * less any whose share came after the member's last change (shared while they were out) or, for an unshared
 * one, whose whole time in the group fell between two of their changes. The sync then re-reads each one's
 * visibility: a secret reached otherwise stays, one that left their view is removed. Three queries, whatever
 * the groups hold; the group feed is read only within the cursor's window. At most `limit` ids.
 */
export async function groupSecretIds(
  tx: Tx,
  marks: GroupMark[],
  after: { from: number; to: number },
  limit: number,
): Promise<string[]> {
  const groupIds = [...new Set(marks.map((m) => m.groupId))];
  if (!groupIds.length) return [];
  const seqs = new Map<string, number[]>(groupIds.map((g) => [g, []]));
  for (const m of marks) seqs.get(m.groupId)!.push(m.seq);
  /** Whether the member has a change for the group at a seq in [lo, hi). */
  const marked = (groupId: string, lo: number, hi: number) => seqs.get(groupId)!.some((r) => r >= lo && r < hi);

  const shared = await tx
    .selectFrom('access_entries')
    .select(['secret_id', 'recipient_id'])
    .where('recipient_kind', '=', 'group')
    .where('recipient_id', 'in', groupIds)
    .limit(limit)
    .execute();
  const feed = await tx
    .selectFrom('changes')
    .select(['seq', 'user_id', 'entity', 'entity_id'])
    .where('user_id', 'in', groupIds.map(groupFeed))
    .where('seq', '>', after.from)
    .where('seq', '<=', after.to)
    .orderBy('seq')
    .limit(limit)
    .execute();
  // Each (group, secret)'s shares within the window, in order; before the window it counts as shared
  // since forever (shares made before the feed recorded them have no row either).
  const shares = new Map<string, number[]>();
  const pair = (groupId: string, secretId: string) => `${groupId}/${secretId}`;
  for (const e of feed)
    if (e.entity === 'group_shared') {
      const k = pair(e.user_id.slice('group:'.length), e.entity_id);
      shares.set(k, [...(shares.get(k) ?? []), Number(e.seq)]);
    }
  /** The seq of the last share of the secret with the group before `before`, or -Infinity. */
  const sharedSince = (groupId: string, secretId: string, before: number) =>
    Math.max(-Infinity, ...(shares.get(pair(groupId, secretId)) ?? []).filter((x) => x < before));

  const out = new Set<string>();
  for (const r of shared)
    if (marked(r.recipient_id, sharedSince(r.recipient_id, r.secret_id, Infinity), Infinity)) out.add(r.secret_id);
  for (const e of feed) {
    if (e.entity !== 'secret') continue;
    const groupId = e.user_id.slice('group:'.length);
    const at = Number(e.seq);
    if (marked(groupId, sharedSince(groupId, e.entity_id, at), at)) out.add(e.entity_id);
  }
  return [...out];
}
