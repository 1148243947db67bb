import type { z } from 'zod';
import type {
  AddMemberRequest,
  CreateGroupRequest,
  Grant,
  GroupMember,
  GroupView,
  MemberRoleRequest,
  RemoveMemberRequest,
  UpdateGroupRequest,
} from '../../../utils/contract';
import { fingerprintOf, importPublicKey, membershipStatement, verify } from '../../../utils/crypto';
import { Conflict, Forbidden, Invalid, NotFound, Unprocessable } from './errors';
import { write, type Tx } from '../db/tx';
import type { Db } from '../db/connect';
import type { Ctx } from './context';
import { nowIso } from './clock';
import { audit } from './audit';
import { activeMembers, notify, notifyGroupSecrets } from './changes';
import { checkGrant, checkSignature, signerOf } from './grants';
import { indexGroup } from './directory-index';
import { activeUser, userRefs } from './users';
import { canSeeGroup } from './group-queries';
import { toGroupView } from './to-contract';

async function membership(db: Db | Tx, groupId: string, userId: string) {
  return db
    .selectFrom('group_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * A group as `userId` sees it; undefined when they may not see it at all, unless `evenIfHidden` (someone who
 * just left gets its public face, without members).
 */
export async function groupView(
  db: Db | Tx,
  groupId: string,
  userId: string,
  evenIfHidden = false,
): Promise<GroupView | undefined> {
  const g = await db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
  if (!g) return undefined;
  const mine = await membership(db, groupId, userId);
  if (!mine && !evenIfHidden && !(await canSeeGroup(db, userId, groupId))) return undefined;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select([
      'users.id',
      'users.name',
      'users.username',
      'users.public_key',
      'users.fingerprint',
      'users.signing_public_key',
      'users.signing_fingerprint',
      'group_members.grant',
      'group_members.is_member',
      'group_members.is_manager',
      'group_members.added_by',
      'group_members.created_at',
    ])
    .where('group_id', '=', groupId)
    .orderBy('users.name')
    .execute();
  const members = rows.filter((r) => r.is_member === 1);
  // Managers decide on pending members; they (only) see how each one got there, from the audit trail.
  const pending = mine?.is_manager ? members.filter((r) => r.grant === null) : [];
  const added = pending.length ? await whoAdded(db, groupId) : new Map();
  const addedVia = new Map<string, GroupMember['addedVia']>();
  for (const r of pending) {
    // An event older than the row is about an earlier membership, not this one.
    const a = added.get(r.id);
    addedVia.set(r.id, a && a.at! >= r.created_at ? a : { by: 'unrecorded', user: null, at: null });
  }
  const refs = await userRefs(db, [
    ...new Set([g.owner_id, ...members.map((m) => m.added_by)].filter((id): id is string => !!id)),
  ]);
  const owner = g.owner_id ? (refs.get(g.owner_id) ?? null) : null;
  const myGrant: Grant | null = mine?.grant ? JSON.parse(mine.grant) : null;
  const signer = myGrant ? await signerOf(db, myGrant, { subjectKind: 'group', subjectId: groupId }) : null;
  return toGroupView(
    g,
    mine,
    members.map((m) => ({
      ...m,
      added_by: m.added_by ? (refs.get(m.added_by) ?? null) : null,
      addedVia: addedVia.get(m.id),
    })),
    owner,
    signer,
  );
}

/**
 * Who added each member of a group, from the audit trail (the latest `group.member_added` per member): the
 * administrator's tool (no actor) or a person. A member with no such event was written into the database
 * by something else, which the approval view says.
 */
async function whoAdded(db: Db | Tx, groupId: string): Promise<Map<string, NonNullable<GroupMember['addedVia']>>> {
  const events = await db
    .selectFrom('audit_events')
    .select(['actor_id', 'at', 'details'])
    .where('object_kind', '=', 'group')
    .where('object_id', '=', groupId)
    .where('action', '=', 'group.member_added')
    .orderBy('id')
    .execute();
  const actors = await userRefs(db, [...new Set(events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])))]);
  const out = new Map<string, NonNullable<GroupMember['addedVia']>>();
  for (const e of events) {
    const userId = (JSON.parse(e.details) as { userId?: string }).userId;
    if (!userId) continue;
    const user = e.actor_id ? (actors.get(e.actor_id) ?? null) : null;
    out.set(userId, { by: e.actor_id ? 'user' : 'administrator', user, at: e.at });
  }
  return out;
}

