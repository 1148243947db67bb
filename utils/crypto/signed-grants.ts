import type { SubjectKind } from './context';
import { VepError } from './errors';
import { type Grant, type GrantTarget, createGrant } from './grants';
import { sign, verify } from './signing';
import { grantStatement, membershipStatement } from './statements';

/** A grant with its granter's signature (docs/crypto.md, "Grant statement"). */
export type SignedGrant = Grant & { revision: number; granterId: string; signature: string };

/** Who may have signed a grant, in the server's words (docs/crypto.md, "Verifying a grant", step 3). */
export type SignerRole = 'owner' | 'editor' | 'manager' | 'none';

/** A person who signs, as the server presents them: who, and the signing key to check. */
export type SigningPerson = { id: string; name: string; username: string; signingPublicKey: string };

/**
 * The signed decision that made a group manager one (docs/crypto.md, "Membership statement"): the membership
 * statement `manager` by another manager, `by`, at `at`.
 */
export type ManagerProof = { by: SigningPerson; at: string; signature: string };

/**
 * The signer of a grant as the server presents it, next to the grant. A manager of a group who was made one
 * by another manager comes with that manager's signed decision (`managerProof`).
 */
export type Signer = SigningPerson & { role: SignerRole; managerProof?: ManagerProof | null };

/** The person signing: their id and their signing key. */
export type Granter = { id: string; signingKey: CryptoKey };

type Subject = { subjectKind: SubjectKind; subjectId: string };

/** Whether a grant carries all three VEP/2 fields (a VEP/1 grant carries none). */
export function isSigned(g: Grant): g is SignedGrant {
  return g.revision !== undefined && g.granterId !== undefined && g.signature !== undefined;
}

/** Adds the granter's signature over the grant statement to a grant of `subject` at key revision `revision`. */
export async function signGrant(
  grant: Grant,
  subject: Subject,
  revision: number,
  granter: Granter,
): Promise<SignedGrant> {
  const { revision: _r, granterId: _g, signature: _s, ...plain } = grant;
  const statement = grantStatement({ ...plain, ...subject, revision, granterId: granter.id });
  return { ...plain, revision, granterId: granter.id, signature: await sign(granter.signingKey, statement) };
}

/** Wraps `keyBytes` for the target (VEP/1 "Grants") and signs the result. */
export async function createSignedGrant(
  t: GrantTarget,
  keyBytes: Uint8Array,
  revision: number,
  granter: Granter,
): Promise<SignedGrant> {
  return signGrant(await createGrant(t, keyBytes), t, revision, granter);
}

// A link's grant is its sharer's own copy of the link's fragment key: only the secret's owner makes one.
const ROLES: Record<SubjectKind, readonly SignerRole[]> = {
  secret: ['owner', 'editor'],
  group: ['manager'],
  link: ['owner'],
};
const WHAT: Record<SubjectKind, string> = { secret: 'the API secret', group: 'the group', link: 'the link to' };

/** What the verifier expects, never taken from the grant itself. `label` names the secret or group for people. */
export type GrantExpectation = Subject & { label: string; revision: number; signer: Signer | null };

/**
 * Checks a grant before its key is used (docs/crypto.md, "Verifying a grant", steps 1 to 5), given a signer
 * whose key the caller has already checked against its pin. Messages name the secret or group and the signer.
 * @throws {@link VepError} `unsigned` when the grant has no signature; `bad_signature` when the signer is
 * not the granter, may not grant this key, signed another revision, or the signature does not verify.
 */
export async function verifyGrant(grant: Grant, e: GrantExpectation): Promise<SignedGrant> {
  const what = `${WHAT[e.subjectKind]} “${e.label}”`;
  if (!isSigned(grant))
    throw new VepError(
      'unsigned',
      `The key for ${what} is not signed by anyone, so it cannot be trusted. Nothing was opened.`,
    );
  const s = e.signer;
  if (!s || s.id !== grant.granterId)
    throw new VepError(
      'bad_signature',
      `The key for ${what} names a signer the server did not present. Nothing was opened.`,
    );
  const who = `${s.name} (${s.username})`;
  if (!ROLES[e.subjectKind].includes(s.role)) {
    const may = e.subjectKind === 'secret' ? 'its owner or an editor' : 'a manager of it';
    throw new VepError(
      'bad_signature',
      `The key for ${what} was signed by ${who}, who is not ${may}. Nothing was opened.`,
    );
  }
  if (grant.revision !== e.revision) {
    throw new VepError(
      'bad_signature',
      `The key for ${what}, signed by ${who}, is for another key revision (${grant.revision}, expected ${e.revision}). Nothing was opened.`,
    );
  }
  let ok: boolean;
  try {
    ok = await verify(
      s.signingPublicKey,
      grantStatement({ ...grant, subjectKind: e.subjectKind, subjectId: e.subjectId }),
      grant.signature,
    );
  } catch (err) {
    if (err instanceof VepError && err.code === 'bad_input')
      ok = false; // a malformed field is tampering like any other
    else throw err;
  }
  if (!ok)
    throw new VepError(
      'bad_signature',
      `The key for ${what} is signed by ${who}, but the signature does not verify. The server may have replaced it; nothing was opened.`,
    );
  return grant;
}

/**
 * Checks the signed decision that made `manager` a manager of the group (docs/crypto.md, "Verifying a grant",
 * step 3), given a `proof.by` whose key the caller has already checked against its pin. `label` names the group.
 * @throws {@link VepError} `bad_signature` when the manager promoted themselves or the signature does not verify
 */
export async function verifyManagerProof(
  proof: ManagerProof,
  e: { groupId: string; label: string; manager: SigningPerson },
): Promise<void> {
  const who = `${e.manager.name} (${e.manager.username})`;
  const by = `${proof.by.name} (${proof.by.username})`;
  if (proof.by.id === e.manager.id)
    throw new VepError(
      'bad_signature',
      `${who} is a manager of the group “${e.label}” only by their own word. Nothing was opened.`,
    );
  const statement = membershipStatement({
    action: 'manager',
    groupId: e.groupId,
    memberId: e.manager.id,
    managerId: proof.by.id,
    at: proof.at,
  });
  const ok = await verify(proof.by.signingPublicKey, statement, proof.signature).catch((err: unknown) => {
    if (err instanceof VepError && err.code === 'bad_input') return false;
    throw err;
  });
  if (!ok)
    throw new VepError(
      'bad_signature',
      `${who} was made a manager of the group “${e.label}” by ${by}, but that decision’s signature does not verify. The server may have changed it; nothing was opened.`,
    );
}
