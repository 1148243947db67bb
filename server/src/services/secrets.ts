import type { z } from 'zod';
import { isSigned } from '../../../utils/crypto';
import type {
  CreateSecretRequest,
  Grant,
  RevealResponse,
  RotateRequest,
  SecretSummary,
  UpdateSecretRequest,
} from '../../../utils/contract';
import { Conflict, Forbidden, NotFound } from './errors';
import { write, type Tx } from '../db/tx';
import type { Ctx } from './context';
import { nowIso } from './clock';
import { audit, auditBatch, listAudit } from './audit';
import { notify, secretAudience } from './changes';
import { checkGrant, checkSignature, signerOf } from './grants';
import { resolveRecipient } from './access';
import { activeUser } from './users';
import { visibleSecret, visibleSecrets, type Visible } from './visibility';
import { summaries, summary } from './secret-view';
import { activeGroupIds } from './group-queries';
import { toRevealed } from './to-contract';

const identifierTaken = (identifier: string) =>
  new Conflict(
    'identifier_taken',
    `You already have an API secret with the identifier "${identifier}". Choose another identifier.`,
  );

const identifierOwnerOnly = () =>
  new Forbidden(
    'identifier_owner_only',
    'Only the owner of this API secret can change its identifier. Ask them, or leave the identifier as it is.',
  );

async function assertIdentifierFree(tx: Tx, ownerId: string, identifier: string | null | undefined, exceptId?: string) {
  if (!identifier) return;
  let q = tx.selectFrom('secrets').select('id').where('owner_id', '=', ownerId).where('identifier', '=', identifier);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw identifierTaken(identifier);
}

