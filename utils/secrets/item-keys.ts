import { VepError } from '@/utils/crypto';
import { openItemKey } from '@/utils/session';
import { verifyKeyPath } from '@/utils/session/grant-trust';
import { deviceTrust } from './device-trust';
import { VaultError } from '@/utils/vault/errors';
import type { RevealResponse } from '@/utils/contract';
import type { Unlocked } from './context';
import { assertNotOlder } from './revisions';

/** The secret's name for messages about its grants: the cached one, or its id when not cached. */
async function labelOf(u: Unlocked, secretId: string): Promise<string> {
  return (await u.db.get('secrets', secretId))?.name ?? secretId;
}

/**
 * Verifies every grant on the key path (docs/crypto.md, "Verifying a grant"), then opens the itemKey. A key
 * path that is refused or does not open is the server's doing, never the user's; the refusal names the
 * secret and the signer. `verified` is false for unsigned grants opened under the migration rule.
 * @throws {@link VaultError} `untrusted_grant` (with the sentence) or `bad_response`
 */
export async function openKeyOf(
  u: Unlocked,
  res: Pick<RevealResponse, 'secretId' | 'keyPath' | 'keyRevision' | 'valueRevision'>,
): Promise<{ key: Uint8Array; verified: boolean }> {
  let verified: boolean;
  try {
    verified = await verifyKeyPath(
      res,
      await labelOf(u, res.secretId),
      { userId: u.me.userId, signingPublicKey: u.me.signingPublicKey },
      deviceTrust(u.db),
    );
  } catch (e) {
    if (e instanceof VepError) throw new VaultError('untrusted_grant', { detail: e.message });
    throw e;
  }
  try {
    return { key: await openItemKey(res, u.me), verified };
  } catch (e) {
    if (e instanceof VepError)
      throw new VaultError('bad_response', { detail: 'A key grant from the server does not open.' });
    throw e;
  }
}

/**
 * The itemKeys of several secrets, through the values route: it records no "last use", because sharing
 * shows nobody the value. A disabled secret is absent from the answer and cannot get new recipients.
 * The caller zeroes the keys.
 * @throws {@link VaultError} `secret_disabled`, `old_value`, `bad_response`
 */
export async function itemKeys(
  u: Unlocked,
  ids: readonly string[],
): Promise<Map<string, { key: Uint8Array; valueRevision: number; keyRevision: number }>> {
  const out = new Map<string, { key: Uint8Array; valueRevision: number; keyRevision: number }>();
  if (!ids.length) return out;
  const { items } = await u.client.call('secretValues', { body: { ids: [...ids] } });
  try {
    for (const id of ids) {
      const res = items.find((r) => r.secretId === id);
      if (!res) throw new VaultError('secret_disabled');
      await assertNotOlder(u.db, id, res.valueRevision);
      out.set(id, {
        key: (await openKeyOf(u, res)).key,
        valueRevision: res.valueRevision,
        keyRevision: res.keyRevision ?? 1,
      });
    }
  } catch (e) {
    for (const k of out.values()) k.key.fill(0);
    throw e;
  }
  return out;
}
