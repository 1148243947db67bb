import { VepError } from '@/utils/crypto';
import { openItemKey } from '@/utils/session';
import { VaultError } from '@/utils/vault/errors';
import type { RevealResponse } from '@/utils/contract';
import type { Unlocked } from './context';
import { assertNotOlder } from './revisions';

/** A key path that does not open is the server's doing (or a key meant for someone else), never the user's. */
export async function openKeyOf(u: Unlocked, res: Pick<RevealResponse, 'secretId' | 'keyPath'>): Promise<Uint8Array> {
  try {
    return await openItemKey(res, u.me);
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
): Promise<Map<string, { key: Uint8Array; valueRevision: number }>> {
  const out = new Map<string, { key: Uint8Array; valueRevision: number }>();
  if (!ids.length) return out;
  const { items } = await u.client.call('secretValues', { body: { ids: [...ids] } });
  try {
    for (const id of ids) {
      const res = items.find((r) => r.secretId === id);
      if (!res) throw new VaultError('secret_disabled');
      await assertNotOlder(u.db, id, res.valueRevision);
      out.set(id, { key: await openKeyOf(u, res), valueRevision: res.valueRevision });
    }
  } catch (e) {
    for (const k of out.values()) k.key.fill(0);
    throw e;
  }
  return out;
}
