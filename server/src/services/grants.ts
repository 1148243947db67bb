import type { Grant, Signer } from '../../../utils/contract';
import { grantStatement, isSigned, verify } from '../../../utils/crypto';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';
import { Conflict, Invalid } from './errors';

/**
 * The server cannot open a grant, but it can refuse one that is addressed to the wrong recipient or to a
 * key the recipient no longer has, which is what a confused or stale client would send.
 */
export function checkGrant(
  grant: Grant,
  to: { kind: 'user' | 'group'; id: string; fingerprint: string; name: string },
): void {
  if (grant.recipientKind !== to.kind || grant.recipientId !== to.id)
    throw new Invalid('grant_recipient_mismatch', `The key grant for ${to.name} is addressed to someone else.`);
  if (grant.recipientKeyFingerprint !== to.fingerprint)
    throw new Conflict(
      'recipient_key_changed',
      `${to.name}'s key has changed. Check their new fingerprint, then share again.`,
    );
}

type Subject = { subjectKind: 'secret' | 'group'; subjectId: string; revision: number };

/**
 * Checks the granter's signature on a grant the caller sends (docs/crypto.md, "Making grants"): a caller
 * with a signing key must sign every grant, as themselves, at the subject's key revision. Clients verify
 * on their own; this turns a broken or stale client's mistake into a clear refusal instead of a grant
 * that every recipient would refuse.
 */
export async function checkSignature(
  db: Db | Tx,
  callerId: string,
  grant: Grant,
  s: Subject,
  name: string,
): Promise<void> {
  const partial = grant.revision !== undefined || grant.granterId !== undefined || grant.signature !== undefined;
  const me = await db
    .selectFrom('users')
    .select('signing_public_key')
    .where('id', '=', callerId)
    .executeTakeFirstOrThrow();
  if (!isSigned(grant)) {
    if (partial)
      throw new Invalid(
        'bad_signature',
        `The key grant for ${name} is only partly signed: it needs revision, granterId and signature together.`,
      );
    if (me.signing_public_key)
      throw new Invalid(
        'signature_required',
        `The key grant for ${name} is not signed. Your account has a signing key: sign every grant you make.`,
      );
    return;
  }
  if (!me.signing_public_key)
    throw new Invalid('bad_signature', 'Your account has no signing key yet, so it cannot sign grants. Set one first.');
  if (grant.granterId !== callerId)
    throw new Invalid('bad_signature', `The key grant for ${name} names another person as its granter.`);
  if (grant.revision !== s.revision)
    throw new Conflict(
      'stale_key_revision',
      `The key grant for ${name} is for key revision ${grant.revision}, but the current one is ${s.revision}. Reload and try again.`,
    );
  const ok = await verify(
    me.signing_public_key,
    grantStatement({ ...grant, subjectKind: s.subjectKind, subjectId: s.subjectId }),
    grant.signature,
  ).catch(() => false);
  if (!ok)
    throw new Invalid(
      'bad_signature',
      `The signature on the key grant for ${name} does not verify with your signing key.`,
    );
}

/** Why a user may sign grants of a secret or a group: the role a verifier checks (docs/crypto.md, step 3). */
async function roleOf(
  db: Db | Tx,
  userId: string,
  s: { subjectKind: 'secret' | 'group'; subjectId: string },
): Promise<Signer['role']> {
  if (s.subjectKind === 'group') {
    const m = await db
      .selectFrom('group_members')
      .select('is_manager')
      .where('group_id', '=', s.subjectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return m?.is_manager ? 'manager' : 'none';
  }
  const secret = await db.selectFrom('secrets').select('owner_id').where('id', '=', s.subjectId).executeTakeFirst();
  if (secret?.owner_id === userId) return 'owner';
  const direct = await db
    .selectFrom('access_entries')
    .select('can_edit')
    .where('secret_id', '=', s.subjectId)
    .where('recipient_kind', '=', 'user')
    .where('recipient_id', '=', userId)
    .executeTakeFirst();
  if (direct?.can_edit) return 'editor';
  const viaGroup = await db
    .selectFrom('access_entries')
    .innerJoin('group_members', (j) =>
      j.onRef('group_members.group_id', '=', 'access_entries.recipient_id').on('group_members.user_id', '=', userId),
    )
    .select('access_entries.can_edit')
    .where('access_entries.secret_id', '=', s.subjectId)
    .where('access_entries.recipient_kind', '=', 'group')
    .where('access_entries.can_edit', '=', 1)
    .where('group_members.is_member', '=', 1)
    .where('group_members.grant', 'is not', null)
    .executeTakeFirst();
  return viaGroup ? 'editor' : 'none';
}

/** The signer of a grant, presented next to it so the recipient can verify it; null for an unsigned grant. */
export async function signerOf(
  db: Db | Tx,
  grant: Grant,
  s: { subjectKind: 'secret' | 'group'; subjectId: string },
): Promise<Signer | null> {
  if (!grant.granterId) return null;
  const u = await db
    .selectFrom('users')
    .select(['id', 'name', 'username', 'signing_public_key'])
    .where('id', '=', grant.granterId)
    .executeTakeFirst();
  if (!u?.signing_public_key) return null;
  const role = await roleOf(db, u.id, s);
  return {
    id: u.id,
    name: u.name,
    username: u.username,
    signingPublicKey: u.signing_public_key,
    role,
    ...(s.subjectKind === 'group' && role === 'manager'
      ? { managerProof: await managerProofOf(db, u.id, s.subjectId) }
      : {}),
  };
}

/**
 * The signed decision that made `userId` a manager of the group (docs/crypto.md, "Membership statement"),
 * with its signer's key; null for the owner, managers named by the administrator's tool and older ones.
 */
async function managerProofOf(db: Db | Tx, userId: string, groupId: string): Promise<Signer['managerProof']> {
  const m = await db
    .selectFrom('group_members')
    .select('manager_proof')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!m?.manager_proof) return null;
  const p = JSON.parse(m.manager_proof) as { by: string; at: string; signature: string };
  const by = await db
    .selectFrom('users')
    .select(['id', 'name', 'username', 'signing_public_key'])
    .where('id', '=', p.by)
    .executeTakeFirst();
  if (!by?.signing_public_key) return null;
  return {
    by: { id: by.id, name: by.name, username: by.username, signingPublicKey: by.signing_public_key },
    at: p.at,
    signature: p.signature,
  };
}
