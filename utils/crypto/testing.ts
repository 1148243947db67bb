/** Helpers for this folder's tests only; nothing in the module imports them. */
import { expect } from 'vitest';
import { fromB64url, toB64url } from './encoding';
import { VepError, type VepErrorCode } from './errors';

/** Iterations for round-trip tests: the protocol is the same at any count, and 600,000 would take seconds. */
export const FAST_ITERATIONS = 1000;

/** The base64url field with one bit of byte `index` flipped: still well-formed, no longer authentic. */
export function flipByte(b64: string, index: number): string {
  const bytes = fromB64url(b64);
  if (index >= bytes.length) throw new Error(`index ${index} is past the end (${bytes.length} bytes)`);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return toB64url(bytes);
}

/** Byte count of a base64url field, to tamper with each of its bytes in turn. */
export function byteLength(b64: string): number {
  return fromB64url(b64).length;
}

/** Asserts that `p` rejects with a VepError, with `code` when given, and so never yields a plaintext. */
export async function expectVepError(p: Promise<unknown>, code?: VepErrorCode): Promise<void> {
  const error = await p.then(
    (value) => new Error(`expected a VepError, got a result: ${String(value).slice(0, 40)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VepError);
  if (code) expect((error as VepError).code).toBe(code);
}

/** Lowercase hex to bytes, for published test vectors. */
export function hex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
