import type { CacheDb } from '@/utils/cache';
import { VaultError } from '@/utils/vault/errors';

/**
 * Refuses a value older than one this device has already opened (docs/crypto.md, "Secrets"): the revision
 * in the AAD stops relabelling, but only this memory stops a server from serving an old value as current.
 * @throws {@link VaultError} `old_value`
 */
export async function assertNotOlder(db: CacheDb, secretId: string, valueRevision: number): Promise<void> {
  const seen = await db.get('revisions', secretId);
  if (seen && valueRevision < seen.valueRevision) throw new VaultError('old_value');
}

/** Records that this device opened (or wrote) `valueRevision` of a secret. */
export async function noteRevision(db: CacheDb, secretId: string, valueRevision: number): Promise<void> {
  const seen = await db.get('revisions', secretId);
  if (!seen || seen.valueRevision < valueRevision) await db.put('revisions', { secretId, valueRevision });
}
