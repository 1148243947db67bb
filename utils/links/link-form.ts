import { MAX_LINK_ACCESSES } from '@/utils/contract/links';
import { ACCESS_CODE_MAX, ACCESS_CODE_MIN } from '@/utils/crypto/links';
import { randomBytes } from '@/utils/crypto/random';
import type { MessageKey } from '@/utils/i18n';
import { expiryFor, type ExpiryChoice } from './expiry';
import type { LinkDraft } from './external-link';

/** What the External screen's fields hold, as typed. */
export type LinkForm = {
  recipientEmail: string;
  expiry: ExpiryChoice;
  /** `<input type="datetime-local">`'s value, used when `expiry` is `custom`. */
  customExpiry: string;
  maxAccesses: string;
  unlimited: boolean;
  accessCode: string;
};

export type LinkFormErrors = Partial<
  Record<'recipientEmail' | 'customExpiry' | 'maxAccesses' | 'accessCode', MessageKey>
>;

// The contract's check (zod's email pattern), so what passes here the server accepts.
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const isEmail = (s: string) => s.length <= 254 && EMAIL.test(s);

/**
 * Checks the fields and, when they are right, the request for the worker. Each problem names its field,
 * so the screen shows it there before anything is sent.
 */
export function linkDraftOf(
  secretId: string,
  f: LinkForm,
  maxSeconds: number,
  now = new Date(),
): { draft: LinkDraft; errors?: undefined } | { draft?: undefined; errors: LinkFormErrors } {
  const errors: LinkFormErrors = {};
  const email = f.recipientEmail.trim();
  if (!email) errors.recipientEmail = 'linkEmailRequired';
  else if (!isEmail(email)) errors.recipientEmail = 'linkEmailInvalid';
  const expiry = expiryFor(f.expiry, f.customExpiry, maxSeconds, now);
  if ('error' in expiry) errors.customExpiry = expiry.error;
  const max = Number(f.maxAccesses.trim());
  if (!f.unlimited && (!/^\d+$/.test(f.maxAccesses.trim()) || max < 1 || max > MAX_LINK_ACCESSES))
    errors.maxAccesses = 'linkMaxAccessesInvalid';
  const code = f.accessCode.normalize('NFC').trim();
  const codeLength = [...code].length;
  if (code && (codeLength < ACCESS_CODE_MIN || codeLength > ACCESS_CODE_MAX)) errors.accessCode = 'linkCodeLength';
  if (Object.keys(errors).length || 'error' in expiry) return { errors };
  return {
    draft: {
      secretId,
      recipientEmail: email,
      expiresAt: expiry.expiresAt,
      maxAccesses: f.unlimited ? null : max,
      accessCode: code || null,
    },
  };
}

// No 0/O, 1/l/I: a code read aloud or copied by hand should not be mistyped.
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random access code to pass on by phone or chat: 12 characters in three groups (about 59 bits). */
export function suggestAccessCode(): string {
  const chars: string[] = [];
  // Bytes from 248 up are dropped so every character is equally likely (248 = 8 × 31).
  while (chars.length < 12)
    for (const b of randomBytes(16)) if (b < 248 && chars.length < 12) chars.push(CODE_ALPHABET[b % 31]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}
