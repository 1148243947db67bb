import { badInput } from './errors';

/** The most `crypto.getRandomValues` fills in one call (the Web Crypto spec's quota). */
const MAX_RANDOM_BYTES = 65_536;

/**
 * `n` bytes from the platform's CSPRNG.
 * @throws {@link VepError} `bad_input` unless `n` is a whole number from 0 to 65,536.
 */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_RANDOM_BYTES) {
    throw badInput('randomBytes needs a whole number of bytes from 0 to 65,536.');
  }
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/**
 * A new UUID v4 for an object whose ciphertext binds its own id (secrets, groups, links); the client that
 * creates the object picks it, so it can encrypt before the server has seen anything.
 */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
