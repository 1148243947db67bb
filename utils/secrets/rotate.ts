import { createSignedGrant, encryptSecret, newItemKey } from '@/utils/crypto';
import type { AccessEntry, AccessList, SecretSummary } from '@/utils/contract';
import { checkPins } from '@/utils/share/pins';
import { recipientKey, type RecipientKey } from '@/utils/share/types';
import { VaultError } from '@/utils/vault/errors';
import type { Unlocked } from './context';
import { openSecretValue } from './reveal';
import { noteRevision } from './revisions';

type Holder = { kind: 'user' | 'group'; id: string; name: string; lookup: string; fingerprint?: string };

/**
 * A holder's public key, found in the directory by username (a user) or name (a group) and matched by id.
 * The fingerprint is computed from the key and checked against this device's pin before any grant is made.
 */
async function publicKeyOf(u: Unlocked, h: Holder): Promise<string> {
  if (h.kind === 'user' && h.id === u.me.userId) return u.me.publicKey;
  const { results } = await u.client.call('search', { query: { q: h.lookup } });
  const found = results.find((r) => r.kind === h.kind && r.id === h.id);
  if (!found)
    throw new VaultError('unknown_recipient', { detail: `${h.name} cannot be found to receive the new key.` });
  if (h.fingerprint && found.fingerprint !== h.fingerprint)
    throw new VaultError('recipient_key_changed', { detail: `${h.name}'s key changed while rotating.` });
  return found.publicKey;
}

const holderOf = (e: AccessEntry): Holder => ({
  kind: e.recipientKind,
  id: e.recipientId,
  name: e.name,
  lookup: e.recipientKind === 'user' ? (e.username ?? e.name) : e.name,
  fingerprint: e.fingerprint,
});

/**
 * Rotates a secret's item key (docs/crypto.md, "Rotating a secret's itemKey"): the value, opened and
 * verified here, is encrypted under a new key at the next value revision, and the owner and everyone on the
 * list get a new grant signed by this user at that revision, all replaced in one request. Someone removed
 * before keeps only the old key, which opens no later value. A recipient whose key differs from this
 * device's pin stops the rotation (nothing is sent): share with them again after checking their key.
 * @throws {@link VaultError} `recipient_key_changed`, `stale_revision`, `stale_access_revision`, `forbidden`
 */
export async function rotateItemKey(u: Unlocked, secretId: string): Promise<SecretSummary> {
  if (!u.me.signingKey)
    throw new VaultError('forbidden', { detail: 'This account has no signing key yet: unlock online first.' });
  const { clientSecret } = await openSecretValue(u, secretId);
  const s = await u.client.call('getSecret', { params: { id: secretId } });
  if (!s.permissions.edit && !s.permissions.share) throw new VaultError('forbidden');
  const list: AccessList = await u.client.call('getAccess', { params: { id: secretId } });
  const owner: Holder = { kind: 'user', id: list.owner.id, name: list.owner.name, lookup: list.owner.username };
  const holders = [owner, ...list.entries.map(holderOf)];
  const targets: { key: RecipientKey; kind: 'user' | 'group'; id: string; name: string; publicKey: string }[] = [];
  for (const h of holders)
    targets.push({
      key: recipientKey(h.kind, h.id),
      kind: h.kind,
      id: h.id,
      name: h.name,
      publicKey: await publicKeyOf(u, h),
    });
  const { changes } = await checkPins(u.db, targets);
  if (changes.length)
    throw new VaultError('recipient_key_changed', {
      detail: `${changes.map((c) => c.name).join(', ')}: the key differs from the one this device pinned.`,
    });
  const key = newItemKey();
  const revision = s.valueRevision + 1;
  const granter = { id: u.me.userId, signingKey: u.me.signingKey };
  try {
    const grantTo = (t: (typeof targets)[number]) =>
      createSignedGrant(
        {
          subjectKind: 'secret',
          subjectId: secretId,
          recipientKind: t.kind,
          recipientId: t.id,
          recipientPublicKey: t.publicKey,
        },
        key,
        revision,
        granter,
      );
    const [ownerTarget, ...others] = targets;
    const body = {
      baseRevision: s.revision,
      baseAccessRevision: list.accessRevision,
      valueRevision: revision,
      value: await encryptSecret(key, secretId, revision, { clientSecret }),
      ownerGrant: await grantTo(ownerTarget!),
      grants: await Promise.all(others.map(grantTo)),
    };
    const rotated = await u.client.call('rotateSecret', { params: { id: secretId }, body });
    await noteRevision(u.db, secretId, revision);
    return rotated;
  } finally {
    key.fill(0);
  }
}
