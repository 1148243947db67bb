import type { Context, Hono } from 'hono';
import type { z, ZodType } from 'zod';
import { routes, type RouteName } from '../../../utils/contract';
import { Invalid } from '../services/errors';
import { invalid, TransportProblem } from './problem';
import type { AppEnv } from './env';

type R<N extends RouteName> = (typeof routes)[N];
type Parsed<S> = S extends ZodType ? z.output<S> : undefined;

export type Input<N extends RouteName> = {
  params: Parsed<R<N> extends { params: infer P } ? P : undefined>;
  query: Parsed<R<N> extends { query: infer Q } ? Q : undefined>;
  body: Parsed<R<N> extends { body: infer B } ? B : undefined>;
};

async function readJson(c: Context): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json'))
    throw new TransportProblem(
      'unsupported_media_type',
      'unsupported_media_type',
      'Send the request body as JSON (Content-Type: application/json).',
    );
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid('malformed_json', 'The request body is not valid JSON.');
  }
}

function parse(schema: ZodType | undefined, value: unknown, where: string) {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(where, r.error);
  return r.data;
}

/**
 * Registers a contract route: the handler receives validated input, and its answer is checked against
 * the response schema too, so the server cannot drift from what it publishes.
 */
export function handle<N extends RouteName>(
  app: Hono<AppEnv>,
  name: N,
  fn: (input: Input<N>, c: Context<AppEnv>) => Promise<z.input<R<N>['response']>>,
) {
  const route = routes[name] as R<N> & { params?: ZodType; query?: ZodType; body?: ZodType; response: ZodType };
  app.on(route.method.toUpperCase(), route.path, async (c) => {
    c.set('route', name);
    if (route.auth) await c.var.authenticate();
    const input = {
      params: parse(route.params, c.req.param(), 'path'),
      query: parse(route.query, c.req.query(), 'query'),
      body: route.body ? parse(route.body, await readJson(c), 'body') : undefined,
    } as Input<N>;
    const out = route.response.parse(await fn(input, c));
    return c.json(out, route.status);
  });
}
