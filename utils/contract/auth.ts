import { z } from './zod';
import { B64url, Ciphertext, Fingerprint, Id, PublicKey, Signature, Timestamp } from './common';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2 to 63 letters, digits, dots, dashes or underscores');

export const KdfParams = z.strictObject({
  salt: B64url.length(22, 'must be a 16-byte salt'),
  iterations: z.number().int().min(1000).max(10_000_000),
});
export type KdfParams = z.infer<typeof KdfParams>;

/** The login proof: HKDF(masterKey, "vep1/auth"), 32 bytes. */
export const AuthKey = B64url.length(43, 'must be 32 bytes');

export const PreloginRequest = z.strictObject({ username: Username });
export const PreloginResponse = KdfParams;

export const LoginRequest = z.strictObject({ username: Username, authKey: AuthKey });

/** What the signed-in user needs to open their keys. */
export const Me = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  kdf: KdfParams,
  publicKey: PublicKey,
  fingerprint: Fingerprint,
  encryptedPrivateKey: Ciphertext,
  /** VEP/2: null until the account's client made its signing key (at enrollment, or the first unlock after). */
  signingPublicKey: PublicKey.nullish(),
  signingFingerprint: Fingerprint.nullish(),
  encryptedSigningKey: Ciphertext.nullish(),
});
export type Me = z.infer<typeof Me>;

/** An account's signing key (docs/crypto.md, "Signing keys"): set once, with its key-binding signature. */
export const SigningKeyUpload = z.strictObject({
  signingPublicKey: PublicKey,
  encryptedSigningKey: Ciphertext,
  signingKeyProof: Signature,
});

export const Session = z.object({ token: z.string(), expiresAt: Timestamp, user: Me });
export type Session = z.infer<typeof Session>;

export const EnrollmentCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'is not an enrollment code');

export const EnrollStartRequest = z.strictObject({ username: Username, code: EnrollmentCode });
export const EnrollStartResponse = z.object({
  userId: Id,
  username: z.string(),
  name: z.string(),
  email: z.string(),
  iterations: z.number().int(),
});

export const EnrollRequest = z.strictObject({
  username: Username,
  code: EnrollmentCode,
  kdf: KdfParams,
  authKey: AuthKey,
  publicKey: PublicKey,
  encryptedPrivateKey: Ciphertext,
  /** VEP/2 clients send their signing key with the enrollment; a VEP/1 client adds it at its next unlock. */
  signing: SigningKeyUpload.optional(),
});

export const ChangePasswordRequest = z.strictObject({
  currentAuthKey: AuthKey,
  kdf: KdfParams,
  authKey: AuthKey,
  encryptedPrivateKey: Ciphertext,
  /** Required when the account has a signing key: it is sealed under the same account key. */
  encryptedSigningKey: Ciphertext.optional(),
});

/** What still carries unsigned (VEP/1) grants that the caller can re-make: secrets it owns, groups it manages. */
export const UnsignedResponse = z.object({ secrets: z.array(Id), groups: z.array(Id) });
