/** The protocol version, carried as `v` in every ciphertext object (docs/crypto.md). */
export const VEP_VERSION = 1;

/** PBKDF2 iterations for new accounts and password changes in the product. */
export const DEFAULT_ITERATIONS = 600_000;

/**
 * The lowest PBKDF2 count the product accepts from a prelogin answer. Without a floor a hostile server could
 * answer `iterations: 1` and receive an authKey that is cheap to brute-force offline.
 */
export const MIN_ITERATIONS = DEFAULT_ITERATIONS;

/** The highest count accepted, so that a hostile or broken server cannot freeze the client for minutes. */
export const MAX_ITERATIONS = 10_000_000;

/** Bytes of a per-user PBKDF2 salt. */
export const SALT_BYTES = 16;

/** Bytes of every symmetric key (AES-256) and of every HKDF output used as one. */
export const KEY_BYTES = 32;

/** Bytes of an AES-GCM IV; random per message. */
export const IV_BYTES = 12;

/** Bytes of the AES-GCM tag at the end of `ct`. */
export const TAG_BYTES = 16;
