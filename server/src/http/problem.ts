import type { ZodError } from 'zod';
import { problemKinds, type Problem, type ProblemKind } from '../../../utils/contract';
import { isDatabaseUnreachable, PoolBusy } from '../db/faults';
import { DomainError, Invalid, RateLimited, Unavailable } from '../services/errors';

/** A refusal only the transport knows about: the body's size or media type. */
export class TransportProblem extends DomainError {
  constructor(
    readonly kind: Extract<ProblemKind, 'too_large' | 'unsupported_media_type'>,
    code: string,
    detail: string,
  ) {
    super(code, detail);
  }
}

/** What any unexpected failure becomes: no stack, no message from inside, one sentence. */
class ServerFault extends DomainError {
  readonly kind = 'internal';
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Cannot be processed',
  429: 'Too many attempts',
  500: 'Server error',
  503: 'Service unavailable',
};

/** A few seconds: long enough for a pool to reconnect after a failover, short enough not to strand a user. */
export const databaseDown = () =>
  new Unavailable('The vault cannot reach its database right now. Try again in a few seconds.', 5);

/** The database answers, but every connection of this process is taken: a burst, not an outage. */
export const serverBusy = () =>
  new Unavailable('The vault is too busy to answer right now. Try again in a few seconds.', 2, 'server_busy');

export type ProblemResponse = { status: number; body: Problem; headers: Record<string, string> };

/** The application/problem+json answer for an error: a domain error as it is, anything else as a 500. */
export function problemOf(err: unknown): ProblemResponse {
  const e =
    err instanceof DomainError
      ? err
      : err instanceof PoolBusy
        ? serverBusy()
        : isDatabaseUnreachable(err)
          ? databaseDown()
          : new ServerFault('internal', 'Something went wrong on the server. Try again in a moment.');
  const status = problemKinds[e.kind].status;
  const headers: Record<string, string> =
    e instanceof RateLimited || e instanceof Unavailable ? { 'Retry-After': String(e.retryAfterSeconds) } : {};
  const body: Problem = {
    type: `https://vaultshare.dev/problems/${e.code}`,
    title: titles[status] ?? 'Error',
    status,
    code: e.code,
    detail: e.detail,
    ...(e instanceof Invalid && e.errors ? { errors: e.errors } : {}),
  };
  return { status, body, headers };
}

/** Turns a zod failure into an invalid_request that names each wrong field. */
export function invalid(where: string, err: ZodError): Invalid {
  // An unknown field is reported at its own path (zod reports it at the enclosing object's).
  const errors = err.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'is not a known field' }))
      : [{ path: i.path.join('.') || where, message: i.message }],
  );
  const list = errors
    .slice(0, 3)
    .map((e) => `${e.path}: ${e.message}`)
    .join('; ');
  return new Invalid('invalid_request', `Some fields are not valid (${list}).`, errors);
}
