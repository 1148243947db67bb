import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { buildOpenApi, type RouteName } from '../../../utils/contract';
import { ping } from '../db/connect';
import type { Services } from '../services';
import { authenticate } from '../services/accounts';
import { DomainError, NotFound } from '../services/errors';
import { databaseDown, problemOf, serverBusy, TransportProblem } from './problem';
import { PoolBusy } from '../db/faults';
import type { AppEnv, Caller } from './env';
import { registerRoutes } from './routes';
import { registerLinkPage } from '../link-page/routes';
import { isDeclared } from './status-check';

/** What the server saw of one answer: for the tests that hold every status to the published contract. */
export type Answered = { route: RouteName | undefined; method: string; status: number };

export type AppOptions = {
  /** The client's address as the transport sees it. */
  clientAddress: (c: unknown) => string;
  /** Called after every answer (tests collect statuses with it). */
  onAnswer?: (a: Answered) => void;
};

/** Extension pages, plus origins the administrator configured. */
const allowOrigin = (extra: string[]) => (origin: string) =>
  /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i.test(origin) || extra.includes(origin) ? origin : null;

export function createApp(services: Services, opts: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { logger, config } = services;
  // The document depends only on the contract and the configured public address: build it once.
  const openApi = JSON.stringify(buildOpenApi(config.publicUrl));
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('services', services);
    c.set('ip', opts.clientAddress(c));
    let caller: Caller | undefined;
    c.set('authenticate', async () => {
      caller ??= await authenticate(services, c.req.header('authorization'));
      c.set('caller', caller);
      return caller;
    });
    await next();
    const ms = performance.now() - started;
    // Server-Timing lets clients and the benchmarks read the server's own time without network noise.
    try {
      c.res.headers.set('Server-Timing', `app;dur=${ms.toFixed(2)}`);
    } catch {
      /* a response with immutable headers (a static body) simply goes without it */
    }
    const route = c.get('route') as RouteName | undefined;
    const status = c.res.status;
    // One line per request: never a header, a body or a query string (they may carry tokens or searches).
    const line = {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath === '/*' ? 'unmatched' : c.req.routePath,
      status,
      ms: Math.round(ms),
      userId: caller?.userId,
      client: c.get('ip'),
    };
    logger.info(line, 'request');
    if (route && !isDeclared(route, status))
      logger.error({ ...line, operation: route }, 'status not declared in the API contract');
    opts.onAnswer?.({ route, method: c.req.method, status });
  });
  // A first sync of thousands of secrets is megabytes of repetitive JSON; gzip makes it a tenth.
  app.use(compress({ threshold: 4096 }));
  // The API's headers everywhere but the link page, which sets its own (it runs a script, the API never does).
  const apiHeaders = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: 'cross-origin',
  });
  app.use((c, next) => (c.req.path.startsWith('/s/') ? next() : apiHeaders(c, next)));
  app.use(
    cors({
      origin: allowOrigin(config.corsOrigins),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    }),
  );
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: () => {
        throw new TransportProblem(
          'too_large',
          'body_too_large',
          `The request is larger than ${Math.round(config.bodyLimitBytes / 1024)} KiB.`,
        );
      },
    }),
  );
  app.get('/v1/openapi.json', (c) => c.body(openApi, 200, { 'Content-Type': 'application/json' }));
  // Liveness: the process answers. Readiness: it can reach its database (a load balancer routes by it).
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    await ping(services.store).catch((err: unknown) => {
      throw err instanceof PoolBusy ? serverBusy() : databaseDown();
    });
    return c.json({ ok: true });
  });
  registerRoutes(app);
  registerLinkPage(app);
  app.notFound(() => {
    throw new NotFound('This endpoint', 'There is no such endpoint. See /v1/openapi.json.');
  });
  app.onError((err, c) => {
    const p = problemOf(err);
    // The name, message and first frames say what broke; the request id ties it to its access line.
    if (!(err instanceof DomainError))
      logger.error(
        {
          requestId: c.get('requestId'),
          method: c.req.method,
          route: c.req.routePath,
          err: {
            type: err.name,
            message: err.message.slice(0, 200),
            stack: err.stack?.split('\n').slice(1, 6).join('\n'),
          },
        },
        'request failed',
      );
    for (const [k, v] of Object.entries(p.headers)) c.header(k, v);
    // An oversized body is not read to its end, so this connection cannot carry another request: say so.
    if (p.status === 413) c.header('Connection', 'close');
    return c.body(JSON.stringify(p.body), p.status as 400, { 'Content-Type': 'application/problem+json' });
  });
  return app;
}
