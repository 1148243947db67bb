import type { ZodType } from 'zod';
import { z } from './zod';
import { Problem } from './common';
import { problemKinds } from './problems';
import { routeProblems, routes, type Route } from './routes';

const jsonSchema = (s: ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

/** OpenAPI 3.1 paths use `{name}` where Hono uses `:name`. */
const openApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function parameters(r: Route) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', r.params],
    ['query', r.query],
  ] as const) {
    if (!schema) continue;
    const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {}))
      out.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: prop });
  }
  return out;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const ok = { description: 'OK', content: { 'application/json': { schema: { const: { ok: true } } } } };

/** The operators' probes, outside /v1 and the contract's route table: liveness and readiness. */
export const probes = {
  '/healthz': { operationId: 'liveness', summary: 'The process answers (liveness)', responses: { 200: ok } },
  '/readyz': {
    operationId: 'readiness',
    summary: 'The process can reach its database (readiness: route traffic here)',
    responses: { 200: ok, 503: problem(problemKinds.unavailable.description) },
  },
} as const;

/**
 * The OpenAPI 3.1 document of the vault API, generated from the contract's route table: each route's statuses
 * are its success status and the statuses of the refusals it lists (`routeProblems`). `serverUrl` is the
 * address the server advertises; without it the document has no `servers`, which means "this origin".
 */
export function buildOpenApi(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, r] of Object.entries(routes) as [string, Route][]) {
    const op: Record<string, unknown> = {
      operationId,
      summary: r.summary,
      parameters: parameters(r),
      responses: {
        [r.status]: {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(r.response, 'output') } },
        },
        ...Object.fromEntries(
          routeProblems(r).map((k) => [problemKinds[k].status, problem(problemKinds[k].description)]),
        ),
      },
    };
    if (r.auth) op.security = [{ bearer: [] }];
    if (r.body)
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    (paths[openApiPath(r.path)] ??= {})[r.method] = op;
  }
  for (const [path, probe] of Object.entries(probes)) paths[path] = { get: probe };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vaultshare vault API',
      version: '1.0.0',
      description: 'End-to-end encrypted sharing of API secrets (VEP/1, see docs/crypto.md).',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Problem: jsonSchema(Problem, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An opaque session token from /v1/auth/login' },
      },
    },
  };
}
