/** What went wrong, for code to branch on; the message is for people. */
export type VepErrorCode = 'decrypt_failed' | 'bad_input' | 'wrong_recipient' | 'unsigned' | 'bad_signature';

const DECRYPT_FAILED = 'This data could not be decrypted: it was changed, or the key is wrong.';

/**
 * The one error this module throws on purpose. Messages are fixed sentences and never echo the input,
 * because the input may be key material (a link key, a private key, a password).
 */
export class VepError extends Error {
  readonly code: VepErrorCode;

  constructor(code: VepErrorCode, message: string) {
    super(message);
    this.name = 'VepError';
    this.code = code;
    // Keeps `instanceof` working when the code is compiled down to ES5 classes.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** The error for every failed authenticated decryption, whatever the cause (tampering, wrong key, wrong context). */
export function decryptFailed(message = DECRYPT_FAILED): VepError {
  return new VepError('decrypt_failed', message);
}

/** The error for input that is malformed before any cryptography runs. */
export function badInput(message: string): VepError {
  return new VepError('bad_input', message);
}
