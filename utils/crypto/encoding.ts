import { badInput } from './errors';

/**
 * The bytes as WebCrypto wants them (`BufferSource`, which TS 5.9 types as `Uint8Array<ArrayBuffer>`): the view
 * itself when it is this realm's and over an `ArrayBuffer`, else a copy (views from another realm, such as test
 * DOMs and iframes, and views over shared memory). Not a defensive copy: WebCrypto copies what it is given, and a
 * caller that will zero or change the bytes it passes on makes its own copy. (Each copy is an `ArrayBuffer` for
 * the collector to sweep: the value index opens 10,000 values in a row.)
 */
export function bytesOf(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return b instanceof Uint8Array && b.buffer instanceof ArrayBuffer
    ? (b as Uint8Array<ArrayBuffer>)
    : new Uint8Array(b);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each character code's 6-bit value, or -1 for a character outside the base64url alphabet. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/*
 * The codec is plain JavaScript rather than atob/btoa: in a browser those hand back strings the engine keeps
 * outside its heap ("external" strings, a table the collector sweeps at each full collection), and the value
 * index decodes a dozen fields for each of 10,000 values in a row.
 */

/** Encodes bytes as base64url without padding, the encoding of every binary field on the wire. */
export function toB64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const left = bytes.length - i;
  if (left === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (left === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * Decodes base64url without padding. Strict: padding, other alphabets and non-zero spare bits are refused,
 * so that each value has exactly one spelling on the wire.
 * @throws {@link VepError} `bad_input` when `s` is not canonical base64url.
 */
export function fromB64url(s: string): Uint8Array<ArrayBuffer> {
  const invalid = () => badInput('This text is not valid base64url (no padding).');
  if (typeof s !== 'string' || s.length % 4 === 1) throw invalid();
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) throw invalid();
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  // The bits left over after the last whole byte must be zero: else two spellings would give the same bytes.
  if (acc & ((1 << bits) - 1)) throw invalid();
  return out;
}

/** UTF-8 bytes of a string (AAD and info strings, JSON, passwords after NFC). */
export function utf8(s: string): Uint8Array<ArrayBuffer> {
  return bytesOf(encoder.encode(s));
}

const encoder = new TextEncoder();
/** Not streaming, so it keeps nothing between calls. */
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8, refusing invalid sequences rather than replacing them with U+FFFD.
 * @throws {@link VepError} `bad_input` on invalid UTF-8.
 */
export function fromUtf8(b: Uint8Array): string {
  try {
    return decoder.decode(b);
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
