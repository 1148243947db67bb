// Relative imports: the server suite uses this module too, outside the extension's "@" alias.
import {
  VepError,
  fingerprintOf,
  isSigned,
  verifyGrant,
  verifyManagerProof,
  type Grant,
  type SigningPerson,
  type SubjectKind,
} from '../crypto';
import type { RevealResponse, Signer } from '../contract';

/**
 * What verification needs from the device (docs/crypto.md, "Verifying a grant" and "Migration"): the
 * signing-key pins (trust on first use) and the per-subject mark that a signed grant was seen, after which
 * an unsigned one is refused.
 */
export type GrantTrust = {
  /** The pinned signing fingerprint of a user, if any. */
  signingPin(userId: string): Promise<string | undefined>;
  /** Pins a user's signing fingerprint at first use. */
  pinSigning(userId: string, fingerprint: string): Promise<void>;
  /** Whether this device has opened a signed grant of `subject` (`secret:<id>` or `group:<id>`). */
  signedSeen(subject: string): Promise<boolean>;
  markSigned(subject: string): Promise<void>;
};

/** The verifier's own identity: its signatures are checked against the key it computed itself. */
export type Verifier = { userId: string; signingPublicKey: string | null };

type One = {
  grant: Grant;
  signer: Signer | null | undefined;
  subjectKind: SubjectKind;
  subjectId: string;
  label: string;
  revision: number;
};

/**
 * Checks a signer's key against this device's pin (or pins it at first use), or against our own key.
 * `what` names what they signed, as in "The key for the group “Ops”".
 */
async function trustedSigner(s: SigningPerson, me: Verifier, trust: GrantTrust, what: string): Promise<void> {
  const who = `${s.name} (${s.username})`;
  if (s.id === me.userId) {
    if (s.signingPublicKey !== me.signingPublicKey)
      throw new VepError(
        'bad_signature',
        `${what} claims to be signed by you, with a key that is not yours. Nothing was opened.`,
      );
    return;
  }
  const fingerprint = await fingerprintOf(s.signingPublicKey);
  const pin = await trust.signingPin(s.id);
  if (pin && pin !== fingerprint) {
    throw new VepError(
      'bad_signature',
      `${what} is signed by ${who} with a signing key that differs from the one this device pinned. Nothing was opened; compare ${s.name}'s fingerprint with them.`,
    );
  }
  if (!pin) await trust.pinSigning(s.id, fingerprint);
}

/**
 * A group-key grant signed by another manager: the decision that made them a manager, when the server has one,
 * must be signed by a third person whose key this device trusts (docs/crypto.md, "Verifying a grant", step 3).
 * Once this device has verified such a decision for that manager, one the server leaves out is refused.
 */
async function verifyManagerRole(o: One, me: Verifier, trust: GrantTrust): Promise<void> {
  const s = o.signer;
  if (o.subjectKind !== 'group' || !s || s.role !== 'manager' || s.id === me.userId) return;
  const mark = `manager:group:${o.subjectId}:${s.id}`;
  const who = `${s.name} (${s.username})`;
  const proof = s.managerProof;
  if (!proof) {
    if (await trust.signedSeen(mark))
      throw new VepError(
        'bad_signature',
        `The key for the group “${o.label}” is signed by ${who}, whose role as a manager this device has seen signed before, but the server now shows no signature for it. Nothing was opened.`,
      );
    return;
  }
  await trustedSigner(proof.by, me, trust, `The decision that made ${who} a manager of the group “${o.label}”`);
  await verifyManagerProof(proof, { groupId: o.subjectId, label: o.label, manager: s });
  await trust.markSigned(mark);
}

/**
 * Verifies one grant before use. Returns false for an unsigned grant accepted under the migration rule
 * (never a signed grant seen for this subject on this device): the caller shows the result "not yet verified".
 * @throws {@link VepError} `unsigned` or `bad_signature`, with a message naming the subject and the signer.
 */
async function verifyOne(o: One, me: Verifier, trust: GrantTrust): Promise<boolean> {
  const what = `${o.subjectKind === 'secret' ? 'the API secret' : 'the group'} “${o.label}”`;
  const mark = `${o.subjectKind}:${o.subjectId}`;
  if (!isSigned(o.grant)) {
    if (await trust.signedSeen(mark))
      throw new VepError(
        'unsigned',
        `The key for ${what} is not signed, though this device has seen it signed before. The server may have replaced it; nothing was opened.`,
      );
    return false;
  }
  if (o.signer) await trustedSigner(o.signer, me, trust, `The key for ${what}`);
  await verifyManagerRole(o, me, trust);
  await verifyGrant(o.grant, {
    subjectKind: o.subjectKind,
    subjectId: o.subjectId,
    label: o.label,
    revision: o.revision,
    signer: o.signer ?? null,
  });
  await trust.markSigned(mark);
  return true;
}

