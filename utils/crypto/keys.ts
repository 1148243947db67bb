import { bytesOf, fromB64url, toB64url } from './encoding';
import { badInput } from './errors';
import { sha256Hex } from './fingerprint';

/** ECDH on P-256, the only key agreement of VEP/1. */
export const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A user's or a group's key pair. */
export type KeyPair = {
  /** SPKI, base64url: what the directory publishes. */
  publicKey: string;
  /** Non-extractable, usable only for `deriveBits`, so code that holds it cannot leak its bytes. */
  privateKey: CryptoKey;
  /** The private key's bytes, to encrypt for the account or grant to group members; drop it after. */
  privateKeyPkcs8: Uint8Array;
  /** SHA-256 of the SPKI bytes, 64 lowercase hex. */
  fingerprint: string;
};

/**
 * The DER header of a P-256 public key in SPKI as WebCrypto exports it (id-ecPublicKey, the named curve
 * prime256v1), followed by the uncompressed point's 0x04; then come the point's x and y, 32 bytes each.
 */
const P256_SPKI_HEAD = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
]);
const P256_SPKI_BYTES = P256_SPKI_HEAD.length + 64;

/**
 * Whether SPKI bytes are in the one form WebCrypto exports a P-256 key in (the header above and an
 * uncompressed point). For bytes that also import, this is the same as exporting the key again and comparing,
 * without the export: the import has checked the point (on the curve, coordinates below the field's prime).
 */
export function isCanonicalP256Spki(spki: Uint8Array): boolean {
  return spki.length === P256_SPKI_BYTES && P256_SPKI_HEAD.every((b, i) => spki[i] === b);
}

/** Generates a P-256 key pair (users at enrollment, groups at creation). */
export async function generateKeyPair(): Promise<KeyPair> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey(P256, true, ['deriveBits'])) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const privateKeyPkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  const privateKey = await importPrivateKey(privateKeyPkcs8);
  return { publicKey: toB64url(spki), privateKey, privateKeyPkcs8, fingerprint: await sha256Hex(spki) };
}

/**
 * Imports a PKCS8 P-256 private key for ECDH.
 * @param extractable - false by default: keys held in memory should not be exportable
 * @throws {@link VepError} `bad_input` when the bytes are not a P-256 private key.
 */
export async function importPrivateKey(pkcs8: Uint8Array, extractable = false): Promise<CryptoKey> {
  try {
    return await globalThis.crypto.subtle.importKey('pkcs8', bytesOf(pkcs8), P256, extractable, ['deriveBits']);
  } catch {
    throw badInput('This is not a P-256 private key.');
  }
}

/**
 * Imports an SPKI P-256 public key. It must be in the canonical form WebCrypto exports (uncompressed
 * point, named curve), so that one key has exactly one fingerprint.
 * @throws {@link VepError} `bad_input` when the text is not a canonical P-256 public key.
 */
export async function importPublicKey(spkiB64: string): Promise<CryptoKey> {
  return importPublicKeyBytes(fromB64url(spkiB64));
}

/** {@link importPublicKey} of bytes already decoded (a grant's ephemeral key, decoded once for its salt too). */
export async function importPublicKeyBytes(spki: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', spki, P256, true, []);
  } catch {
    throw badInput('This is not a P-256 public key.');
  }
  if (!isCanonicalP256Spki(spki)) throw badInput('This P-256 public key is not in canonical SPKI form.');
  return key;
}

/**
 * The SPKI public key (base64url) that belongs to a PKCS8 private key. Lets a client check that the public
 * key the server publishes for it, or for a group it opened, is really the one its private key answers to.
 */
export async function publicKeyOf(pkcs8: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const jwk = await subtle.exportKey('jwk', await importPrivateKey(pkcs8, true));
  const pub = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, P256, true, []);
  return toB64url(new Uint8Array(await subtle.exportKey('spki', pub)));
}
