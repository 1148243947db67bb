/**
 * Every failure the extension can put in front of a user, as a stable code. The UI words each one through
 * the message catalogue (`error_<code>`), so a new code without a sentence fails the type check.
 */
export const ERROR_CODES = [
  'unreachable',
  'timeout',
  'not_a_vault',
  'bad_response',
  'invalid_url',
  'permission_needed',
  'invalid_credentials',
  'session_expired',
  'invalid_enrollment_code',
  'enrollment_code_expired',
  'too_many_attempts',
  'stale_revision',
  // Sharing and editing: the server's own codes, so they pass through with their meaning.
  'stale_access_revision',
  'recipient_key_changed',
  'unknown_recipient',
  'recipient_not_enrolled',
  'recipient_disabled',
  'group_disabled',
  'identifier_taken',
  'identifier_owner_only',
  'group_name_taken',
  'member_pending',
  'secret_disabled',
  'old_value',
  // VEP/2: a grant whose signature, signer or revision does not check out; the detail names who and what.
  'untrusted_grant',
  'conflict',
  'not_found',
  'forbidden',
  // External links: the administrator's options, and a link's state.
  'external_sharing_off',
  'expiry_too_late',
  'expiry_in_past',
  'access_code_required',
  'link_not_active',
  'mail_failed',
  'invalid_request',
  'server_error',
  'wrong_password',
  'signed_out',
  'locked',
  'unexpected',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The plain-data form of a {@link VaultError}, which crosses the message channel between pages and worker. */
export type VaultProblem = { code: ErrorCode; status?: number; detail?: string };

/** The one error type the extension's logic throws for the UI to word. */
export class VaultError extends Error {
  readonly code: ErrorCode;
  readonly status?: number;
  readonly detail?: string;

  constructor(code: ErrorCode, opts: { status?: number; detail?: string } = {}) {
    super(opts.detail ? `${code}: ${opts.detail}` : code);
    this.name = 'VaultError';
    this.code = code;
    this.status = opts.status;
    this.detail = opts.detail;
  }

  /** Plain data for `runtime.sendMessage`, which cannot carry class instances. */
  toProblem(): VaultProblem {
    return {
      code: this.code,
      ...(this.status ? { status: this.status } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }

  static fromProblem(p: VaultProblem): VaultError {
    return new VaultError(p.code, p);
  }
}

/** True when the failure means "we could not talk to the server", which the popup shows as offline. */
export function isOffline(code: ErrorCode): boolean {
  return code === 'unreachable' || code === 'timeout';
}
