import type { CacheDb } from '@/utils/cache';
import type { UnlockedMe } from '@/utils/session';
import type { VaultClient } from '@/utils/vault/client';

/** What every write or reveal needs from the unlocked worker: the cache, the signed-in client and the keys. */
export type Unlocked = { db: CacheDb; client: VaultClient; me: UnlockedMe };
