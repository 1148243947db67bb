export * from './types';
export {
  createVaultSession,
  type VaultSession,
  type VaultSessionDeps,
  type SignInInput,
  type EnrollInput,
} from './vault-session';
export { readSettings } from './store';
export { readStoredStatus } from './status';
export { AUTO_LOCK_ALARM } from './auto-lock';
export { openItemKey, openRevealed, type OwnKeys } from './open-secret';
