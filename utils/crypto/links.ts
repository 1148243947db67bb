import { KEY_BYTES, MAX_ITERATIONS, MIN_ITERATIONS } from './constants';
import { type Ciphertext, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { linkAad, linkKeyInfo, linkVerifierInfo } from './context';
import { concatBytes, fromB64url, fromUtf8, toB64url, utf8 } from './encoding';
import { badInput } from './errors';
import { hkdfSha256, pbkdf2Sha256 } from './kdf';
import { randomBytes } from './random';
import { sha256Hex } from './fingerprint';

const NOT_FIELDS = 'Link fields must be an object of text values.';

/** Shortest and longest access code; a short code is what a server that emailed the link would have to guess. */
export const ACCESS_CODE_MIN = 6;
export const ACCESS_CODE_MAX = 128;

/** What opens a link: the key of its ciphertext, and the proof of holding it that the server checks. */
export type LinkSecrets = { linkKey: Uint8Array<ArrayBuffer>; verifier: string };

function checkFields(fields: unknown): Record<string, string> {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw badInput(NOT_FIELDS);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') throw badInput(NOT_FIELDS);
    out[name] = value;
  }
  return out;
}

/** A new random 32-byte fragment key for one external link; it travels only in the URL fragment. */
export function newLinkKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(KEY_BYTES);
}

/**
 * An access code as the protocol uses it: NFC, without surrounding spaces (people paste codes with them).
 * Case is kept: the code is a password, and every character of it counts.
 * @throws {@link VepError} `bad_input` when the code is shorter than 6 or longer than 128 characters.
 */
export function normaliseAccessCode(code: string): string {
  const c = typeof code === 'string' ? code.normalize('NFC').trim() : '';
  if ([...c].length < ACCESS_CODE_MIN || [...c].length > ACCESS_CODE_MAX) {
    throw badInput(`An access code must be ${ACCESS_CODE_MIN} to ${ACCESS_CODE_MAX} characters long.`);
  }
  return c;
}

/**
 * Derives a link's key and verifier from its fragment key and, when it has one, its access code
 * (docs/crypto.md, "External links"). The code is stretched with PBKDF2 salted by the fragment key, so a
 * server that emailed the link (and so saw the fragment) pays PBKDF2 per guessed code.
 * @param codeIterations - PBKDF2 count for the code; refused below `minIterations` (the product's floor)
 * @throws {@link VepError} `bad_input` on a fragment key that is not 32 bytes, a malformed code or count.
 */
export async function deriveLinkSecrets(
  fragmentKey: Uint8Array,
  linkId: string,
  access: { code: string; iterations: number } | null,
  minIterations: number = MIN_ITERATIONS,
): Promise<LinkSecrets> {
  if (!(fragmentKey instanceof Uint8Array) || fragmentKey.length !== KEY_BYTES)
    throw badInput('A link key must be 32 bytes.');
  const keyInfo = linkKeyInfo(linkId);
  // A copy: it is zeroed below, and the fragment key is the caller's.
  let material = new Uint8Array(fragmentKey);
  if (access) {
    const { iterations } = access;
    if (!Number.isSafeInteger(iterations) || iterations < minIterations || iterations > MAX_ITERATIONS) {
      throw badInput('This link asks for a weaker or stronger code hashing than this page accepts.');
    }
    const stretched = await pbkdf2Sha256(utf8(normaliseAccessCode(access.code)), fragmentKey, iterations);
    material = concatBytes(fragmentKey, stretched);
    stretched.fill(0);
  }
  const noSalt = new Uint8Array(0);
  const linkKey = await hkdfSha256(material, noSalt, keyInfo);
  const verifier = toB64url(await hkdfSha256(material, noSalt, linkVerifierInfo(linkId)));
  material.fill(0);
  return { linkKey, verifier };
}

/** What the server stores to check a verifier: SHA-256 of its 32 bytes, as 64 lowercase hex digits. */
export async function linkVerifierHash(verifier: string): Promise<string> {
  return sha256Hex(fromB64url(verifier));
}

/** Encrypts the fields shared through a link under its derived key, `aad = "vep1/link/<linkId>"`. */
export async function encryptLink(
  linkKey: Uint8Array,
  linkId: string,
  fields: Record<string, string>,
): Promise<Ciphertext> {
  const aad = linkAad(linkId);
  return aesGcmEncrypt(linkKey, utf8(JSON.stringify(checkFields(fields))), aad);
}

/**
 * Decrypts a link's fields in the recipient's browser.
 * @throws {@link VepError} `decrypt_failed` on a changed byte, a wrong key or a wrong link id.
 */
export async function decryptLink(linkKey: Uint8Array, linkId: string, c: Ciphertext): Promise<Record<string, string>> {
  const plaintext = await aesGcmDecrypt(linkKey, c, linkAad(linkId));
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw badInput(NOT_FIELDS);
  }
  return checkFields(parsed);
}

/**
 * The link to send: `<server>/s/<linkId>#<fragment key as base64url>`. The key sits in the fragment because
 * browsers never send a fragment to the server.
 */
export function linkUrl(serverBase: string, linkId: string, fragmentKey: Uint8Array): string {
  linkAad(linkId); // same id rules as the AAD, which also keeps the path free of "/"
  if (fragmentKey.length !== KEY_BYTES) throw badInput('A link key must be 32 bytes.');
  return `${serverBase.replace(/\/+$/, '')}/s/${encodeURIComponent(linkId)}#${toB64url(fragmentKey)}`;
}

/**
 * Reads a link back: its id and fragment key.
 * @throws {@link VepError} `bad_input` when the text is not a link of this shape.
 */
export function parseLinkUrl(url: string): { base: string; linkId: string; fragmentKey: Uint8Array<ArrayBuffer> } {
  const m = /^(.*)\/s\/([^/#?]+)#([A-Za-z0-9_-]+)$/.exec(typeof url === 'string' ? url : '');
  if (!m) throw badInput('This is not an external link.');
  const fragmentKey = fromB64url(m[3]!);
  const linkId = decodeURIComponent(m[2]!);
  linkAad(linkId);
  if (fragmentKey.length !== KEY_BYTES) throw badInput('A link key must be 32 bytes.');
  return { base: m[1]!, linkId, fragmentKey };
}
