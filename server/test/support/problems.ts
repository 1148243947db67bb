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