export async function listSecrets(ctx: Ctx, userId: string): Promise<SecretSummary[]> {
  const visible = await visibleSecrets(ctx.store.db, userId);
  return (await summaries(ctx.store.db, visible.values())).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getSecret(ctx: Ctx, userId: string, id: string): Promise<SecretSummary> {
  const v = await visibleSecret(ctx.store.db, userId, id);
  if (!v) throw new NotFound('This API secret');
  return summary(ctx.store.db, v);
}

export async function createSecret(
  ctx: Ctx,
  userId: string,
  body: z.output<typeof CreateSecretRequest>,
): Promise<SecretSummary> {
  const me = (await activeUser(ctx.store.db, userId))!;
  checkGrant(body.ownerGrant, { kind: 'user', id: userId, fingerprint: me.fingerprint!, name: 'Your account' });
  await checkSignature(
    ctx.store.db,
    userId,
    body.ownerGrant,
    { subjectKind: 'secret', subjectId: body.id, revision: 1 },
    'your account',
  );
  const now = nowIso();
  return write(ctx.store, async (tx) => {
    if (await tx.selectFrom('secrets').select('id').where('id', '=', body.id).executeTakeFirst())
      throw new Conflict('duplicate_id', 'An API secret with this id already exists.');
    await assertIdentifierFree(tx, userId, body.identifier);
    await tx
      .insertInto('secrets')
      .values({
        id: body.id,
        owner_id: userId,
        name: body.name,
        url: body.url,
        client_id: body.clientId,
        identifier: body.identifier,
        method: body.method,
        tags: JSON.stringify(body.tags),
        notes: body.notes,
        status: 'enabled',
        value: JSON.stringify(body.value),
        value_revision: 1,
        readable_by_disabled: 0,
        key_revision: 1,
        owner_grant: JSON.stringify(body.ownerGrant),
        revision: 1,
        access_revision: 1,
        access_users: 0,
        access_groups: 0,
        access_named: '[]',
        created_by: userId,
        created_at: now,
        updated_by: userId,
        updated_at: now,
        last_used_at: null,
        last_used_by: null,
      })
      .execute();
    await notify(tx, [userId], 'secret', body.id);
    await audit(tx, {
      actorId: userId,
      action: 'secret.created',
      objectKind: 'secret',
      objectId: body.id,
      secretId: body.id,
      details: { name: body.name },
    });
    return summary(tx, (await visibleSecret(tx, userId, body.id))!);
  });
}

/** Loads a secret for a write by its owner or an editor, checking the revision the client based it on. */
async function forEdit(tx: Tx, userId: string, id: string, baseRevision: number): Promise<Visible> {
  const v = await visibleSecret(tx, userId, id);
  if (!v) throw new NotFound('This API secret');
  if (!v.canEdit)
    throw new Forbidden('forbidden', 'You can view this API secret but not edit it. Ask its owner for Can edit.');
  if (v.row.revision !== baseRevision)
    throw new Conflict('stale_revision', 'Someone else changed this API secret meanwhile. Reload it and try again.');
  return v;
}

export async function updateSecret(
  ctx: Ctx,
  userId: string,
  id: string,
  body: z.output<typeof UpdateSecretRequest>,
): Promise<SecretSummary> {
  return write(ctx.store, async (tx) => {
    const v = await forEdit(tx, userId, id, body.baseRevision);
    if (body.value && body.value.valueRevision !== v.row.value_revision + 1)
      throw new Conflict(
        'stale_value_revision',
        `The new client secret must be value revision ${v.row.value_revision + 1}. Reload the API secret and try again.`,
      );
    if (body.identifier !== undefined && body.identifier !== v.row.identifier) {
      // Identifiers are unique per owner. Checking an editor's choice against the owner's other secrets would
      // tell the editor those exist, so only the owner, who sees them all, sets or changes an identifier.
      if (v.row.owner_id !== userId) throw identifierOwnerOnly();
      await assertIdentifierFree(tx, v.row.owner_id, body.identifier, id);
    }
    const set = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.clientId !== undefined ? { client_id: body.clientId } : {}),
      ...(body.identifier !== undefined ? { identifier: body.identifier } : {}),
      ...(body.method !== undefined ? { method: body.method } : {}),
      ...(body.tags !== undefined ? { tags: JSON.stringify(body.tags) } : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      // A new value is the rotation the reminder asked for.
      ...(body.value
        ? {
            value: JSON.stringify(body.value.ciphertext),
            value_revision: body.value.valueRevision,
            readable_by_disabled: 0,
          }
        : {}),
    };
    await tx
      .updateTable('secrets')
      .set({ ...set, revision: v.row.revision + 1, updated_by: userId, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await notify(tx, await secretAudience(tx, id), 'secret', id);
    const fields = Object.keys(body)
      .filter((k) => k !== 'baseRevision')
      .map((k) => (k === 'value' ? 'clientSecret' : k));
    await audit(tx, {
      actorId: userId,
      action: 'secret.edited',
      objectKind: 'secret',
      objectId: id,
      secretId: id,
      details: { fields },
    });
    return summary(tx, (await visibleSecret(tx, userId, id))!);
  });
}

export async function setStatus(
  ctx: Ctx,
  userId: string,
  id: string,
  baseRevision: number,
  status: 'enabled' | 'disabled',
): Promise<SecretSummary> {
  return write(ctx.store, async (tx) => {
    const v = await forEdit(tx, userId, id, baseRevision);
    if (v.row.status === status) throw new Conflict(`already_${status}`, `This API secret is already ${status}.`);
    await tx
      .updateTable('secrets')
      .set({ status, revision: v.row.revision + 1, updated_by: userId, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await notify(tx, await secretAudience(tx, id), 'secret', id);
    await audit(tx, {
      actorId: userId,
      action: status === 'enabled' ? 'secret.enabled' : 'secret.disabled',
      objectKind: 'secret',
      objectId: id,
      secretId: id,
    });
    return summary(tx, (await visibleSecret(tx, userId, id))!);
  });
}

/** Hands out the ciphertext and the caller's way to its key; records last use and an audit event. */
export async function reveal(ctx: Ctx, userId: string, id: string): Promise<RevealResponse> {
  return write(ctx.store, async (tx) => {
    const v = await visibleSecret(tx, userId, id);
    if (!v) throw new NotFound('This API secret');
    if (v.row.status === 'disabled')
      throw new Conflict(
        'secret_disabled',
        'This API secret is disabled. Enable it before revealing its client secret.',
      );
    const keyPath = await keyPathFor(tx, userId, v);
    const now = nowIso();
    await tx.updateTable('secrets').set({ last_used_at: now, last_used_by: userId }).where('id', '=', id).execute();
    // "Last use" names who and which day: those who see the secret hear of it when either changes, so the
    // same person using it again the same day adds nothing to anyone's change feed.
    if (v.row.last_used_by !== userId || v.row.last_used_at?.slice(0, 10) !== now.slice(0, 10))
      await notify(tx, await secretAudience(tx, id), 'secret', id);
    await audit(tx, {
      actorId: userId,
      action: 'secret.revealed',
      objectKind: 'secret',
      objectId: id,
      secretId: id,
      details: { via: keyPath.via },
    });
    return toRevealed(v.row, keyPath);
  });
}

/**
 * Ciphertext of the enabled secrets among `ids` the caller can view, for their device to index. Invisible
 * and disabled ones are simply absent. Nobody sees a value, so no last use; but each secret handed out gets
 * its own audit line (`secret.value_indexed`, in that secret's trail), so an owner sees whose device opened it:
 * stored as one audit row for the request and one narrow row per secret (auditBatch), read back per secret.
 */
export async function values(ctx: Ctx, userId: string, ids: string[]): Promise<RevealResponse[]> {
  return write(ctx.store, async (tx) => {
    const visible = await visibleSecrets(tx, userId, [...new Set(ids)]);
    const out: RevealResponse[] = [];
    for (const v of visible.values()) {
      if (v.row.status !== 'enabled') continue;
      const keyPath = await keyPathFor(tx, userId, v).catch(() => undefined);
      if (keyPath) out.push(toRevealed(v.row, keyPath));
    }
    await auditBatch(tx, {
      actorId: userId,
      action: 'secret.value_indexed',
      secrets: out.map((r) => ({ secretId: r.secretId, via: r.keyPath.via })),
    });
    return out;
  });
}

/** A user's own grant of a secret's itemKey, with its signer for the client to verify. */
async function direct(tx: Tx, secretId: string, grantJson: string): Promise<RevealResponse['keyPath']> {
  const grant = JSON.parse(grantJson) as Grant;
  return { via: 'user', grant, signer: await signerOf(tx, grant, { subjectKind: 'secret', subjectId: secretId }) };
}

async function keyPathFor(tx: Tx, userId: string, v: Visible): Promise<RevealResponse['keyPath']> {
  if (v.isOwner) return direct(tx, v.row.id, v.row.owner_grant);
  const mine = await tx
    .selectFrom('access_entries')
    .select('grant')
    .where('secret_id', '=', v.row.id)
    .where('recipient_kind', '=', 'user')
    .where('recipient_id', '=', userId)
    .executeTakeFirst();
  if (mine) return direct(tx, v.row.id, mine.grant);
  const groups = await activeGroupIds(tx, userId);
  const viaGroup = await tx
    .selectFrom('access_entries')
    .innerJoin('group_members', (j) =>
      j.onRef('group_members.group_id', '=', 'access_entries.recipient_id').on('group_members.user_id', '=', userId),
    )
    .innerJoin('groups', 'groups.id', 'access_entries.recipient_id')
    .select([
      'access_entries.recipient_id as groupId',
      'access_entries.grant as groupGrant',
      'group_members.grant as memberGrant',
      'groups.public_key as groupPublicKey',
      'groups.name as groupName',
    ])
    .where('access_entries.secret_id', '=', v.row.id)
    .where('access_entries.recipient_kind', '=', 'group')
    .where('access_entries.recipient_id', 'in', groups.length ? groups : [''])
    .executeTakeFirst();
  if (!viaGroup?.memberGrant) throw new Conflict('no_key', 'You do not hold a key for this API secret yet.');
  const groupGrant = JSON.parse(viaGroup.groupGrant) as Grant;
  const memberGrant = JSON.parse(viaGroup.memberGrant) as Grant;
  return {
    via: 'group',
    groupId: viaGroup.groupId,
    groupName: viaGroup.groupName,
    groupGrant,
    memberGrant,
    groupPublicKey: viaGroup.groupPublicKey,
    groupGrantSigner: await signerOf(tx, groupGrant, { subjectKind: 'secret', subjectId: v.row.id }),
    memberGrantSigner: await signerOf(tx, memberGrant, { subjectKind: 'group', subjectId: viaGroup.groupId }),
  };
}

/**
 * Rotates a secret's itemKey (docs/crypto.md, "Rotating a secret's itemKey"): the new value, the owner's
 * grant and a grant for every entry of the current list, at key revision = the new value revision, all at
 * once. Owner or Can edit; refused when the secret or its list changed since the client read them, or when
 * the grants do not cover exactly the current list.
 */
export async function rotate(
  ctx: Ctx,
  userId: string,
  id: string,
  body: z.output<typeof RotateRequest>,
): Promise<SecretSummary> {
  return write(ctx.store, async (tx) => {
    const v = await forEdit(tx, userId, id, body.baseRevision);
    if (v.row.access_revision !== body.baseAccessRevision)
      throw new Conflict(
        'stale_access_revision',
        'Someone changed who has access meanwhile. Reload the list and rotate again.',
      );
    if (body.valueRevision !== v.row.value_revision + 1)
      throw new Conflict(
        'stale_value_revision',
        `The rotated client secret must be value revision ${v.row.value_revision + 1}. Reload the API secret and try again.`,
      );
    const subject = { subjectKind: 'secret' as const, subjectId: id, revision: body.valueRevision };
    const owner = (await activeUser(tx, v.row.owner_id))!;
    checkGrant(body.ownerGrant, { kind: 'user', id: owner.id, fingerprint: owner.fingerprint!, name: owner.name });
    await checkSignature(tx, userId, body.ownerGrant, subject, owner.name);
    const entries = await tx
      .selectFrom('access_entries')
      .select(['recipient_kind', 'recipient_id'])
      .where('secret_id', '=', id)
      .execute();
    const key = (k: string, rid: string) => `${k}:${rid}`;
    const given = new Map(body.grants.map((g) => [key(g.recipientKind, g.recipientId), g]));
    if (
      given.size !== body.grants.length ||
      given.size !== entries.length ||
      entries.some((e) => !given.has(key(e.recipient_kind, e.recipient_id)))
    )
      throw new Conflict(
        'grants_mismatch',
        'A rotation needs exactly one new grant for everyone who has access now. Reload the list and rotate again.',
      );
    for (const e of entries) {
      const g = given.get(key(e.recipient_kind, e.recipient_id))!;
      const r = await resolveRecipient(tx, v.row.owner_id, e.recipient_kind, e.recipient_id, true);
      checkGrant(g, r);
      await checkSignature(tx, userId, g, subject, r.name);
      await tx
        .updateTable('access_entries')
        .set({ grant: JSON.stringify(g) })
        .where('secret_id', '=', id)
        .where('recipient_kind', '=', e.recipient_kind)
        .where('recipient_id', '=', e.recipient_id)
        .execute();
    }
    await tx
      .updateTable('secrets')
      .set({
        value: JSON.stringify(body.value),
        value_revision: body.valueRevision,
        key_revision: body.valueRevision,
        owner_grant: JSON.stringify(body.ownerGrant),
        revision: v.row.revision + 1,
        access_revision: v.row.access_revision + 1,
        updated_by: userId,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await notify(tx, await secretAudience(tx, id), 'secret', id);
    await audit(tx, {
      actorId: userId,
      action: 'secret.key_rotated',
      objectKind: 'secret',
      objectId: id,
      secretId: id,
      details: { keyRevision: body.valueRevision, recipients: entries.length },
    });
    return summary(tx, (await visibleSecret(tx, userId, id))!);
  });
}

/** Secrets the caller owns and groups it manages whose grants are not all signed yet (VEP/1 data to migrate). */
export async function unsigned(ctx: Ctx, userId: string): Promise<{ secrets: string[]; groups: string[] }> {
  const db = ctx.store.db;
  const signed = (json: string | null) => json === null || isSigned(JSON.parse(json) as Grant);
  const owned = await db.selectFrom('secrets').select(['id', 'owner_grant']).where('owner_id', '=', userId).execute();
  const grants = owned.length
    ? await db
        .selectFrom('access_entries')
        .select(['secret_id', 'grant'])
        .where(
          'secret_id',
          'in',
          owned.map((s) => s.id),
        )
        .execute()
    : [];
  const secrets = owned
    .filter((s) => !signed(s.owner_grant) || grants.some((g) => g.secret_id === s.id && !signed(g.grant)))
    .map((s) => s.id);
  const managed = await db
    .selectFrom('group_members')
    .select('group_id')
    .where('user_id', '=', userId)
    .where('is_manager', '=', 1)
    .execute();
  const members = managed.length
    ? await db
        .selectFrom('group_members')
        .select(['group_id', 'grant'])
        .where(
          'group_id',
          'in',
          managed.map((m) => m.group_id),
        )
        .where('is_member', '=', 1)
        .execute()
    : [];
  const groups = managed
    .map((m) => m.group_id)
    .filter((g) => members.some((m) => m.group_id === g && !signed(m.grant)));
  return { secrets, groups };
}

/** A secret's audit trail, for its owner. */
export async function secretAudit(ctx: Ctx, userId: string, id: string) {
  const v = await visibleSecret(ctx.store.db, userId, id);
  if (!v) throw new NotFound('This API secret');
  if (!v.isOwner) throw new Forbidden('forbidden', 'Only the owner of this API secret can read its audit trail.');
  return listAudit(ctx.store.db, { secretId: id, limit: 10_000 });
}
