import { deriveValueIndexKeys, importPrivateKey, importSigningKey, type ValueIndexKeys } from '@/utils/crypto';
import { clearCache, type CacheDb } from '@/utils/cache';
import { createVaultClient, type VaultClient } from '@/utils/vault/client';
import { ACTIVITY_RESOLUTION_MS } from '@/utils/config';
import { armAutoLock, disarmAutoLock, isOverdue } from './auto-lock';
import { openResume, sealForResume } from './resume';
import {
  accountItem,
  clearSessionStorage,
  lastActivityItem,
  lockReasonItem,
  resumeItem,
  resumeSigningItem,
  sessionItem,
  settingsItem,
} from '@/utils/storage-items';
import { readSettings } from './store';
import type { Account, LockReason, OpenedSession, SessionRecord, SessionStatus, UnlockedSession } from './types';

export type SessionStateDeps = {
  db: () => Promise<CacheDb>;
  onStatus?: (status: SessionStatus) => void;
  createClient?: (serverUrl: string, getToken: () => string | undefined) => VaultClient;
  now?: () => number;
};

/**
 * Who is signed in, the token, and the private key while unlocked. Memory is the truth while the worker
 * lives; `storage.session` mirrors it so a restarted worker resumes, and `storage.local` keeps only the
 * account's name and server. Every change is announced through `onStatus`.
 */
export function createSessionState(deps: SessionStateDeps) {
  const now = deps.now ?? Date.now;
  const makeClient = deps.createClient ?? ((serverUrl, getToken) => createVaultClient({ serverUrl, getToken }));
  let account: Account | undefined;
  let record: SessionRecord | undefined;
  let privateKey: CryptoKey | undefined;
  let signingKey: CryptoKey | undefined;
  // The value index's keys (derived from the private key), held and dropped with it.
  let indexKeys: ValueIndexKeys | undefined;
  let reason: LockReason = 'restart';
  let lastActivityAt = 0;
  let client: VaultClient | undefined;

  function status(): SessionStatus {
    if (!account) return { state: 'signedOut' };
    if (!privateKey || !record) return { state: 'locked', account, reason };
    return { state: 'unlocked', account, fingerprint: record.me.fingerprint };
  }
  const changed = () => deps.onStatus?.(status());

  async function lock(why: LockReason): Promise<SessionStatus> {
    privateKey = signingKey = indexKeys = undefined;
    reason = why;
    // An expired token is useless; dropping it makes the next unlock sign in again.
    if (why === 'session_expired') record = client = undefined;
    await resumeItem.removeValue();
    await resumeSigningItem.removeValue();
    if (why === 'session_expired') await sessionItem.removeValue();
    await lockReasonItem.setValue(why);
    await disarmAutoLock();
    changed();
    return status();
  }

  /** Picks up where a previous worker left off: unlocked if its wrapped key is still in storage.session. */
  async function resume(): Promise<void> {
    account = (await accountItem.getValue()) ?? undefined;
    record = (await sessionItem.getValue()) ?? undefined;
    reason = (await lockReasonItem.getValue()) ?? 'restart';
    lastActivityAt = await lastActivityItem.getValue();
    const wrapped = await resumeItem.getValue();
    if (!account || !record || !wrapped) return;
    if (isOverdue(lastActivityAt, (await readSettings()).autoLockMinutes, now())) return void (await lock('idle'));
    try {
      const pkcs8 = await openResume(wrapped, account.userId);
      indexKeys = await deriveValueIndexKeys(pkcs8, account.userId);
      privateKey = await importPrivateKey(pkcs8);
      const signing = await resumeSigningItem.getValue();
      signingKey = signing ? await importSigningKey(await openResume(signing, `${account.userId}/signing`)) : undefined;
    } catch {
      await lock('restart');
    }
  }

  /** Makes an opened session current: memory, both storages, the auto-lock alarm. */
  async function establish(opened: OpenedSession, serverUrl: string): Promise<SessionStatus> {
    const me = opened.me;
    const next: Account = { userId: me.id, username: me.username, name: me.name, serverUrl };
    const previous = account ?? (await accountItem.getValue());
    // A cache filled for another account or server must not show through, even for a moment.
    if (previous && (previous.userId !== next.userId || previous.serverUrl !== serverUrl))
      await clearCache(await deps.db());
    const keys = await deriveValueIndexKeys(opened.pkcs8, me.id);
    account = next;
    record = { token: opened.token, expiresAt: opened.expiresAt, me };
    privateKey = opened.privateKey;
    signingKey = opened.signingKey;
    indexKeys = keys;
    client = undefined;
    lastActivityAt = now();
    const settings = await readSettings();
    await accountItem.setValue(next);
    await settingsItem.setValue({ ...settings, serverUrl, username: me.username });
    await sessionItem.setValue(record);
    await resumeItem.setValue(await sealForResume(opened.pkcs8, me.id));
    // The signing key gets its own wrapped copy, bound to another label, so a restarted worker can still sign.
    if (opened.signingPkcs8)
      await resumeSigningItem.setValue(await sealForResume(opened.signingPkcs8, `${me.id}/signing`));
    else await resumeSigningItem.removeValue();
    await lastActivityItem.setValue(lastActivityAt);
    await lockReasonItem.removeValue();
    await armAutoLock(lastActivityAt, settings.autoLockMinutes);
    changed();
    return status();
  }

  /** Forgets everything: memory, both storages' session data, the cache. */
  async function forget(): Promise<SessionStatus> {
    account = record = privateKey = signingKey = indexKeys = client = undefined;
    await clearSessionStorage();
    await accountItem.removeValue();
    await disarmAutoLock();
    await clearCache(await deps.db());
    changed();
    return status();
  }

  return {
    ready: resume(),
    status,
    lock,
    establish,
    forget,
    makeClient,
    account: () => account,
    record: () => record,
    privateKey: () => privateKey,

    /** Records activity for auto-lock; cheap when called often. */
    async touch(): Promise<void> {
      if (!privateKey || now() - lastActivityAt < ACTIVITY_RESOLUTION_MS) return;
      lastActivityAt = now();
      await lastActivityItem.setValue(lastActivityAt);
      await armAutoLock(lastActivityAt, (await readSettings()).autoLockMinutes);
    },

    /** The auto-lock alarm fired (or the settings changed): lock if the user has been away long enough. */
    async checkIdle(): Promise<void> {
      if (!privateKey) return;
      const { autoLockMinutes } = await readSettings();
      if (isOverdue(lastActivityAt, autoLockMinutes, now())) await lock('idle');
      else await armAutoLock(lastActivityAt, autoLockMinutes);
    },

    /**
     * What every piece of work that needs the vault open takes (sync, reveal, writes, share, the value
     * index): the signed-in client, the cache's owner and the user's keys; undefined unless unlocked.
     */
    unlocked(): UnlockedSession | undefined {
      if (!account || !record || !privateKey || !indexKeys) return undefined;
      const token = record.token;
      client ??= makeClient(account.serverUrl, () => record?.token ?? token);
      return {
        client,
        owner: { userId: account.userId, serverUrl: account.serverUrl },
        indexKeys,
        me: {
          userId: account.userId,
          privateKey,
          publicKey: record.me.publicKey,
          signingKey,
          signingPublicKey: record.me.signingPublicKey ?? null,
        },
      };
    },
  };
}

export type SessionState = ReturnType<typeof createSessionState>;
