import { createGrant, encryptSecret, newId, newItemKey } from '@/utils/crypto';
import { signed } from '@/utils/share/share';
import type { SecretSummary } from '@/utils/contract';
import type { Unlocked } from './context';
import { fieldsOf, type SecretDraft, type SecretFields } from './draft';
import { itemKeys } from './item-keys';
import { noteRevision } from './revisions';

/**
 * Adds an API secret: a new itemKey made here, the client secret encrypted under it at value
 * revision 1, and the key granted to the owner's own public key. The server receives ciphertext only.
 */
export async function createSecret(u: Unlocked, draft: SecretDraft): Promise<SecretSummary> {
  const id = newId();
  const itemKey = newItemKey();
  try {
    const value = await encryptSecret(itemKey, id, 1, { clientSecret: draft.clientSecret });
    const plain = await createGrant(
      {
        subjectKind: 'secret',
        subjectId: id,
        recipientKind: 'user',
        recipientId: u.me.userId,
        recipientPublicKey: u.me.publicKey,
      },
      itemKey,
    );
    const ownerGrant = await signed(u, plain, id, 1); // a new secret's key revision is 1
    const created = await u.client.call('createSecret', { body: { id, ...fieldsOf(draft), value, ownerGrant } });
    await u.db.put('secrets', created);
    await noteRevision(u.db, id, 1);
    return created;
  } finally {
    itemKey.fill(0);
  }
}

export type UpdateInput = {
  secretId: string;
  baseRevision: number;
  fields: Partial<SecretFields>;
  clientSecret?: string;
};

/**
 * Edits an API secret. A new client secret is encrypted under the secret's itemKey (opened along the
 * editor's key path) at the next value revision, which the server insists on.
 */
export async function updateSecret(u: Unlocked, input: UpdateInput): Promise<SecretSummary> {
  let value: { ciphertext: Awaited<ReturnType<typeof encryptSecret>>; valueRevision: number } | undefined;
  if (input.clientSecret) {
    const { key, valueRevision } = (await itemKeys(u, [input.secretId])).get(input.secretId)!;
    try {
      value = {
        ciphertext: await encryptSecret(key, input.secretId, valueRevision + 1, { clientSecret: input.clientSecret }),
        valueRevision: valueRevision + 1,
      };
    } finally {
      key.fill(0);
    }
  }
  const updated = await u.client.call('updateSecret', {
    params: { id: input.secretId },
    body: { baseRevision: input.baseRevision, ...input.fields, ...(value ? { value } : {}) },
  });
  await u.db.put('secrets', updated);
  if (value) await noteRevision(u.db, input.secretId, value.valueRevision);
  return updated;
}

/** Disables or enables an API secret, based on the revision the user saw. */
export async function setSecretStatus(
  u: Unlocked,
  input: { secretId: string; baseRevision: number; enabled: boolean },
): Promise<SecretSummary> {
  const route = input.enabled ? 'enableSecret' : 'disableSecret';
  const updated = await u.client.call(route, {
    params: { id: input.secretId },
    body: { baseRevision: input.baseRevision },
  });
  await u.db.put('secrets', updated);
  return updated;
}
