import { write, type Tx } from '../db/tx';
import { audit } from './audit';
import { notify, notifyAll } from './changes';
import type { Ctx } from './context';
import { indexUser } from './directory-index';
import { NotFound, Conflict } from './errors';
import { nowIso } from './clock';

export type Exposed = { id: string; name: string; owner: string };

/** Secrets (not their own) a user can read: shared with them directly, or with a group they hold the key of. */
async function readableBy(tx: Tx, userId: string): Promise<Exposed[]> {
  const groups = tx
    .selectFrom('group_members')
    .select('group_id')
    .where('user_id', '=', userId)
    .where('is_member', '=', 1)
    .where('grant', 'is not', null);
  return tx
    .selectFrom('secrets')
    .innerJoin('users', 'users.id', 'secrets.owner_id')
    .select(['secrets.id', 'secrets.name', 'users.username as owner'])
    .where('secrets.owner_id', '!=', userId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('access_entries')
          .select('access_entries.secret_id')
          .whereRef('access_entries.secret_id', '=', 'secrets.id')
          .where((w) =>
            w.or([
              w.and([w('recipient_kind', '=', 'user'), w('recipient_id', '=', userId)]),
              w.and([w('recipient_kind', '=', 'group'), w('recipient_id', 'in', groups)]),
            ]),
          ),
      ),
    )
    .orderBy('users.username')
    .orderBy('secrets.name')
    .execute();
}

/**
 * Offboards a user at once: their sessions end, sign-in and the directory refuse them, and every secret
 * they could read is marked on its owner's list for rotation. Returns those secrets for the administrator.
 */
export async function disableUser(ctx: Ctx, username: string): Promise<Exposed[]> {
  return write(ctx.store, async (tx) => {
    const u = await tx.selectFrom('users').select(['id', 'status']).where('username', '=', username).executeTakeFirst();
    if (!u) throw new NotFound('This user');
    if (u.status === 'disabled') throw new Conflict('already_disabled', `${username} is already disabled.`);
    await tx.updateTable('users').set({ status: 'disabled', updated_at: nowIso() }).where('id', '=', u.id).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
    await indexUser(tx, u.id);
    await notifyAll(tx, 'user', u.id);
    const exposed = await readableBy(tx, u.id);
    for (const s of exposed) {
      const row = await tx
        .updateTable('secrets')
        .set({ readable_by_disabled: 1 })
        .where('id', '=', s.id)
        .returning('owner_id')
        .executeTakeFirstOrThrow();
      await notify(tx, [row.owner_id], 'secret', s.id);
    }
    await audit(tx, {
      actorId: null,
      action: 'user.disabled',
      objectKind: 'user',
      objectId: u.id,
      details: { username, readableSecrets: exposed.map((s) => s.id) },
    });
    return exposed;
  });
}

/** Lets a disabled user back in; the rotate reminders stay until each value is rotated. */
export async function enableUser(ctx: Ctx, username: string): Promise<void> {
  await write(ctx.store, async (tx) => {
    const u = await tx
      .selectFrom('users')
      .select(['id', 'status', 'auth_hash'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!u) throw new NotFound('This user');
    if (u.status !== 'disabled') throw new Conflict('not_disabled', `${username} is not disabled.`);
    await tx.updateTable('users').set({ status: 'active', updated_at: nowIso() }).where('id', '=', u.id).execute();
    await indexUser(tx, u.id);
    await notifyAll(tx, 'user', u.id);
    await audit(tx, {
      actorId: null,
      action: 'user.enabled',
      objectKind: 'user',
      objectId: u.id,
      details: { username },
    });
  });
}
