import { request } from 'node:http';
import type { Res } from './client';

/**
 * A JSON request sent from a chosen loopback address (Linux answers on all of 127.0.0.0/8), so one test
 * can play clients at several addresses without a proxy. Its own connection, no keep-alive pool.
 */
export function sendFrom(
  from: string,
  url: string,
  opts: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> },
): Promise<Res> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (body !== undefined)
    Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'POST', headers, localAddress: from, agent: false }, (res) => {
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
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
