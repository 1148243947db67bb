import { t } from '@/utils/i18n';
import { VaultError, type ErrorCode } from './errors';

/** The code of any failure: ours keep theirs, anything else is unexpected. */
export function errorCode(e: unknown): ErrorCode {
  return e instanceof VaultError ? e.code : 'unexpected';
}

/**
 * A failure in words for the user. Each code has its own catalogue sentence (`error_<code>`); the type
 * check fails if one is missing. Server details are not shown: they are written for developers. A grant
 * refused by verification is the exception: its detail is this extension's own sentence naming the secret
 * or group and who signed it, which the user needs to act on.
 */
export function errorText(e: unknown): string {
  const code = errorCode(e);
  const detail = e instanceof VaultError && code === 'untrusted_grant' && e.detail ? ` ${e.detail}` : '';
  return t(`error_${code}`) + detail;
}
