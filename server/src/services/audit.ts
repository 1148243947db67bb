import type { AuditEvent } from '../../../utils/contract';
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

type AuditInput = Parameters<typeof audit>[1];

/**
 * Appends many events in a few statements: a bulk read leaves one line per secret it opened, at the cost of
 * one insert per 500 lines rather than one per line.
 */
export async function auditMany(tx: Db | Tx, events: AuditInput[]): Promise<void> {
  const at = nowIso();
  const rows = events.map((e) => ({
    at,
    actor_id: e.actorId,
    action: e.action,
    object_kind: e.objectKind,
    object_id: e.objectId,
    secret_id: e.secretId ?? null,
    details: JSON.stringify(e.details ?? {}),
  }));
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('audit_events')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Audit events, oldest first: one secret's, or (for the administrator's export) all. */
export async function listAudit(
  db: Db | Tx,
  opts: { secretId?: string; afterId?: number; limit?: number } = {},
): Promise<AuditEvent[]> {
  let q = db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('id')
    .limit(opts.limit ?? 1000);
  if (opts.secretId) q = q.where('secret_id', '=', opts.secretId);
  if (opts.afterId) q = q.where('id', '>', opts.afterId);
  const rows = await q.execute();
  const refs = await userRefs(
    db,
    rows.map((r) => r.actor_id).filter((x): x is string => !!x),
  );
  return rows.map((r) => toAuditEvent(r, r.actor_id ? (refs.get(r.actor_id) ?? null) : null));
}
