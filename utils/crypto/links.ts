import { KEY_BYTES } from './constants';
import { type Ciphertext, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { linkAad } from './context';
import { fromUtf8, toB64url, utf8 } from './encoding';
import { badInput } from './errors';
import { randomBytes } from './random';

const NOT_FIELDS = 'Link fields must be an object of text values.';

function checkFields(fields: unknown): Record<string, string> {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw badInput(NOT_FIELDS);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') throw badInput(NOT_FIELDS);
    out[name] = value;
  }
  return out;
}

/** A new random 32-byte key for one external link; it travels only in the URL fragment. */
export function newLinkKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(KEY_BYTES);
}

/** Encrypts the fields shared through a link under `aad = "vep1/link/<linkId>"`. */
export async function encryptLink(linkKey: Uint8Array, linkId: string, fields: Record<string, string>): Promise<Ciphertext> {
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
 * The link to send: `<server>/s/<linkId>#<linkKey as base64url>`. The key sits in the fragment because
 * browsers never send a fragment to the server.
 */
export function linkUrl(serverBase: string, linkId: string, linkKey: Uint8Array): string {
  linkAad(linkId); // same id rules as the AAD, which also keeps the path free of "/"
  if (linkKey.length !== KEY_BYTES) throw badInput('A link key must be 32 bytes.');
  return `${serverBase.replace(/\/+$/, '')}/s/${encodeURIComponent(linkId)}#${toB64url(linkKey)}`;
}
