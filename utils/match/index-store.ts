import type { CacheDb } from '@/utils/cache';
import { fromUtf8, randomBytes, utf8, type ValueIndexKeys } from '@/utils/crypto';

/** One indexed secret as kept: its id, the keyed fingerprint of its client secret, and that value's revision. */
export type IndexEntry = [secretId: string, fingerprint: string, valueRevision: number];

/** The stored index's format; another one (older or newer) does not open, and the index is built again. */
const FORMAT = 1;
const aad = (userId: string) => utf8(`vaultshare/value-index/v${FORMAT}/${userId}`);
const gcm = (iv: Uint8Array<ArrayBuffer>, userId: string) => ({ name: 'AES-GCM', iv, additionalData: aad(userId) });

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
        if (sealed?.v !== FORMAT) return undefined;
        const plain = await crypto.subtle.decrypt(gcm(sealed.iv, userId), keys.seal, sealed.ct);
        const entries: unknown = JSON.parse(fromUtf8(new Uint8Array(plain)));
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
      const iv = randomBytes(12);
      const ct = await crypto.subtle.encrypt(gcm(iv, userId), keys.seal, utf8(JSON.stringify(entries)));
      const cache = await db();
      if (alive()) await cache.put('valueIndex', { v: FORMAT, iv, ct: new Uint8Array(ct) }, 'sealed');
    },
    /** Value matching turned off: nothing about the values stays on the device. (Sign-out clears every store.) */
    async remove(): Promise<void> {
      await (await db()).delete('valueIndex', 'sealed');
    },
  };
}

export type IndexStore = ReturnType<typeof createIndexStore>;
