import type { AccessEntry, AccessList, PutAccessRequest } from '../../../utils/contract';
import { Conflict, Forbidden, Invalid, NotFound, Unprocessable } from './errors';
import { write, type Tx } from '../db/tx';
import type { Db } from '../db/connect';
import type { Ctx } from './context';
import { nowIso } from './clock';
import { audit } from './audit';
import { notify, noteSharedWithGroup, noteUnsharedFromGroup, secretAudience } from './changes';
import { checkGrant, checkSignature } from './grants';
import { canSeeGroup, mayListMembers } from './group-queries';
import { userRefs } from './users';
import { visibleSecret } from './visibility';
import { toAccessEntry } from './to-contract';

/**
 * Who has access, as `viewerId` may see it: the owner, then each user and group. A group shows its name, kind
 * and member count to everyone who sees the secret, and its members only to those allowed to list them.
 */
export async function accessList(db: Db | Tx, secretId: string, viewerId: string): Promise<AccessList> {
  const s = await db
    .selectFrom('secrets')
    .select(['owner_id', 'access_revision'])
    .where('id', '=', secretId)
    .executeTakeFirstOrThrow();
  const rows = await db.selectFrom('access_entries').selectAll().where('secret_id', '=', secretId).execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'username', 'email', 'fingerprint'])
    .where('id', 'in', [s.owner_id, ...rows.map((r) => r.recipient_id)])
    .execute();
  const groupIds = rows.filter((r) => r.recipient_kind === 'group').map((r) => r.recipient_id);
  const groups = groupIds.length
    ? await db
        .selectFrom('groups')
        .select(['id', 'name', 'kind', 'fingerprint', 'members_can_view'])
        .where('id', 'in', groupIds)
        .execute()
    : [];
  const mine = groupIds.length
    ? await db
        .selectFrom('group_members')
        .select(['group_id', 'is_member', 'is_manager'])
        .where('user_id', '=', viewerId)
        .where('group_id', 'in', groupIds)
        .execute()
    : [];
  const members = groupIds.length
    ? await db
        .selectFrom('group_members')
        .innerJoin('users', 'users.id', 'group_members.user_id')
        .select(['group_members.group_id', 'users.id', 'users.name', 'users.username', 'group_members.grant'])
        .where('group_members.group_id', 'in', groupIds)
        .where('group_members.is_member', '=', 1)
        .orderBy('users.name')
        .execute()
    : [];
  const entries: AccessEntry[] = rows.map((r) =>
    toAccessEntry(
      r,
      users.find((x) => x.id === r.recipient_id),
      groups.find((x) => x.id === r.recipient_id),
      members.filter((m) => m.group_id === r.recipient_id),
      ((g) =>
        !!g &&
        mayListMembers(
          g,
          mine.find((m) => m.group_id === g.id),
        ))(groups.find((x) => x.id === r.recipient_id)),
    ),
  );
  entries.sort((a, b) =>
    a.recipientKind === b.recipientKind ? a.name.localeCompare(b.name) : a.recipientKind === 'user' ? -1 : 1,
  );
  const owner = (await userRefs(db, [s.owner_id])).get(s.owner_id)!;
  return { secretId, accessRevision: s.access_revision, owner, entries };
}

export async function getAccess(ctx: Ctx, userId: string, secretId: string): Promise<AccessList> {
  if (!(await visibleSecret(ctx.store.db, userId, secretId))) throw new NotFound('This API secret');
  return accessList(ctx.store.db, secretId, userId);
}

type Recipient = { kind: 'user' | 'group'; id: string; name: string; fingerprint: string };

/**
 * Checks that a recipient exists, is enrolled or enabled, and may be shared with by this owner. A rotation
 * re-grants to a disabled group already on the list (`keeping`), so that it opens again when enabled.
 */
