/**
 * Every kind of refusal the vault API gives, with its HTTP status. The server's domain errors carry one of
 * these kinds, each route of the route table lists the kinds it can answer with, and the OpenAPI document's
 * statuses are made from that list: one place, so the document cannot miss a status the server sends.
 */
export const problemKinds = {
  invalid: { status: 400, description: 'A field is invalid, or the request cannot apply as sent' },
  unauthorized: { status: 401, description: 'No valid session, or wrong credentials' },
  forbidden: { status: 403, description: 'Signed in, but not allowed to do this' },
  not_found: { status: 404, description: 'Not found, or not visible to the caller' },
  conflict: { status: 409, description: 'Conflict: a stale revision, a duplicate, or a state that forbids it' },
  gone: { status: 410, description: 'Expired' },
  too_large: { status: 413, description: 'The request body is larger than the server accepts' },
  unsupported_media_type: { status: 415, description: 'The body is not sent as JSON' },
  unprocessable: {
    status: 422,
    description: 'A recipient or member cannot take part (unknown, not enrolled, disabled)',
  },
  rate_limited: { status: 429, description: 'Too many attempts; see Retry-After' },
  internal: { status: 500, description: 'The server failed; try again' },
  unavailable: {
    status: 503,
    description:
      'The database is unreachable (database_unavailable) or the server is saturated (server_busy); see Retry-After',
  },
} as const;

export type ProblemKind = keyof typeof problemKinds;

/** The statuses every route can answer with, whatever it does. */
export const alwaysPossible: readonly ProblemKind[] = ['internal', 'unavailable'];
