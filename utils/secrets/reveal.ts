import { decryptSecret, VepError } from '@/utils/crypto';
import { VaultError } from '@/utils/vault/errors';
import type { Unlocked } from './context';
import { openKeyOf } from './item-keys';
import { assertNotOlder, noteRevision } from './revisions';

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
  const res = await u.client.call('revealSecret', { params: { id: secretId } });
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
 * Re-reads one secret into the cache. A reveal changes its "last use", which the change feed does not
 * carry (nothing the list filters on changed), so the details would otherwise show the old time.
 */
export async function refreshSummary(u: Unlocked, secretId: string): Promise<void> {
  await u.db.put('secrets', await u.client.call('getSecret', { params: { id: secretId } }));
}
