import { KEY_BYTES } from './constants';
import { type Ciphertext, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { secretAad } from './context';
import { fromUtf8, utf8 } from './encoding';
import { badInput } from './errors';
import { randomBytes } from './random';

/** The sensitive fields of an API secret, encrypted together as one JSON object. */
export type SecretFields = { clientSecret: string };

/** The one place that says which fields are sensitive; everything else about a secret stays in clear. */
export const SENSITIVE_FIELDS = ['clientSecret'] as const satisfies readonly (keyof SecretFields)[];

/** A new random 32-byte itemKey for a secret (or for a rotation of its key). */
export function newItemKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(KEY_BYTES);
}

/**
 * Encrypts exactly the sensitive fields (other keys of `fields` are left out, never encrypted by accident)
 * under `aad = "vep1/secret/<secretId>/<valueRevision>"`.
 * @throws {@link VepError} `bad_input` when a sensitive field is not a string.
 */
export async function encryptSecret(
  itemKey: Uint8Array,
  secretId: string,
  valueRevision: number,
  fields: SecretFields,
): Promise<Ciphertext> {
  const aad = secretAad(secretId, valueRevision);
  const picked: Record<string, string> = {};
  for (const name of SENSITIVE_FIELDS) {
    if (typeof fields?.[name] !== 'string') throw badInput(`The sensitive field ${name} must be text.`);
    picked[name] = fields[name];
  }
  return aesGcmEncrypt(itemKey, utf8(JSON.stringify(picked)), aad);
}

/**
 * Decrypts one revision of a secret's sensitive fields. The caller passes the revision it expects and must
 * never accept one lower than it has already seen (docs/crypto.md, "Secrets"): that is what stops replays.
 * @throws {@link VepError} `decrypt_failed` on a changed byte, wrong key, id or revision.
 */
export async function decryptSecret(
  itemKey: Uint8Array | CryptoKey,
  secretId: string,
  valueRevision: number,
  c: Ciphertext,
): Promise<SecretFields> {
  const plaintext = await aesGcmDecrypt(itemKey, c, secretAad(secretId, valueRevision));
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw badInput('The decrypted value is not a VEP/1 secret.');
  }
  const clientSecret = (parsed as Partial<SecretFields> | null)?.clientSecret;
  if (typeof clientSecret !== 'string') throw badInput('The decrypted value is not a VEP/1 secret.');
  return { clientSecret };
}