/** Every group the user belongs to or manages. */
export async function listGroups(ctx: Ctx, userId: string): Promise<GroupView[]> {
  const ids = await ctx.store.db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  const views = await Promise.all(ids.map((r) => groupView(ctx.store.db, r.group_id, userId)));
  return views.filter((v): v is GroupView => !!v);
}

export async function getGroup(ctx: Ctx, userId: string, groupId: string): Promise<GroupView> {
  return (
    (await groupView(ctx.store.db, groupId, userId)) ??
    (() => {
      throw new NotFound('This group');
    })()
  );
}

/** A private group's name is unique among its owner's groups (ignoring case), so the share search tells them apart. */
async function assertNameFree(tx: Tx, ownerId: string, name: string, exceptId?: string) {
  let q = tx
    .selectFrom('groups')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('kind', '=', 'private')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw new Conflict('group_name_taken', `You already have a private group named "${name}". Choose another name.`);
}

/** Everyone whose view of the group changes when it does: members and managers. */
async function groupPeople(tx: Tx, groupId: string): Promise<string[]> {
  return (await tx.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute()).map(
    (r) => r.user_id,
  );
}

export async function createPrivateGroup(
  ctx: Ctx,
  userId: string,
  body: z.output<typeof CreateGroupRequest>,
): Promise<GroupView> {
  const me = (await activeUser(ctx.store.db, userId))!;
  checkGrant(body.managerGrant, { kind: 'user', id: userId, fingerprint: me.fingerprint!, name: 'Your account' });
  await checkSignature(
    ctx.store.db,
    userId,
    body.managerGrant,
    { subjectKind: 'group', subjectId: body.id, revision: 1 },
    'your account',
  );
  // importPublicKey checks that it is a canonical P-256 key; fingerprintOf alone would hash any bytes.
  const fingerprint = await importPublicKey(body.publicKey)
    .then(() => fingerprintOf(body.publicKey))
    .catch(() => {
      throw new Invalid('invalid_public_key', "The group's public key is not a valid P-256 key.");
    });
  const now = nowIso();
  return write(ctx.store, async (tx) => {
    if (await tx.selectFrom('groups').select('id').where('id', '=', body.id).executeTakeFirst())
      throw new Conflict('duplicate_id', 'A group with this id already exists.');
    await assertNameFree(tx, userId, body.name);
    await tx
      .insertInto('groups')
      .values({
        id: body.id,
        kind: 'private',
        name: body.name,
        description: body.description,
        enabled: body.enabled ? 1 : 0,
        members_can_view: body.membersCanView ? 1 : 0,
        owner_id: userId,
        public_key: body.publicKey,
        fingerprint,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('group_members')
      .values({
        group_id: body.id,
        user_id: userId,
        is_member: 0,
        is_manager: 1,
        grant: JSON.stringify(body.managerGrant),
        created_at: now,
        added_by: userId,
      })
      .execute();
    await notify(tx, [userId], 'group', body.id);
    await audit(tx, {
      actorId: userId,
      action: 'group.created',
      objectKind: 'group',
      objectId: body.id,
      details: { name: body.name },
    });
    return (await groupView(tx, body.id, userId))!;
  });
}

async function requireManager(tx: Tx, groupId: string, userId: string, needKey: boolean) {
  const m = await membership(tx, groupId, userId);
  if (!m)
    throw (await canSeeGroup(tx, userId, groupId))
      ? new Forbidden('forbidden', 'Only the managers of this group can change it.')
      : new NotFound('This group');
  if (!m.is_manager) throw new Forbidden('forbidden', 'Only the managers of this group can change it.');
  if (needKey && !m.grant) throw new Forbidden('forbidden', "You do not hold this group's key yet.");
}

export async function updateGroup(
  ctx: Ctx,
  userId: string,
  groupId: string,
  body: z.output<typeof UpdateGroupRequest>,
): Promise<GroupView> {
  return write(ctx.store, async (tx) => {
    await requireManager(tx, groupId, userId, false);
    const g = await tx.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirstOrThrow();
    if (g.kind !== 'private' || g.owner_id !== userId)
      throw new Forbidden(
        'forbidden',
        'Only the owner of a private group can change it; user groups are managed by administrators.',
      );
    if (body.name !== undefined) await assertNameFree(tx, userId, body.name, groupId);
    const set = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
      ...(body.membersCanView !== undefined ? { members_can_view: body.membersCanView ? 1 : 0 } : {}),
    };
    // Enabling or disabling a group opens or closes every secret shared with it for the members holding its
    // key (active before a disable, after an enable); pending members and non-member managers never reached them.
    const toggled = body.enabled !== undefined && (body.enabled ? 1 : 0) !== g.enabled;
    const closing = toggled && !body.enabled ? await activeMembers(tx, groupId) : [];
    await tx
      .updateTable('groups')
      .set({ ...set, updated_at: nowIso() })
      .where('id', '=', groupId)
      .execute();
    const people = await groupPeople(tx, groupId);
    await notify(tx, people, 'group', groupId);
    if (toggled) await notifyGroupSecrets(tx, groupId, body.enabled ? await activeMembers(tx, groupId) : closing);
    await audit(tx, {
      actorId: userId,
      action: 'group.edited',
      objectKind: 'group',
      objectId: groupId,
      details: { fields: Object.keys(body) },
    });
    return (await groupView(tx, groupId, userId))!;
  });
}

/** Adds a member with a grant of the group key, or completes a pending member. */
export async function addMember(
  ctx: Ctx,
  userId: string,
  groupId: string,
  body: z.output<typeof AddMemberRequest>,
): Promise<GroupView> {
  return write(ctx.store, async (tx) => {
    await requireManager(tx, groupId, userId, true);
    const member = await activeUser(tx, body.userId);
    if (!member)
      throw new Unprocessable(
        'recipient_not_enrolled',
        'This person has not enrolled yet, so they cannot receive keys.',
      );
    checkGrant(body.grant, { kind: 'user', id: member.id, fingerprint: member.fingerprint!, name: member.name });
    await checkSignature(
      tx,
      userId,
      body.grant,
      { subjectKind: 'group', subjectId: groupId, revision: 1 },
      member.name,
    );
    const existing = await membership(tx, groupId, member.id);
    const grant = JSON.stringify(body.grant);
    if (existing)
      await tx
        .updateTable('group_members')
        .set({ is_member: 1, grant })
        .where('group_id', '=', groupId)
        .where('user_id', '=', member.id)
        .execute();
    else
      await tx
        .insertInto('group_members')
        .values({
          group_id: groupId,
          user_id: member.id,
          is_member: 1,
          is_manager: 0,
          grant,
          created_at: nowIso(),
          added_by: userId,
        })
        .execute();
    await notify(tx, await groupPeople(tx, groupId), 'group', groupId);
    // The group's secrets appear for the member only if the group is enabled.
    if ((await activeMembers(tx, groupId)).includes(member.id)) await notifyGroupSecrets(tx, groupId, [member.id]);
    const action =
      existing?.is_member && !existing.grant
        ? 'group.member_approved'
        : existing?.grant
          ? 'group.member_regranted'
          : 'group.member_added';
    await audit(tx, {
      actorId: userId,
      action,
      objectKind: 'group',
      objectId: groupId,
      details: { userId: member.id },
    });
    return (await groupView(tx, groupId, userId))!;
  });
}

/**
 * A manager's signed decision to remove or refuse a member (docs/crypto.md, "Membership statement"),
 * checked against the manager's own signing key and kept in the audit trail.
 */
async function checkRemoval(
  tx: Tx,
  userId: string,
  groupId: string,
  memberId: string,
  signed: z.output<typeof RemoveMemberRequest>,
) {
  const me = await tx
    .selectFrom('users')
    .select('signing_public_key')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const statement = membershipStatement({ action: 'remove', groupId, memberId, managerId: userId, at: signed.at });
  if (!me.signing_public_key || !(await verify(me.signing_public_key, statement, signed.signature).catch(() => false)))
    throw new Invalid('bad_signature', 'The signature on this removal does not verify with your signing key.');
  return { at: signed.at, signature: signed.signature };
}

/**
 * A manager's signed change of a member's role (docs/crypto.md, "Membership statement", action `manager` or
 * `member`), checked against the manager's own signing key. A caller with a signing key must sign; one without
 * (a VEP/1 client) cannot, and its change carries no proof.
 */
async function checkRoleChange(
  tx: Tx,
  userId: string,
  groupId: string,
  memberId: string,
  body: z.output<typeof MemberRoleRequest>,
): Promise<{ at: string; signature: string } | undefined> {
  const me = await tx
    .selectFrom('users')
    .select('signing_public_key')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (body.at === undefined && body.signature === undefined) {
    if (me.signing_public_key)
      throw new Invalid(
        'signature_required',
        'This change of role is not signed. Your account has a signing key: sign every change of a group you make.',
      );
    return undefined;
  }
  if (body.at === undefined || body.signature === undefined)
    throw new Invalid('bad_signature', 'A signed change of role needs both the time (at) and the signature.');
  const statement = membershipStatement({
    action: body.manager ? 'manager' : 'member',
    groupId,
    memberId,
    managerId: userId,
    at: body.at,
  });
  if (!me.signing_public_key || !(await verify(me.signing_public_key, statement, body.signature).catch(() => false)))
    throw new Invalid('bad_signature', 'The signature on this change of role does not verify with your signing key.');
  return { at: body.at, signature: body.signature };
}

/**
 * Makes a member a manager (who may then add and remove members, with the group key they already hold), or a
 * manager a plain member again, with the deciding manager's signature, which is kept with the new manager's
 * membership and given to whoever verifies a grant they sign. A pending member cannot manage before holding
 * the key; the owner stays a manager. Signing the role a manager already has records the proof (a manager
 * made one before decisions were signed).
 */
export async function setMemberRole(
  ctx: Ctx,
  userId: string,
  groupId: string,
  memberId: string,
  body: z.output<typeof MemberRoleRequest>,
): Promise<GroupView> {
  const { manager } = body;
  return write(ctx.store, async (tx) => {
    await requireManager(tx, groupId, userId, false);
    const g = await tx.selectFrom('groups').select('owner_id').where('id', '=', groupId).executeTakeFirstOrThrow();
    const m = await membership(tx, groupId, memberId);
    if (!m?.is_member) throw new NotFound('This member');
    if (g.owner_id === memberId) throw new Conflict('owner_role', 'The owner of a private group always manages it.');
    if (manager && !m.grant)
      throw new Conflict('member_pending', 'This member does not hold the group key yet, so they cannot manage it.');
    if (manager && memberId === userId)
      throw new Forbidden('forbidden', 'Another manager must make you a manager again.');
    const signed = await checkRoleChange(tx, userId, groupId, memberId, body);
    const proof = manager && signed ? JSON.stringify({ by: userId, at: signed.at, signature: signed.signature }) : null;
    const changed = (m.is_manager === 1) !== manager;
    if (changed || (manager && proof)) {
      await tx
        .updateTable('group_members')
        .set({ is_manager: manager ? 1 : 0, manager_proof: proof })
        .where('group_id', '=', groupId)
        .where('user_id', '=', memberId)
        .execute();
      await notify(tx, await groupPeople(tx, groupId), 'group', groupId);
      await audit(tx, {
        actorId: userId,
        action: 'group.role_changed',
        objectKind: 'group',
        objectId: groupId,
        details: { userId: memberId, manager, ...(signed ? { signed } : {}) },
      });
    }
    return (await groupView(tx, groupId, userId))!;
  });
}

/** Removes a member (a manager, or the member leaving); their group grant is deleted. */
export async function removeMember(
  ctx: Ctx,
  userId: string,
  groupId: string,
  memberId: string,
  signed?: z.output<typeof RemoveMemberRequest>,
): Promise<GroupView> {
  return write(ctx.store, async (tx) => {
    if (memberId !== userId) await requireManager(tx, groupId, userId, false);
    const decision = signed ? await checkRemoval(tx, userId, groupId, memberId, signed) : undefined;
    const m = await membership(tx, groupId, memberId);
    if (!m?.is_member) throw new NotFound('This member');
    const people = await groupPeople(tx, groupId);
    // Only a member who held the key of an enabled group saw its secrets; only they are told those leave.
    const reached = (await activeMembers(tx, groupId)).includes(memberId);
    if (m.is_manager)
      await tx
        .updateTable('group_members')
        .set({ is_member: 0 })
        .where('group_id', '=', groupId)
        .where('user_id', '=', memberId)
        .execute();
    else await tx.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', memberId).execute();
    await notify(tx, people, 'group', groupId);
    if (reached) await notifyGroupSecrets(tx, groupId, [memberId]);
    const refused = !m.grant;
    await audit(tx, {
      actorId: userId,
      action: refused ? 'group.member_refused' : 'group.member_removed',
      objectKind: 'group',
      objectId: groupId,
      details: { userId: memberId, ...(decision ? { signed: decision } : {}) },
    });
    // A member who left a private group can no longer see it: they get its public face, not a 404 that rolls back.
    const view = await groupView(tx, groupId, userId, memberId === userId);
    if (!view) throw new NotFound('This group');
    return view;
  });
}

/** Administrator tools (no HTTP route): user groups, created with keys made by the administrator's client. */
export async function createUserGroup(
  ctx: Ctx,
  g: {
    id: string;
    name: string;
    description?: string;
    publicKey: string;
    members: { userId: string; manager: boolean; grant: object | null }[];
  },
) {
  const now = nowIso();
  const fingerprint = await fingerprintOf(g.publicKey);
  await write(ctx.store, async (tx) => {
    await tx
      .insertInto('groups')
      .values({
        id: g.id,
        kind: 'user',
        name: g.name,
        description: g.description ?? '',
        enabled: 1,
        members_can_view: 1,
        owner_id: null,
        public_key: g.publicKey,
        fingerprint,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const m of g.members)
      await tx
        .insertInto('group_members')
        .values({
          group_id: g.id,
          user_id: m.userId,
          is_member: 1,
          is_manager: m.manager ? 1 : 0,
          grant: m.grant ? JSON.stringify(m.grant) : null,
          created_at: now,
          added_by: null,
        })
        .execute();
    await indexGroup(tx, g.id);
    await notify(
      tx,
      g.members.map((m) => m.userId),
      'group',
      g.id,
    );
    await audit(tx, {
      actorId: null,
      action: 'group.created',
      objectKind: 'group',
      objectId: g.id,
      details: { name: g.name, kind: 'user' },
    });
  });
}

/** Administrator: adds a pending member (no key yet); a manager's extension completes the grant. */
export async function addPendingMember(ctx: Ctx, groupId: string, memberId: string) {
  await write(ctx.store, async (tx) => {
    if (await membership(tx, groupId, memberId))
      throw new Conflict('already_member', 'This user is already in the group.');
    await tx
      .insertInto('group_members')
      .values({
        group_id: groupId,
        user_id: memberId,
        is_member: 1,
        is_manager: 0,
        grant: null,
        created_at: nowIso(),
        added_by: null,
      })
      .execute();
    await notify(tx, [...(await groupPeople(tx, groupId))], 'group', groupId);
    await audit(tx, {
      actorId: null,
      action: 'group.member_added',
      objectKind: 'group',
      objectId: groupId,
      details: { userId: memberId, pending: true },
    });
  });
}

/** Administrator: removes a member from a user group. */
export async function adminRemoveMember(ctx: Ctx, groupId: string, memberId: string) {
  await write(ctx.store, async (tx) => {
    const people = await groupPeople(tx, groupId);
    const reached = (await activeMembers(tx, groupId)).includes(memberId);
    const n = await tx
      .deleteFrom('group_members')
      .where('group_id', '=', groupId)
      .where('user_id', '=', memberId)
      .executeTakeFirst();
    if (Number(n.numDeletedRows) === 0) throw new NotFound('This member');
    await notify(tx, people, 'group', groupId);
    if (reached) await notifyGroupSecrets(tx, groupId, [memberId]);
    await audit(tx, {
      actorId: null,
      action: 'group.member_removed',
      objectKind: 'group',
      objectId: groupId,
      details: { userId: memberId },
    });
  });
}
