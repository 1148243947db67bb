import { isHTTPError, isNetworkError, isTimeoutError, SchemaValidationError, type HTTPError } from 'ky';
import { Problem } from '@/utils/contract';
import { ERROR_CODES, VaultError, type ErrorCode } from './errors';

/** Server problem codes that mean the same thing to a user as one of ours. */
const ALIASES: Record<string, ErrorCode> = {
  unauthenticated: 'session_expired',
  validation_failed: 'invalid_request',
  // Each of these means "someone changed it meanwhile" to the person looking at the screen.
  stale_value_revision: 'stale_revision',
  already_enabled: 'stale_revision',
  already_disabled: 'stale_revision',
};

function fromStatus(status: number): ErrorCode {
  if (status === 401) return 'session_expired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'enrollment_code_expired';
  if (status === 429) return 'too_many_attempts';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

function fromHttpError(e: HTTPError): VaultError {
  const status = e.response.status;
  // ky has already read the body: parsed when the answer says it is JSON (problem+json included), else text.
  const problem = Problem.safeParse(e.data);
  // An answer without problem details did not come from a vault server (a proxy's or another site's page).
  if (!problem.success) return new VaultError(status >= 500 ? 'server_error' : 'not_a_vault', { status });
  const code = problem.data.code;
  const known = ALIASES[code] ?? (isErrorCode(code) ? code : fromStatus(status));
  return new VaultError(known, { status, detail: problem.data.detail });
}

/**
 * Turns whatever a request threw into a {@link VaultError}: problem+json answers keep their code, a fetch
 * that never got an answer is `unreachable`, an answer that is not JSON means the address is not a vault.
 */
export function toVaultError(e: unknown): VaultError {
  if (e instanceof VaultError) return e;
  if (isHTTPError(e)) return fromHttpError(e);
  if (isTimeoutError(e)) return new VaultError('timeout');
  if (e instanceof SyntaxError) return new VaultError('not_a_vault');
  // No answer at all: refused, DNS, offline, CORS (ky recognises each browser's wording of fetch's TypeError).
  if (isNetworkError(e)) return new VaultError('unreachable');
  if (e instanceof SchemaValidationError) return new VaultError('bad_response');
  return new VaultError('unexpected', { detail: e instanceof Error ? e.message : String(e) });
}
