import type { CacheDb } from '@/utils/cache';
import { aesGcmDecrypt, aesGcmEncrypt, fromUtf8, utf8, type ValueIndexKeys } from '@/utils/crypto';

/** One indexed secret as kept: its id, the keyed fingerprint of its client secret, and that value's revision. */
export type IndexEntry = [secretId: string, fingerprint: string, valueRevision: number];

/** The stored index's format; another one (older or newer) does not open, and the index is built again. */
const FORMAT = 1;
const aad = (userId: string) => `vaultshare/value-index/v${FORMAT}/${userId}`;

const isEntry = (e: unknown): e is IndexEntry =>
  Array.isArray(e) &&
  e.length === 3 &&
  typeof e[0] === 'string' &&
  typeof e[1] === 'string' &&
  Number.isSafeInteger(e[2]);

/**
 * The right-click value index kept on this device across locks and worker restarts (docs/crypto.md, "The value
 * index"): one record in the cache, sealed with AES-GCM under the index's own key, the user id and the format in
 * its AAD. What cannot be opened (another key, another user, a changed byte, another format) reads as nothing
 * kept: the index is then built again, and the user is never told.
 */
export function createIndexStore(db: () => Promise<CacheDb>) {
  return {
    async load(keys: ValueIndexKeys, userId: string): Promise<IndexEntry[] | undefined> {
      try {
        const sealed = await (await db()).get('valueIndex', 'sealed');
        if (!sealed) return undefined;
        const entries: unknown = JSON.parse(fromUtf8(await aesGcmDecrypt(keys.seal, sealed, aad(userId))));
        return Array.isArray(entries) && entries.every(isEntry) ? entries : undefined;
      } catch {
        return undefined;
      }
    },
    /** Replaces the kept index; skipped when `alive` turns false while sealing (a lock, matching turned off). */
    async save(
      keys: ValueIndexKeys,
      userId: string,
      entries: readonly IndexEntry[],
      alive: () => boolean = () => true,
    ): Promise<void> {
      const sealed = await aesGcmEncrypt(keys.seal, utf8(JSON.stringify(entries)), aad(userId));
      const cache = await db();
      if (alive()) await cache.put('valueIndex', sealed, 'sealed');
    },
    /** Value matching turned off: nothing about the values stays on the device. (Sign-out clears every store.) */
    async remove(): Promise<void> {
      await (await db()).delete('valueIndex', 'sealed');
    },
  };
}

export type IndexStore = ReturnType<typeof createIndexStore>;
