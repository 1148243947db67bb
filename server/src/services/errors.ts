import type { ProblemKind } from '../../../utils/contract';

/** A field that failed validation: where it is (`body.entries.0.grant`) and what is wrong with it. */
export type FieldError = { path: string; message: string };

/**
 * A refusal decided by the domain: a stable `code` for programs and a sentence (`detail`) for people. The
 * kind says what sort of refusal it is; only the HTTP layer turns a kind into a status.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: ProblemKind;
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** The input cannot be accepted as sent; `errors` names the fields when there are some. */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
  constructor(
    code: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(code, detail);
  }
}

/** No valid session, or the credentials are wrong. */
export class Unauthorized extends DomainError {
  readonly kind = 'unauthorized';
}

/** The caller is known but may not do this. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

/** Absent, or invisible to the caller: the two are not told apart, so ids cannot be probed. */
export class NotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(what = 'This item', detail = `${what} does not exist, or you do not have access to it.`) {
    super('not_found', detail);
  }
}

/** A stale revision, a duplicate, or a state that forbids the change. */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** Something that existed has expired (an invitation code). */
export class Gone extends DomainError {
  readonly kind = 'gone';
}

/** A recipient or member that cannot take part: unknown, not enrolled, or disabled. */
export class Unprocessable extends DomainError {
  readonly kind = 'unprocessable';
}

/** Too many attempts; the caller may try again after `retryAfterSeconds`. */
export class RateLimited extends DomainError {
  readonly kind = 'rate_limited';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    code = 'too_many_attempts',
  ) {
    super(code, detail);
  }
}

/** The database cannot be reached now; the caller may try again after `retryAfterSeconds`. */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    code = 'database_unavailable',
  ) {
    super(code, detail);
  }
}
