import type { CreateLinkRequest, LinkList, LinkView } from '../../../../utils/contract';
import { fromB64url, linkUrl } from '../../../../utils/crypto';
import { Conflict, DomainError, Forbidden, NotFound, Unprocessable } from '../errors';
import { write } from '../../db/tx';
import { linkMessage } from '../../mail/link-message';
import type { Ctx } from '../context';
import { nowIso } from '../clock';
import { audit } from '../audit';
import { checkGrant } from '../grants';
import { activeUser } from '../users';
import { visibleSecret } from '../visibility';
import { formatDuration, readPolicy } from '../sharing-policy';
import { linkStatus } from './status';
import { linkView, linkViews, type LinkKey } from './view';

/** Clocks differ a little between a sharer's computer and the server; a minute of slack on the maximum. */
const CLOCK_SLACK_MS = 60_000;

const linkNotFound = () => new NotFound('This link');

/** The mail server refused or could not be reached; nothing was recorded. */
class MailUnavailable extends DomainError {
  readonly kind = 'unavailable';
}

/**
 * Creates an external link to a secret the caller may share, when the administrator allows it, within the
 * longest lifetime allowed. The server receives only the link's own ciphertext and its verifier's hash.
 */
export async function createLink(ctx: Ctx, userId: string, body: CreateLinkRequest): Promise<LinkView> {
  const policy = await readPolicy(ctx.store.db);
  if (!policy.external)
    throw new Forbidden('external_sharing_off', 'The administrator has turned external sharing off.');
  const v = await visibleSecret(ctx.store.db, userId, body.secretId);
  if (!v) throw new NotFound('This API secret');
  if (!v.isOwner)
    throw new Forbidden('forbidden', 'Only the owner of this API secret can share it with someone outside the vault.');
  if (v.row.status !== 'enabled')
    throw new Unprocessable('secret_disabled', 'This API secret is disabled. Enable it before sharing it.');
  const expires = Date.parse(body.expiresAt);
  if (expires <= Date.now()) throw new Unprocessable('expiry_in_past', 'The expiration must be in the future.');
  if (expires > Date.now() + policy.maxLinkSeconds * 1000 + CLOCK_SLACK_MS)
    throw new Unprocessable(
      'expiry_too_late',
      `The administrator allows links to last at most ${formatDuration(policy.maxLinkSeconds)}.`,
    );
  const me = (await activeUser(ctx.store.db, userId))!;
  checkGrant(body.sharerGrant, { kind: 'user', id: userId, fingerprint: me.fingerprint!, name: 'Your account' });

  const now = nowIso();
  await write(ctx.store, async (tx) => {
    if (await tx.selectFrom('links').select('id').where('id', '=', body.id).executeTakeFirst())
      throw new Conflict('duplicate_id', 'A link with this id already exists.');
    await tx
      .insertInto('links')
      .values({
        id: body.id,
        secret_id: body.secretId,
        sharer_id: userId,
        recipient_email: body.recipientEmail,
        ciphertext: JSON.stringify(body.ciphertext),
        verifier_hash: body.verifierHash,
        code_iterations: body.code?.iterations ?? null,
        sharer_grant: JSON.stringify(body.sharerGrant),
        created_at: now,
        expires_at: new Date(expires).toISOString(),
        max_accesses: body.maxAccesses,
        revoked_at: null,
        last_emailed_at: null,
      })
      .execute();
    await audit(tx, {
      actorId: userId,
      action: 'link.created',
      objectKind: 'link',
      objectId: body.id,
      secretId: body.secretId,
      details: {
        recipientEmail: body.recipientEmail,
        expiresAt: new Date(expires).toISOString(),
        maxAccesses: body.maxAccesses,
        accessCode: body.code !== null,
      },
    });
  });
  return (await linkView(ctx.store.db, userId, body.id))!;
}

const cursorOf = (l: LinkView) => `${l.createdAt}_${l.id}`;
function keyOf(cursor: string): LinkKey {
  const at = cursor.indexOf('_');
  return { createdAt: cursor.slice(0, at), id: cursor.slice(at + 1) };
}

/**
 * One page of the caller's links (one secret's only, with `secretId`), newest first, from after `cursor`;
 * `next` is null when nothing follows. One more row than asked for tells whether anything does.
 */
export async function listLinks(
  ctx: Ctx,
  userId: string,
  q: { secretId?: string; cursor?: string; limit: number },
): Promise<LinkList> {
  const rows = await linkViews(ctx.store.db, userId, {
    secretId: q.secretId,
    after: q.cursor ? keyOf(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const links = rows.slice(0, q.limit);
  return { links, next: rows.length > q.limit ? cursorOf(links.at(-1)!) : null };
}

/** Ends a link at once (its expiry becomes now). Revoking a link that already ended changes nothing. */
export async function revokeLink(ctx: Ctx, userId: string, id: string): Promise<LinkView> {
  await write(ctx.store, async (tx) => {
    const row = await tx
      .selectFrom('links')
      .selectAll()
      .where('id', '=', id)
      .where('sharer_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw linkNotFound();
    const now = nowIso();
    if (linkStatus(row, now) !== 'active') return;
    await tx.updateTable('links').set({ revoked_at: now, expires_at: now }).where('id', '=', id).execute();
    await audit(tx, {
      actorId: userId,
      action: 'link.revoked',
      objectKind: 'link',
      objectId: id,
      secretId: row.secret_id,
    });
  });
  return (await linkView(ctx.store.db, userId, id))!;
}

/**
 * Emails an active link to its recipient. Only links with an access code: the message carries the fragment,
 * so without a code whoever reads it (the server included) could open the link.
 * @param serverOrigin - where links point when the administrator set no base URL and no PUBLIC_URL
 */
export async function sendLink(
  ctx: Ctx,
  userId: string,
  id: string,
  fragmentKey: string,
  serverOrigin: string,
): Promise<LinkView> {
  const row = await ctx.store.db
    .selectFrom('links')
    .selectAll()
    .where('id', '=', id)
    .where('sharer_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw linkNotFound();
  if (linkStatus(row, nowIso()) !== 'active')
    throw new Conflict('link_not_active', 'This link has ended; create a new one to share the secret again.');
  if (row.code_iterations === null)
    throw new Unprocessable(
      'access_code_required',
      'Only a link with an access code can be sent by email. Create a link with an access code, and pass the code another way.',
    );
  const policy = await readPolicy(ctx.store.db);
  const me = (await activeUser(ctx.store.db, userId))!;
  const url = linkUrl(policy.baseUrl ?? ctx.config.publicUrl ?? serverOrigin, id, fromB64url(fragmentKey));
  try {
    await ctx.mailer.send(
      linkMessage({
        to: row.recipient_email,
        sharerName: me.name,
        url,
        expiresAt: row.expires_at,
        maxAccesses: row.max_accesses,
      }),
    );
  } catch (e) {
    // The error may quote the message; log only its kind.
    ctx.logger.error({ event: 'mail_failed', err: { type: e instanceof Error ? e.name : 'unknown' } }, 'mail failed');
    throw new MailUnavailable(
      'mail_failed',
      'The email could not be sent. Copy the link and send it yourself, or try again later.',
    );
  }
  await write(ctx.store, async (tx) => {
    await tx.updateTable('links').set({ last_emailed_at: nowIso() }).where('id', '=', id).execute();
    await audit(tx, {
      actorId: userId,
      action: 'link.emailed',
      objectKind: 'link',
      objectId: id,
      secretId: row.secret_id,
      details: { recipientEmail: row.recipient_email },
    });
  });
  return (await linkView(ctx.store.db, userId, id))!;
}
