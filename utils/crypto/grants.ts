import { aesGcmDecrypt, aesGcmEncrypt, unwrapAesKey } from './aes-gcm';
import { type RecipientKind, type SubjectKind, grantContext } from './context';
import { concatBytes, fromB64url, toB64url } from './encoding';
import { VepError, decryptFailed } from './errors';
import { fingerprintOf, sha256Hex } from './fingerprint';
import { hkdfSha256AesKey } from './kdf';
import { P256, importPublicKey, importPublicKeyBytes } from './keys';

/**
 * One key (an itemKey or a group's PKCS8 private key) wrapped for one recipient public key. VEP/2 adds the
 * granter's signature (`revision`, `granterId`, `signature`); a VEP/1 grant has none of the three.
 */
export type Grant = {
  recipientKind: RecipientKind;
  recipientId: string;
  recipientKeyFingerprint: string;
  ephemeralPublicKey: string;
  iv: string;
  ct: string;
  revision?: number;
  granterId?: string;
  signature?: string;
};

/** Whose key is granted, to whom, and the recipient's SPKI public key (base64url). */
export type GrantTarget = {
  subjectKind: SubjectKind;
  subjectId: string;
  recipientKind: RecipientKind;
  recipientId: string;
  recipientPublicKey: string;
};

/**
 * ECDH then HKDF into the AES-256-GCM key-encryption key (for `usage` only): the salt binds both public keys,
 * so a grant only opens for the pair that made it.
 */
async function kek(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  ephemeralSpki: Uint8Array,
  recipientSpki: Uint8Array,
  context: string,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const z = new Uint8Array(
    await globalThis.crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256),
  );
  return hkdfSha256AesKey(z, concatBytes(ephemeralSpki, recipientSpki), context, [usage]);
}

/**
 * Wraps `keyBytes` for a recipient public key with a fresh ephemeral P-256 key (docs/crypto.md, "Grants").
 * The caller checks `recipientPublicKey` against the pinned fingerprint before calling.
 * @throws {@link VepError} `bad_input` on a malformed target.
 */
export async function createGrant(t: GrantTarget, keyBytes: Uint8Array): Promise<Grant> {
  const context = grantContext(t);
  const recipientKey = await importPublicKey(t.recipientPublicKey);
  const recipientSpki = fromB64url(t.recipientPublicKey);
  const subtle = globalThis.crypto.subtle;
  const e = (await subtle.generateKey(P256, true, ['deriveBits'])) as CryptoKeyPair;
  const ephemeralSpki = new Uint8Array(await subtle.exportKey('spki', e.publicKey));
  const wrapped = await aesGcmEncrypt(
    await kek(e.privateKey, recipientKey, ephemeralSpki, recipientSpki, context, 'encrypt'),
    keyBytes,
    context,
  );
  return {
    recipientKind: t.recipientKind,
    recipientId: t.recipientId,
    recipientKeyFingerprint: await sha256Hex(recipientSpki),
    ephemeralPublicKey: toB64url(ephemeralSpki),
    iv: wrapped.iv,
    ct: wrapped.ct,
  };
}

/** The opener's own public key, decoded once: every grant it opens salts with it (read only, never changed). */
let lastSpki: { b64: string; bytes: Uint8Array } | undefined;
function spkiOf(b64: string): Uint8Array {
  if (lastSpki?.b64 !== b64) lastSpki = { b64, bytes: fromB64url(b64) };
  return lastSpki.bytes;
}

/**
 * A grant's context and its key-encryption key for `usage`, checked against the opener's own key first. The
 * context is rebuilt from `subject` and from the grant's own recipient fields, so a grant moved to another
 * subject or recipient fails to open.
 */
async function openingKey(
  grant: Grant,
  subject: { subjectKind: SubjectKind; subjectId: string },
  recipientPrivateKey: CryptoKey,
  recipientPublicKey: string,
  usage: KeyUsage,
): Promise<{ key: CryptoKey; context: string }> {
  const context = grantContext({ ...subject, recipientKind: grant.recipientKind, recipientId: grant.recipientId });
  const recipientSpki = spkiOf(recipientPublicKey);
  if (grant.recipientKeyFingerprint !== (await fingerprintOf(recipientPublicKey))) {
    throw new VepError('wrong_recipient', 'This grant was made for another public key than this one.');
  }
  let ephemeralKey: CryptoKey;
  let ephemeralSpki: Uint8Array<ArrayBuffer>;
  try {
    ephemeralSpki = fromB64url(grant.ephemeralPublicKey);
    ephemeralKey = await importPublicKeyBytes(ephemeralSpki);
  } catch {
    throw decryptFailed(); // a changed ephemeral key is tampering like any other changed byte
  }
  const key = await kek(recipientPrivateKey, ephemeralKey, ephemeralSpki, recipientSpki, context, usage).catch(() => {
    throw decryptFailed(); // e.g. a private key that is not ECDH P-256
  });
  return { key, context };
}

/**
 * Unwraps a grant with the recipient's private key: the granted key's bytes (an itemKey, or a group's PKCS8
 * private key), which the caller zeroes when done with them.
 * @param recipientPublicKey - the opener's own SPKI public key (the one its private key answers to)
 * @throws {@link VepError} `wrong_recipient` when the grant names another key; `decrypt_failed` on any
 * changed byte or wrong context.
 */
export async function openGrant(
  grant: Grant,
  subject: { subjectKind: SubjectKind; subjectId: string },
  recipientPrivateKey: CryptoKey,
  recipientPublicKey: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const { key, context } = await openingKey(grant, subject, recipientPrivateKey, recipientPublicKey, 'decrypt');
  return aesGcmDecrypt(key, { v: 1, iv: grant.iv, ct: grant.ct }, context);
}

/**
 * {@link openGrant} of a secret's itemKey straight into a non-extractable AES-256-GCM key that can only decrypt
 * (one WebCrypto call fewer, and the key's bytes never in JavaScript): for reading a value, which is all the
 * details view, copying and the right-click index do with it.
 * @throws {@link VepError} as {@link openGrant}; `bad_input` when the grant holds anything but a 32-byte key.
 */
export async function openGrantKey(
  grant: Grant,
  subject: { subjectKind: SubjectKind; subjectId: string },
  recipientPrivateKey: CryptoKey,
  recipientPublicKey: string,
): Promise<CryptoKey> {
  const { key, context } = await openingKey(grant, subject, recipientPrivateKey, recipientPublicKey, 'unwrapKey');
  return unwrapAesKey(key, { v: 1, iv: grant.iv, ct: grant.ct }, context);
}
