import { bytesOf, fromB64url, toB64url } from './encoding';
import { badInput } from './errors';
import { sha256Hex } from './fingerprint';
import { isCanonicalP256Spki } from './keys';

/** ECDSA on P-256: the signing keys of VEP/2 (docs/crypto.md, "Signing keys"). */
export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Bytes of an IEEE P1363 P-256 signature, `r || s`. */
export const SIGNATURE_BYTES = 64;

/** An account's signing key pair. */
export type SigningKeyPair = {
  /** SPKI, base64url, published as `signingPublicKey`. */
  signingPublicKey: string;
  /** Non-extractable, usable only to sign. */
  signingKey: CryptoKey;
  /** PKCS8 bytes, to encrypt for the account; drop them after. */
  signingKeyPkcs8: Uint8Array;
  /** SHA-256 of the SPKI, 64 lowercase hex. */
  signingFingerprint: string;
};

/** A new ECDSA P-256 key pair for an account (at enrollment, or at the first unlock of a VEP/1 account). */
export async function newSigningKeys(): Promise<SigningKeyPair> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const signingKeyPkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  return {
    signingPublicKey: toB64url(spki),
    signingKey: await importSigningKey(signingKeyPkcs8),
    signingKeyPkcs8,
    signingFingerprint: await sha256Hex(spki),
  };
}

/**
 * Imports a PKCS8 P-256 private key for signing.
 * @throws {@link VepError} `bad_input` when the bytes are not a P-256 private key.
 */
export async function importSigningKey(pkcs8: Uint8Array, extractable = false): Promise<CryptoKey> {
  try {
    return await globalThis.crypto.subtle.importKey('pkcs8', bytesOf(pkcs8), ECDSA_P256, extractable, ['sign']);
  } catch {
    throw badInput('This is not a P-256 signing key.');
  }
}

/**
 * Imports a signing public key, which must be canonical SPKI (one key, one fingerprint), as for ECDH keys.
 * @throws {@link VepError} `bad_input` otherwise.
 */
export async function importVerifyKey(spkiB64: string): Promise<CryptoKey> {
  const spki = fromB64url(spkiB64);
  const subtle = globalThis.crypto.subtle;
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', spki, ECDSA_P256, true, ['verify']);
  } catch {
    throw badInput('This is not a P-256 public key.');
  }
  if (!isCanonicalP256Spki(spki)) throw badInput('This P-256 public key is not in canonical SPKI form.');
  return key;
}

/** The SPKI public key (base64url) of a PKCS8 signing key, to check what the server publishes for us. */
export async function signingPublicKeyOf(pkcs8: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const jwk = await subtle.exportKey('jwk', await importSigningKey(pkcs8, true));
  const pub = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, ECDSA_P256, true, [
    'verify',
  ]);
  return toB64url(new Uint8Array(await subtle.exportKey('spki', pub)));
}

/** ECDSA-P256-SHA256 over `message`; the 64-byte `r || s` signature as base64url. Randomized. */
export async function sign(signingKey: CryptoKey, message: Uint8Array): Promise<string> {
  return toB64url(new Uint8Array(await globalThis.crypto.subtle.sign(SIGN, signingKey, bytesOf(message))));
}

/** Signing public keys imported for {@link verify}, by their SPKI text: a few signers sign most grants. */
const verifyKeys = new Map<string, CryptoKey>();
const VERIFY_KEYS_KEPT = 256;

/** {@link importVerifyKey}, remembered: checking 10,000 grants of one owner imports their key once. */
async function verifyKeyOf(spkiB64: string): Promise<CryptoKey> {
  const kept = verifyKeys.get(spkiB64);
  if (kept) return kept;
  const key = await importVerifyKey(spkiB64);
  if (verifyKeys.size >= VERIFY_KEYS_KEPT) verifyKeys.clear();
  verifyKeys.set(spkiB64, key);
  return key;
}

/**
 * Whether `signature` is a valid signature of `message` by `signingPublicKey`. A malformed key is an error
 * (the caller checks keys before); a malformed signature is simply not valid.
 * @throws {@link VepError} `bad_input` when the public key is not canonical P-256 SPKI.
 */
export async function verify(
  signingPublicKey: string | CryptoKey,
  message: Uint8Array,
  signature: string,
): Promise<boolean> {
  const key = typeof signingPublicKey === 'string' ? await verifyKeyOf(signingPublicKey) : signingPublicKey;
  let sig: Uint8Array<ArrayBuffer>;
  try {
    sig = fromB64url(signature);
  } catch {
    return false;
  }
  if (sig.length !== SIGNATURE_BYTES) return false;
  return globalThis.crypto.subtle.verify(SIGN, key, sig, bytesOf(message));
}
