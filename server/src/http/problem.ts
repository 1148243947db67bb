import type { ZodError } from 'zod';

/** An error the API reports as application/problem+json: a stable `code` and a sentence a person understands. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
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
};

export function problemBody(e: ApiError) {
  return {
    type: `https://vaultshare.dev/problems/${e.code}`,
    title: titles[e.status] ?? 'Error',
    status: e.status,
    code: e.code,
    detail: e.detail,
    ...(e.errors ? { errors: e.errors } : {}),
  };
}

/** Turns a zod failure into a 400 that names each wrong field. */
export function invalid(where: string, err: ZodError): ApiError {
  // An unknown field is reported at its own path (zod reports it at the enclosing object's).
  const errors = err.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'is not a known field' }))
      : [{ path: i.path.join('.') || where, message: i.message }],
  );
  const list = errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
  return new ApiError(400, 'invalid_request', `Some fields are not valid (${list}).`, errors);
}

export const notFound = (what = 'This item') =>
  new ApiError(404, 'not_found', `${what} does not exist, or you do not have access to it.`);
export const forbidden = (detail: string) => new ApiError(403, 'forbidden', detail);
export const conflict = (code: string, detail: string) => new ApiError(409, code, detail);
