import { bytesOf, fromB64url, toHex } from './encoding';
import { badInput } from './errors';

const FINGERPRINT = /^[0-9a-f]{64}$/;

/** SHA-256 of `bytes` as 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytesOf(bytes))));
}

/**
 * The fingerprint of a public key: SHA-256 of its SPKI bytes, as it travels on the wire (64 lowercase hex).
 * @param spkiB64 - the SPKI public key as base64url
 */
export function fingerprintOf(spkiB64: string): Promise<string> {
  let known = recent.get(spkiB64);
  if (!known) {
    known = (async () => sha256Hex(fromB64url(spkiB64)))();
    // A public key that does not decode is refused at each call, never remembered.
    known.catch(() => recent.delete(spkiB64));
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(spkiB64, known);
  }
  return known;
}

/**
 * The fingerprints of the public keys seen last: a build of the value index checks the user's own key and a
 * few signers' keys once per value, 10,000 times over. Public keys only, so nothing secret is kept.
 */
const recent = new Map<string, Promise<string>>();
const RECENT_MAX = 64;

/**
 * A fingerprint as people compare it: 16 groups of 4 hex digits separated by spaces. All 256 bits are shown
 * because a shortened fingerprint is one an attacker can match by grinding keys.
 * @throws {@link VepError} `bad_input` unless `hex` is 64 hex digits.
 */
export function formatFingerprint(hex: string): string {
  const h = typeof hex === 'string' ? hex.toLowerCase() : '';
  if (!FINGERPRINT.test(h)) throw badInput('A fingerprint must be 64 hex digits.');
  return (h.match(/.{4}/g) ?? []).join(' ');
}
