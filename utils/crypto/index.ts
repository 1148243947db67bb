/**
 * VEP/1 and VEP/2, the Vaultshare envelope protocol (docs/crypto.md): pure WebCrypto, so the same module runs in
 * the extension's service worker, in Firefox, and in Node for the server's tools and the tests.
 */
export { VEP_VERSION, DEFAULT_ITERATIONS, MIN_ITERATIONS, MAX_ITERATIONS } from './constants';
export { VepError, type VepErrorCode } from './errors';
export { toB64url, fromB64url, utf8, fromUtf8 } from './encoding';
export { randomBytes, newId } from './random';
export { pbkdf2Sha256, hkdfSha256 } from './kdf';
export { type ValueIndexKeys, deriveValueIndexKeys } from './value-index-keys';
export { type Ciphertext, aesGcmEncrypt, aesGcmDecrypt } from './aes-gcm';
export { sha256Hex, fingerprintOf, formatFingerprint } from './fingerprint';
export { type KeyPair, generateKeyPair, importPrivateKey, importPublicKey, publicKeyOf } from './keys';
export { type KdfParams, type DerivedKeys, newKdfParams, assertKdfPolicy, deriveKeys } from './account-keys';
export {
  type Enrollment,
  type OpenedAccount,
  type OpenedPrivateKey,
  enroll,
  openAccount,
  openPrivateKey,
  changePassword,
} from './account';
export { type SubjectKind, type RecipientKind, grantContext } from './context';
export { type Grant, type GrantTarget, createGrant, openGrant, openGrantKey } from './grants';
export { type SecretFields, SENSITIVE_FIELDS, newItemKey, encryptSecret, decryptSecret } from './secrets';
export { newGroupKeys, openGroupKey } from './groups';
export {
  type LinkSecrets,
  ACCESS_CODE_MIN,
  ACCESS_CODE_MAX,
  newLinkKey,
  normaliseAccessCode,
  deriveLinkSecrets,
  linkVerifierHash,
  encryptLink,
  decryptLink,
  linkUrl,
  parseLinkUrl,
} from './links';
export {
  type SigningKeyPair,
  SIGNATURE_BYTES,
  newSigningKeys,
  importSigningKey,
  importVerifyKey,
  signingPublicKeyOf,
  sign,
  verify,
} from './signing';
export {
  type Field,
  type GrantStatementInput,
  encodeFields,
  grantStatement,
  membershipStatement,
  type MembershipAction,
  keyBindingStatement,
} from './statements';
export {
  type SignedGrant,
  type Signer,
  type SignerRole,
  type SigningPerson,
  type ManagerProof,
  type Granter,
  type GrantExpectation,
  isSigned,
  signGrant,
  createSignedGrant,
  verifyGrant,
  verifyManagerProof,
} from './signed-grants';
export {
  type SigningUpload,
  type OpenedSigningKey,
  type OpenedSigningKeyBytes,
  newAccountSigningKey,
  openSigningKey,
  verifyKeyBinding,
} from './account-signing';
