import { decryptSecret, VepError } from '@/utils/crypto';
import type { RevealResponse } from '@/utils/contract';
import { VaultError } from '@/utils/vault/errors';
import type { Unlocked } from './context';
import { openKeyOf } from './item-keys';
import { assertNotOlder, noteRevision } from './revisions';

/** Opens a revealed or handed-out value: checked against the highest revision this device has seen. */
async function openValue(
  u: Unlocked,
  secretId: string,
  res: RevealResponse,
): Promise<{ clientSecret: string; verified: boolean }> {
  if (res.secretId !== secretId) throw new VaultError('bad_response');
  await assertNotOlder(u.db, secretId, res.valueRevision);
  const { key, verified } = await openKeyOf(u, res);
  try {
    const fields = await decryptSecret(key, secretId, res.valueRevision, res.value);
    await noteRevision(u.db, secretId, res.valueRevision);
    return { clientSecret: fields.clientSecret, verified };
  } catch (e) {
    if (e instanceof VepError)
      throw new VaultError('bad_response', { detail: 'The client secret does not open with its key.' });
    throw e;
  } finally {
    key.fill(0);
  }
}

/**
 * Reveals a client secret for the details view or a copy: the server records the use, the value is
 * opened here, checked against the highest revision this device has seen, and handed to the page that
 * asked, never stored.
 * @throws {@link VaultError} `secret_disabled`, `old_value`, `bad_response`
 */
export async function revealSecret(
  u: Unlocked,
  secretId: string,
): Promise<{ clientSecret: string; verified: boolean }> {
  return openValue(u, secretId, await u.client.call('revealSecret', { params: { id: secretId } }));
}

/**
 * Opens a client secret that nobody is shown (re-encrypting it under a new key: a rotation, the VEP/1
 * migration), through the values route: its audit line names this user's device, but it records no "last
 * use" and tells nobody's change feed. Through the reveal route, migrating 10,000 secrets stamped each as
 * used today and put 10,000 changes in the feed of everyone who sees them, each sync of an open popup then
 * re-reading the whole list. A disabled secret is absent from the values route's answer.
 * @throws {@link VaultError} `secret_disabled`, `old_value`, `bad_response`
 */
export async function openSecretValue(
  u: Unlocked,
  secretId: string,
): Promise<{ clientSecret: string; verified: boolean }> {
  const { items } = await u.client.call('secretValues', { body: { ids: [secretId] } });
  const res = items.find((r) => r.secretId === secretId);
  if (!res) throw new VaultError('secret_disabled');
  return openValue(u, secretId, res);
}

/**
 * Re-reads one secret into the cache. A reveal changes its "last use", which the change feed does not
 * carry (nothing the list filters on changed), so the details would otherwise show the old time.
 */
export async function refreshSummary(u: Unlocked, secretId: string): Promise<void> {
  await u.db.put('secrets', await u.client.call('getSecret', { params: { id: secretId } }));
}
