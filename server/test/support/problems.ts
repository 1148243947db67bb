import { request } from 'node:http';
import { expect } from 'vitest';
import type { Res } from './client';
import { snapshot, type TestServer } from './harness';

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
};

/** Asserts an RFC 9457 problem: the status, `application/problem+json`, the stable code and a sentence for a person. */
export function expectProblem(res: Res, status: number, code: string): ProblemBody {
  const body = res.body as ProblemBody;
  expect({ status: res.status, code: body?.code }, JSON.stringify(body)).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body.status).toBe(status);
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail).toMatch(/^[A-Z].{10,}[.)]$/s);
  return body;
}

/** The paths of an invalid_request's field errors. */
export const errorPaths = (p: ProblemBody) => (p.errors ?? []).map((e) => e.path);

/**
 * Runs a request that must be refused: it gets this problem, and every table is exactly as it was before.
 * Returns the problem body for further checks.
 */
export async function expectRefused(
  s: TestServer,
  status: number,
  code: string,
  send: () => Promise<Res>,
): Promise<ProblemBody> {
  const before = await snapshot(s);
  const res = await send();
  const body = expectProblem(res, status, code);
  expect(await snapshot(s)).toEqual(before);
  return body;
}

/**
 * A request on its own connection (node:http, no keep-alive pool), for bodies the server refuses before
 * reading them: a pooled fetch would reuse a socket the server is about to close. `chunked` sends the body
 * without a Content-Length, so only counting the bytes as they arrive can stop it.
 */
export function rawRequest(
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: string; chunked?: boolean },
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined && !opts.chunked) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const req = request(url, { method: opts.method, headers, agent: false }, (res) => {
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
