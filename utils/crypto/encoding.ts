import { badInput } from './errors';

const B64URL_CHARS = /^[A-Za-z0-9_-]*$/;

/**
 * A fresh copy backed by its own `ArrayBuffer`. WebCrypto wants `BufferSource` (TS 5.9 types it as
 * `Uint8Array<ArrayBuffer>`), and a copy also drops views from another realm (test DOMs, iframes).
 */
export function bytesOf(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b);
}

/** Encodes bytes as base64url without padding, the encoding of every binary field on the wire. */
export function toB64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] ?? 0);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64url without padding. Strict: padding, other alphabets and non-zero spare bits are refused,
 * so that each value has exactly one spelling on the wire.
 * @throws {@link VepError} `bad_input` when `s` is not canonical base64url.
 */
export function fromB64url(s: string): Uint8Array<ArrayBuffer> {
  const invalid = () => badInput('This text is not valid base64url (no padding).');
  if (typeof s !== 'string' || !B64URL_CHARS.test(s) || s.length % 4 === 1) throw invalid();
  const padded = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    throw invalid();
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  if (toB64url(out) !== s) throw invalid();
  return out;
}

/** UTF-8 bytes of a string (AAD and info strings, JSON, passwords after NFC). */
export function utf8(s: string): Uint8Array<ArrayBuffer> {
  return bytesOf(new TextEncoder().encode(s));
}

/**
 * Decodes UTF-8, refusing invalid sequences rather than replacing them with U+FFFD.
 * @throws {@link VepError} `bad_input` on invalid UTF-8.
 */
export function fromUtf8(b: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw badInput('These bytes are not valid UTF-8.');
  }
}

/** Lowercase hex, the form of fingerprints. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return hex;
}

/** Concatenates byte strings (HKDF salts made of two keys). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte-wise equality of public values (not constant-time: never use it on secrets). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
