import type { z } from 'zod';
import type { CreateSecretRequest, RevealResponse, SecretSummary, UpdateSecretRequest } from '../../../utils/contract';
import { Conflict, Forbidden, NotFound } from './errors';
import { write, type Tx } from '../db/tx';
import type { Ctx } from './context';
import { nowIso } from './clock';
import { audit, auditMany, listAudit } from './audit';
import { notify, secretAudience } from './changes';
import { checkGrant } from './grants';
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
        owner_grant: JSON.stringify(body.ownerGrant),
        revision: 1,
        access_revision: 1,
        access_users: 0,
        access_groups: 0,
        created_by: userId,
        created_at: now,
        updated_by: userId,
        updated_at: now,
        last_used_at: null,
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
    await tx.updateTable('secrets').set({ last_used_at: now }).where('id', '=', id).execute();
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
 * its own audit line (`secret.value_indexed`, in that secret's trail), so an owner sees whose device opened it.
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
    await auditMany(
      tx,
      out.map((r) => ({
        actorId: userId,
        action: 'secret.value_indexed' as const,
        objectKind: 'secret',
        objectId: r.secretId,
        secretId: r.secretId,
        details: { via: r.keyPath.via },
      })),
    );
    return out;
  });
}

async function keyPathFor(tx: Tx, userId: string, v: Visible): Promise<RevealResponse['keyPath']> {
  if (v.isOwner) return { via: 'user', grant: JSON.parse(v.row.owner_grant) };
  const direct = await tx
    .selectFrom('access_entries')
    .select('grant')
    .where('secret_id', '=', v.row.id)
    .where('recipient_kind', '=', 'user')
    .where('recipient_id', '=', userId)
    .executeTakeFirst();
  if (direct) return { via: 'user', grant: JSON.parse(direct.grant) };
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
    ])
    .where('access_entries.secret_id', '=', v.row.id)
    .where('access_entries.recipient_kind', '=', 'group')
    .where('access_entries.recipient_id', 'in', groups.length ? groups : [''])
    .executeTakeFirst();
  if (!viaGroup?.memberGrant) throw new Conflict('no_key', 'You do not hold a key for this API secret yet.');
  return {
    via: 'group',
    groupId: viaGroup.groupId,
    groupGrant: JSON.parse(viaGroup.groupGrant),
    memberGrant: JSON.parse(viaGroup.memberGrant),
    groupPublicKey: viaGroup.groupPublicKey,
  };
}

/** A secret's audit trail, for its owner. */
export async function secretAudit(ctx: Ctx, userId: string, id: string) {
  const v = await visibleSecret(ctx.store.db, userId, id);
  if (!v) throw new NotFound('This API secret');
  if (!v.isOwner) throw new Forbidden('forbidden', 'Only the owner of this API secret can read its audit trail.');
  return listAudit(ctx.store.db, { secretId: id, limit: 10_000 });
}
