import ky, { type KyInstance } from 'ky';
import { routes, type RouteBody, type RouteName, type RouteResponse } from '@/utils/contract';
import type { ZodType } from 'zod';
import { toVaultError } from './http-errors';
import { VaultError } from './errors';

/** What one call needs besides its route: path parameters, query and body, all typed by the contract. */
export type CallInput<N extends RouteName> = {
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: RouteBody<N>;
};

export type VaultClientOptions = {
  serverUrl: string;
  /** Read at each request, so a refreshed or dropped token takes effect without a new client. */
  getToken?: () => string | undefined;
  timeoutMs?: number;
  /** Injected in tests; the real `fetch` otherwise. */
  fetch?: typeof fetch;
};

/** The extension's one client of the vault API. */
export type VaultClient = {
  call<N extends RouteName>(name: N, input?: CallInput<N>): Promise<RouteResponse<N>>;
};

/** Applies the contract's defaults and normalisation; invalid input is the caller's mistake, worded as such. */
function parseBody(schema: ZodType, body: unknown): unknown {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new VaultError('invalid_request', {
    detail: issue ? `${issue.path.join('.')} ${issue.message}`.trim() : undefined,
  });
}

function pathOf(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

/**
 * Builds the client: base URL from settings, bearer token in a hook, a timeout, and retries only on GET
 * (the only method the API promises is safe to repeat). Bodies and answers go through the contract's
 * zod schemas; every failure comes out as a {@link VaultError}.
 */
export function createVaultClient(opts: VaultClientOptions): VaultClient {
  const http: KyInstance = ky.create({
    // `prefix`, not `baseUrl`: a server address with a path (https://example.com/vault) keeps it before /v1/….
    prefix: opts.serverUrl,
    timeout: opts.timeoutMs ?? 15_000,
    retry: { limit: 1, methods: ['get'], statusCodes: [408, 502, 503, 504] },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    hooks: {
      beforeRequest: [
        ({ request }) => {
          const token = opts.getToken?.();
          if (token) request.headers.set('Authorization', `Bearer ${token}`);
        },
      ],
    },
  });

  return {
    async call(name, input = {}) {
      const route = routes[name];
      const json = 'body' in route ? parseBody(route.body, input.body) : undefined;
      try {
        const searchParams = Object.fromEntries(
          Object.entries(input.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
        );
        // Only GET is retried; saying so per call also spares ky a copy of every other request kept for a
        // retry that never comes (a copy of each values call showed in the worker's profile during the index build).
        const retry = route.method === 'get' ? {} : { retry: 0 };
        const answer = await http(pathOf(route.path, input.params), {
          method: route.method,
          json,
          searchParams,
          ...retry,
        }).json(route.response);
        return answer as RouteResponse<typeof name>;
      } catch (e) {
        throw toVaultError(e);
      }
    },
  };
}
