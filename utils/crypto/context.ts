import { badInput } from './errors';

/**
 * What a grant gives: the itemKey of a secret, the private key of a group, or the fragment key of an
 * external link (kept for its sharer only, so the link can be copied again).
 */
export type SubjectKind = 'secret' | 'group' | 'link';
/** Who a grant is for: a user's public key, or a group's. */
export type RecipientKind = 'user' | 'group';

/** HKDF info of the login proof. */
export const AUTH_INFO = 'vep1/auth';
/** HKDF info of the key that encrypts the account's private key. */
export const ACCOUNT_INFO = 'vep1/account';

// "/" separates the fields of every context string, so an id holding one could make two different
// (subject, recipient) pairs spell the same context. Ids are UUIDs in practice; this is the guard.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const ID = /^[^/\s\x00-\x1f\x7f-\x9f]{1,128}$/;

function id(name: string, value: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw badInput(`The ${name} must be 1 to 128 characters without "/", spaces or control characters.`);
  }
  return value;
}

function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw badInput(`The ${name} must be one of: ${allowed.join(', ')}.`);
  return value;
}

/** AAD of an account's encrypted private key. */
export function accountAad(userId: string): string {
  return `vep1/account/${id('user id', userId)}`;
}

/** AAD of an account's encrypted signing key (VEP/2). */
export function signingAad(userId: string): string {
  return `vep2/signing/${id('user id', userId)}`;
}

/** AAD of one revision of a secret's sensitive fields. */
export function secretAad(secretId: string, valueRevision: number): string {
  if (!Number.isSafeInteger(valueRevision) || valueRevision < 1) {
    throw badInput('The value revision must be a whole number from 1.');
  }
  return `vep1/secret/${id('secret id', secretId)}/${valueRevision}`;
}

/** AAD of an external link's fields. */
export function linkAad(linkId: string): string {
  return `vep1/link/${id('link id', linkId)}`;
}

/** HKDF info of an external link's content key. */
export function linkKeyInfo(linkId: string): string {
  return `vep1/link/key/${id('link id', linkId)}`;
}

/** HKDF info of an external link's verifier, the proof an opener shows the server. */
export function linkVerifierInfo(linkId: string): string {
  return `vep1/link/verifier/${id('link id', linkId)}`;
}

/**
 * The context of a grant, used as both HKDF info and AAD: it binds the wrapped key to one subject and one
 * recipient, so a server cannot move a grant to another secret, group or person.
 * @returns `"vep1/grant/<subjectKind>/<subjectId>/<recipientKind>/<recipientId>"`
 * @throws {@link VepError} `bad_input` on an unknown kind or an id containing "/" or whitespace.
 */
export function grantContext(t: {
  subjectKind: SubjectKind;
  subjectId: string;
  recipientKind: RecipientKind;
  recipientId: string;
}): string {
  const subjectKind = oneOf('subject kind', t.subjectKind, ['secret', 'group', 'link']);
  const recipientKind = oneOf('recipient kind', t.recipientKind, ['user', 'group']);
  return `vep1/grant/${subjectKind}/${id('subject id', t.subjectId)}/${recipientKind}/${id('recipient id', t.recipientId)}`;
}
