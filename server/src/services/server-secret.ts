import { randomBytes, toB64url, fromB64url } from '../../../utils/crypto';
import type { Store } from '../db/connect';

/** Reads the server's HMAC secret, creating it on first start (insert-if-absent, so racing processes agree). */
export async function loadServerSecret(store: Store): Promise<Uint8Array> {
  await store.db
    .insertInto('settings')
    .values({ key: 'server_secret', value: toB64url(randomBytes(32)) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'server_secret')
    .executeTakeFirstOrThrow();
  return fromB64url(row.value);
}
