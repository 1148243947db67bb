import { aesGcmDecrypt, aesGcmEncrypt, fromB64url, randomBytes, toB64url } from '@/utils/crypto';

/** The private key wrapped under a key made for this browser session; both live only in `storage.session`. */
export type ResumeRecord = { key: string; iv: string; ct: string };

const aad = (userId: string) => `vaultshare/resume/${userId}`;

/**
 * Wraps the account's private key so that a restarted service worker can pick it up without the password.
 * The protection is `storage.session` itself (memory only, extension pages only, cleared on lock and when
 * the browser quits); the wrap keeps raw PKCS8 out of storage dumps and binds the copy to its user.
 */
export async function sealForResume(pkcs8: Uint8Array, userId: string): Promise<ResumeRecord> {
  const key = randomBytes(32);
  const { iv, ct } = await aesGcmEncrypt(key, pkcs8, aad(userId));
  return { key: toB64url(key), iv, ct };
}

/** Unwraps what {@link sealForResume} made. @throws VepError when it was changed or belongs to another user. */
export function openResume(rec: ResumeRecord, userId: string): Promise<Uint8Array> {
  return aesGcmDecrypt(fromB64url(rec.key), { v: 1, iv: rec.iv, ct: rec.ct }, aad(userId));
}
