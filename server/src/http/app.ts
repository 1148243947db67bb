import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { buildOpenApi } from '../../../utils/contract';
import type { Services } from '../services';
import { authenticate } from '../services/accounts';
import { DomainError, NotFound } from '../services/errors';
import { problemOf, TransportProblem } from './problem';
import type { AppEnv, Caller } from './env';
import { registerRoutes } from './routes';

/** Extension pages, plus origins the administrator configured. */
const allowOrigin = (extra: string[]) => (origin: string) =>
  /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i.test(origin) || extra.includes(origin) ? origin : null;

export function createApp(services: Services, clientAddress: (c: unknown) => string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('services', services);
    c.set('ip', clientAddress(c));
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
    // One line per request: never a header, a body or a query string (they may carry tokens or searches).
    services.log({ method: c.req.method, path: c.req.routePath === '/*' ? 'unmatched' : c.req.routePath, status: c.res.status, ms: Math.round(ms) });
  });
  // A first sync of thousands of secrets is megabytes of repetitive JSON; gzip makes it a tenth.
  app.use(compress({ threshold: 4096 }));
  app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, crossOriginResourcePolicy: 'cross-origin' }));
  app.use(cors({ origin: allowOrigin(services.config.corsOrigins), allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxAge: 600 }));
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    bodyLimit({
      maxSize: services.config.bodyLimitBytes,
      onError: () => {
        throw new TransportProblem('too_large', 'body_too_large', `The request is larger than ${Math.round(services.config.bodyLimitBytes / 1024)} KiB.`);
      },
    }),
  );
  app.get('/v1/openapi.json', (c) => c.json(buildOpenApi(new URL(c.req.url).origin)));
  app.get('/healthz', (c) => c.json({ ok: true }));
  registerRoutes(app);
  app.notFound(() => {
    throw new NotFound('This endpoint', 'There is no such endpoint. See /v1/openapi.json.');
  });
  app.onError((err, c) => {
    const p = problemOf(err);
    if (!(err instanceof DomainError)) services.log({ level: 'error', error: err.name, message: err.message.slice(0, 200) });
    for (const [k, v] of Object.entries(p.headers)) c.header(k, v);
    // An oversized body is not read to its end, so this connection cannot carry another request: say so.
    if (p.status === 413) c.header('Connection', 'close');
    return c.body(JSON.stringify(p.body), p.status as 400, { 'Content-Type': 'application/problem+json' });
  });
  return app;
}