export async function resolveRecipient(
  tx: Tx,
  ownerId: string,
  kind: 'user' | 'group',
  id: string,
  keeping = false,
): Promise<Recipient> {
  const gone = new Unprocessable(
    'unknown_recipient',
    'One of the recipients no longer exists. Remove them from the list and try again.',
  );
  if (kind === 'user') {
    const u = await tx
      .selectFrom('users')
      .select(['name', 'status', 'fingerprint'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!u) throw gone;
    if (u.status === 'disabled')
      throw new Unprocessable(
        'recipient_disabled',
        `${u.name}'s account is disabled, so nothing can be shared with them. Remove them from the list.`,
      );
    if (u.status !== 'active')
      throw new Unprocessable(
        'recipient_not_enrolled',
        `${u.name} has not enrolled yet, so nothing can be shared with them.`,
      );
    return { kind, id, name: u.name, fingerprint: u.fingerprint! };
  }
  if (!(await canSeeGroup(tx, ownerId, id))) throw gone;
  const g = (await tx
    .selectFrom('groups')
    .select(['name', 'enabled', 'fingerprint'])
    .where('id', '=', id)
    .executeTakeFirst())!;
  if (!g.enabled && !keeping)
    throw new Unprocessable('group_disabled', `The group "${g.name}" is disabled and cannot be shared with.`);
  return { kind, id, name: g.name, fingerprint: g.fingerprint };
}

/** Replaces a secret's access list inside the caller's transaction; throws (and so rolls back) on anything wrong. */
export async function replaceAccess(
  tx: Tx,
  userId: string,
  secretId: string,
  req: PutAccessRequest,
): Promise<AccessList> {
  const v = await visibleSecret(tx, userId, secretId);
  if (!v) throw new NotFound('This API secret');
  if (!v.isOwner) throw new Forbidden('forbidden', 'Only the owner of this API secret can change who has access.');
  if (v.row.access_revision !== req.baseRevision)
    throw new Conflict(
      'stale_access_revision',
      'Someone else changed who has access meanwhile. Reload the list, check it, and share again.',
    );

  const key = (k: string, id: string) => `${k}:${id}`;
  const seen = new Set<string>();
  for (const e of req.entries) {
    if (e.recipientKind === 'user' && e.recipientId === userId)
      throw new Invalid('owner_in_list', 'You own this API secret; you do not need to share it with yourself.');
    if (seen.has(key(e.recipientKind, e.recipientId)))
      throw new Invalid('duplicate_recipient', 'A recipient appears twice in the list.');
    seen.add(key(e.recipientKind, e.recipientId));
  }
  const current = await tx.selectFrom('access_entries').selectAll().where('secret_id', '=', secretId).execute();
  const before = new Map(current.map((c) => [key(c.recipient_kind, c.recipient_id), c]));
  const audienceBefore = await secretAudience(tx, secretId);
  const now = nowIso();
  const rows = [];
  for (const e of req.entries) {
    const r = await resolveRecipient(tx, userId, e.recipientKind, e.recipientId);
    const old = before.get(key(r.kind, r.id));
    if (!e.grant && !old)
      throw new Invalid('grant_required', `Sharing with ${r.name} needs a key grant made for them.`);
    if (e.grant) {
      checkGrant(e.grant, r);
      await checkSignature(
        tx,
        userId,
        e.grant,
        { subjectKind: 'secret', subjectId: secretId, revision: v.row.key_revision },
        r.name,
      );
    }
    rows.push({
      secret_id: secretId,
      recipient_kind: r.kind,
      recipient_id: r.id,
      can_edit: e.canEdit ? 1 : 0,
      grant: e.grant ? JSON.stringify(e.grant) : old!.grant,
      created_at: old?.created_at ?? now,
    });
  }
  const added = rows.filter((r) => !before.has(key(r.recipient_kind, r.recipient_id)));
  const removed = current.filter((c) => !seen.has(key(c.recipient_kind, c.recipient_id)));
  const changed = rows.filter((r) => {
    const o = before.get(key(r.recipient_kind, r.recipient_id));
    return o && (o.can_edit !== r.can_edit || o.grant !== r.grant);
  });
  if (!added.length && !removed.length && !changed.length) return accessList(tx, secretId, userId);

  await tx.deleteFrom('access_entries').where('secret_id', '=', secretId).execute();
  if (rows.length) await tx.insertInto('access_entries').values(rows).execute();
  const users = rows.filter((r) => r.recipient_kind === 'user');
  const groups = rows.filter((r) => r.recipient_kind === 'group');
  const named = [...users, ...groups].slice(0, 2).map((r) => ({ kind: r.recipient_kind, id: r.recipient_id }));
  await tx
    .updateTable('secrets')
    .set({
      access_revision: v.row.access_revision + 1,
      access_users: users.length,
      access_groups: groups.length,
      access_named: JSON.stringify(named),
    })
    .where('id', '=', secretId)
    .execute();
  await notify(tx, [...audienceBefore, ...(await secretAudience(tx, secretId))], 'secret', secretId);
  for (const r of removed) if (r.recipient_kind === 'group') await noteUnsharedFromGroup(tx, r.recipient_id, secretId);
  for (const r of added) if (r.recipient_kind === 'group') await noteSharedWithGroup(tx, r.recipient_id, secretId);

  const who = (r: { recipient_kind: string; recipient_id: string; can_edit: number }) => ({
    kind: r.recipient_kind,
    id: r.recipient_id,
    canEdit: r.can_edit === 1,
  });
  const base = { actorId: userId, objectKind: 'secret', objectId: secretId, secretId } as const;
  if (added.length) await audit(tx, { ...base, action: 'secret.shared', details: { recipients: added.map(who) } });
  if (removed.length)
    await audit(tx, { ...base, action: 'secret.unshared', details: { recipients: removed.map(who) } });
  if (changed.length)
    await audit(tx, { ...base, action: 'secret.permission_changed', details: { recipients: changed.map(who) } });
  return accessList(tx, secretId, userId);
}

export const putAccess = (ctx: Ctx, userId: string, secretId: string, req: PutAccessRequest) =>
  write(ctx.store, (tx) => replaceAccess(tx, userId, secretId, req));

/** Batch share: every list or none. */
export const batchAccess = (ctx: Ctx, userId: string, items: (PutAccessRequest & { secretId: string })[]) =>
  write(ctx.store, async (tx) => {
    const out: AccessList[] = [];
    for (const { secretId, ...req } of items) out.push(await replaceAccess(tx, userId, secretId, req));
    return out;
  });
