import { t } from '@/utils/i18n';
import { VaultError, type ErrorCode } from './errors';

/** The code of any failure: ours keep theirs, anything else is unexpected. */
export function errorCode(e: unknown): ErrorCode {
  return e instanceof VaultError ? e.code : 'unexpected';
}

/**
 * A failure in words for the user. Each code has its own catalogue sentence (`error_<code>`); the type
 * check fails if one is missing. Server details are not shown: they are written for developers.
 */
export function errorText(e: unknown): string {
  const code = errorCode(e);
  return t(`error_${code}`);
}
