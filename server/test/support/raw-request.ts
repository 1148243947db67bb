import { request } from 'node:http';
import type { Res } from './client';

/**
 * A request on its own connection (node:http, no keep-alive pool), for bodies the server refuses before
 * reading them: a pooled fetch would reuse a socket the server is about to close. `chunked` sends the body
 * without a Content-Length, so only counting the bytes as they arrive can stop it. `from` is the loopback
 * address to send from (Linux answers on all of 127.0.0.0/8), so one test can play clients at several
 * addresses without a proxy.
 */
export function rawRequest(
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: string; chunked?: boolean; from?: string },
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined && !opts.chunked) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const req = request(url, { method: opts.method, headers, agent: false, localAddress: opts.from }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: h });
      });
    });
    // The server may answer and close before the whole body is written; that is the point of some tests.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e),
    );
    if (opts.body !== undefined) {
      if (opts.chunked)
        for (let i = 0; i < opts.body.length; i += 64 * 1024) req.write(opts.body.slice(i, i + 64 * 1024));
      else req.write(opts.body);
    }
    req.end();
  });
}

/** A JSON request (POST unless told) sent from the loopback address `from`, through {@link rawRequest}. */
export function sendFrom(
  from: string,
  url: string,
  opts: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> },
): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return rawRequest(url, { method: opts.method ?? 'POST', headers, body, from });
}