/**
 * Verifies every grant on a key path (docs/crypto.md, "Verifying a grant"): the user's own grant, or the
 * member grant of the group and the group's grant of the secret. `label` names the secret for messages.
 * @returns whether every grant was signed (false: opened under the migration rule, "not yet verified")
 * @throws {@link VepError} `unsigned` or `bad_signature`
 */
export async function verifyKeyPath(
  res: Pick<RevealResponse, 'secretId' | 'keyPath' | 'keyRevision' | 'valueRevision'>,
  label: string,
  me: Verifier,
  trust: GrantTrust,
): Promise<boolean> {
  const keyRevision = res.keyRevision ?? 1;
  if (keyRevision > res.valueRevision)
    throw new VepError(
      'bad_signature',
      `The key revision of the API secret “${label}” is newer than its value. Nothing was opened.`,
    );
  const secret = { subjectKind: 'secret' as const, subjectId: res.secretId, label, revision: keyRevision };
  const path = res.keyPath;
  if (path.via === 'user') return verifyOne({ ...secret, grant: path.grant, signer: path.signer }, me, trust);
  const member = await verifyOne(
    {
      grant: path.memberGrant,
      signer: path.memberGrantSigner,
      subjectKind: 'group',
      subjectId: path.groupId,
      label: path.groupName || 'group',
      revision: 1,
    },
    me,
    trust,
  );
  const item = await verifyOne({ ...secret, grant: path.groupGrant, signer: path.groupGrantSigner }, me, trust);
  return member && item;
}

/**
 * Verifies a user's own grant of a group's key before the key is used to share with the group, grant it to a
 * member or approve one (docs/crypto.md, "Verifying a grant"): the same checks as reading through the group.
 * @returns whether it was signed (false: an unsigned grant accepted under the migration rule)
 * @throws {@link VepError} `unsigned` or `bad_signature`, naming the group and the signer
 */
export function verifyGroupGrant(
  g: { id: string; name: string; myGrant: Grant; myGrantSigner?: Signer | null },
  me: Verifier,
  trust: GrantTrust,
): Promise<boolean> {
  return verifyOne(
    {
      grant: g.myGrant,
      signer: g.myGrantSigner,
      subjectKind: 'group',
      subjectId: g.id,
      label: g.name || 'group',
      revision: 1,
    },
    me,
    trust,
  );
}

/**
 * Verifies the sharer's own grant of a link's fragment key before "Copy link" or "Email" uses it: it must be
 * signed by this user, with their own key, for this link at revision 1. An unsigned one (made before links were
 * signed) is accepted only while this device has never seen that link's grant signed.
 * @returns whether it was signed
 * @throws {@link VepError} `unsigned` or `bad_signature`, naming the link's secret
 */
export async function verifyOwnLinkGrant(
  link: { id: string; label: string; grant: Grant },
  me: Verifier,
  trust: GrantTrust,
): Promise<boolean> {
  const mark = `link:${link.id}`;
  if (!isSigned(link.grant)) {
    if (await trust.signedSeen(mark))
      throw new VepError(
        'unsigned',
        `The key for the link to “${link.label}” is not signed, though this device has seen it signed before. The server may have replaced it; nothing was opened.`,
      );
    return false;
  }
  if (!me.signingPublicKey || link.grant.granterId !== me.userId)
    throw new VepError(
      'bad_signature',
      `The key for the link to “${link.label}” is not signed by you. The server may have replaced it; nothing was opened.`,
    );
  await verifyGrant(link.grant, {
    subjectKind: 'link',
    subjectId: link.id,
    label: link.label,
    revision: 1,
    signer: { id: me.userId, name: 'you', username: 'you', signingPublicKey: me.signingPublicKey, role: 'owner' },
  });
  await trust.markSigned(mark);
  return true;
}

/** A {@link GrantTrust} in memory: for tools and tests that keep no device state. */
export function memoryTrust(): GrantTrust {
  const pins = new Map<string, string>();
  const seen = new Set<string>();
  return {
    signingPin: async (id) => pins.get(id),
    pinSigning: async (id, f) => void pins.set(id, f),
    signedSeen: async (s) => seen.has(s),
    markSigned: async (s) => void seen.add(s),
  };
}
