import { encryptSecret, newId, newItemKey, openGrant } from '../../../utils/crypto';
import type { GroupView } from '../../../utils/contract';
import type { VaultClient } from './client';

/**
 * The body of POST /v1/secrets made by hand (VaultClient.createSecret picks its own id), for requests that
 * must reuse an id or carry something odd. The value and the owner grant are real VEP/1.
 */
export async function createSecretBody(
  c: VaultClient,
  fields: { id?: string; name?: string; identifier?: string | null; clientSecret?: string } = {},
) {
  const id = fields.id ?? newId();
  const itemKey = newItemKey();
  return {
    id,
    name: fields.name ?? `Secret ${id.slice(0, 8)}`,
    url: 'https://api.example.com/v1',
    clientId: `client-${id.slice(0, 8)}`,
    identifier: fields.identifier ?? null,
    value: await encryptSecret(itemKey, id, 1, { clientSecret: fields.clientSecret ?? 'sk_test_value' }),
    ownerGrant: await c.grant('secret', id, c.me(), itemKey),
  };
}

/** Opens the caller's grant of a group's private key (a manager's client does this to add members). */
export async function groupKeyOf(c: VaultClient, groupId: string): Promise<Uint8Array> {
  const r = await c.call<GroupView>('GET', `/v1/groups/${groupId}`);
  if (r.status !== 200 || !r.body.myGrant)
    throw new Error(`${c.username} holds no key of group ${groupId}: ${r.status}`);
  return openGrant(r.body.myGrant, { subjectKind: 'group', subjectId: groupId }, c.privateKey, c.publicKey);
}
