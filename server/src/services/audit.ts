import type { Selectable } from 'kysely';
import type { AuditEvent } from '../../../utils/contract';
import type { AuditEventsTable } from '../db/schema';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';
import { nowIso } from './clock';
import { userRefs } from './users';
import { toAuditEvent } from './to-contract';

export type AuditAction =
  | 'secret.created'
  | 'secret.edited'
  | 'secret.disabled'
  | 'secret.enabled'
  | 'secret.revealed'
  | 'secret.value_indexed'
  | 'secret.shared'
  | 'secret.unshared'
  | 'secret.permission_changed'
  | 'secret.key_rotated'
  | 'group.created'
  | 'group.edited'
  | 'group.member_added'
  | 'group.member_approved'
  | 'group.member_regranted'
  | 'group.member_refused'
  | 'group.member_removed'
  | 'group.role_changed'
  | 'user.invited'
  | 'user.enrolled'
  | 'user.password_changed'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.signing_key_set'
  | 'auth.sign_in_failed'
  | 'auth.slowed'
  | 'link.created'
  | 'link.opened'
  | 'link.refused'
  | 'link.revoked'
  | 'link.emailed';

/** Appends one audit event; `details` never holds a sensitive value, only names of fields and recipients. */
export async function audit(
  tx: Db | Tx,
  e: {
    actorId: string | null;
    action: AuditAction;
    objectKind: string;
    objectId: string;
    secretId?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      at: nowIso(),
      actor_id: e.actorId,
      action: e.action,
      object_kind: e.objectKind,
      object_id: e.objectId,
      secret_id: e.secretId ?? null,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

/** The object kind of a batch's own row: it stands for the per-secret lines listAudit expands it to. */
const BATCH_KIND = 'secret_batch';

/**
 * One event that touched many secrets (a device's bulk values request): one `audit_events` row for the request
 * and one narrow `audit_event_secrets` row per secret, instead of a full audit row per secret. listAudit gives
 * it back as one line per secret, in each secret's trail and in the export, as if each had its own row. Writes
 * nothing when `secrets` is empty.
 */
export async function auditBatch(
  tx: Tx,
  e: { actorId: string; action: AuditAction; secrets: { secretId: string; via: string }[] },
): Promise<void> {
  if (!e.secrets.length) return;
  const { id } = await tx
    .insertInto('audit_events')
    .values({
      at: nowIso(),
      actor_id: e.actorId,
      action: e.action,
      object_kind: BATCH_KIND,
      object_id: String(e.secrets.length),
      secret_id: null,
      details: JSON.stringify({ count: e.secrets.length }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < e.secrets.length; i += 1000)
    await tx
      .insertInto('audit_event_secrets')
      .values(e.secrets.slice(i, i + 1000).map((s) => ({ secret_id: s.secretId, event_id: id, via: s.via })))
      .execute();
}

type AuditRow = Selectable<AuditEventsTable>;

/** A batch's line for one secret: the secret as its object, and how the reader held its key. */
const lineFor = (r: AuditRow, secretId: string, via: string): AuditRow => ({
  ...r,
  object_kind: 'secret',
  object_id: secretId,
  secret_id: secretId,
  details: JSON.stringify({ via }),
});

/**
 * Audit events, oldest first: one secret's, or (for the administrator's export) all. A batch (auditBatch) is
 * given back as one line per secret, all with the batch's id: in a secret's trail its own line, in the export
 * every line (a page of the export then holds the whole batch, whatever the limit).
 */
export async function listAudit(
  db: Db | Tx,
  opts: { secretId?: string; afterId?: number; limit?: number } = {},
): Promise<AuditEvent[]> {
  const limit = opts.limit ?? 1000;
  let q = db.selectFrom('audit_events').selectAll().orderBy('id').limit(limit);
  if (opts.secretId) q = q.where('secret_id', '=', opts.secretId);
  if (opts.afterId) q = q.where('id', '>', opts.afterId);
  let rows: AuditRow[] = await q.execute();
  if (opts.secretId) {
    const secretId = opts.secretId;
    let b = db
      .selectFrom('audit_event_secrets as s')
      .innerJoin('audit_events as e', 'e.id', 's.event_id')
      .selectAll('e')
      .select('s.via')
      .where('s.secret_id', '=', secretId)
      .orderBy('e.id')
      .limit(limit);
    if (opts.afterId) b = b.where('e.id', '>', opts.afterId);
    const batched = (await b.execute()).map(({ via, ...r }) => lineFor(r, secretId, via));
    rows = [...rows, ...batched].sort((x, y) => x.id - y.id).slice(0, limit);
  } else if (rows.some((r) => r.object_kind === BATCH_KIND)) {
    const ids = rows.filter((r) => r.object_kind === BATCH_KIND).map((r) => r.id);
    const lines = await db
      .selectFrom('audit_event_secrets')
      .selectAll()
      .where('event_id', 'in', ids)
      .orderBy('event_id')
      .orderBy('secret_id')
      .execute();
    const byEvent = new Map<number, typeof lines>();
    for (const l of lines) {
      const list = byEvent.get(l.event_id);
      if (list) list.push(l);
      else byEvent.set(l.event_id, [l]);
    }
    rows = rows.flatMap((r) =>
      r.object_kind === BATCH_KIND ? (byEvent.get(r.id) ?? []).map((l) => lineFor(r, l.secret_id, l.via)) : [r],
    );
  }
  const refs = await userRefs(
    db,
    rows.map((r) => r.actor_id).filter((x): x is string => !!x),
  );
  return rows.map((r) => toAuditEvent(r, r.actor_id ? (refs.get(r.actor_id) ?? null) : null));
}
