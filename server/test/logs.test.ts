import { describe, expect, it, vi } from 'vitest';
import { dialects, startTestServer } from './support/harness';

/** What an operator relies on when access lines are turned off (VAULT_QUIET=1): failures still reach the log. */
describe.each(dialects)('logs on %s', (dialect) => {
  it('a server failure is logged with its request id even in quiet mode, and the line holds nothing of the request', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const s = await startTestServer(dialect, { quiet: true });
    try {
      // A table gone from under the server is a failure no request can cause: it must reach the operator.
      await s.store.db.schema.dropTable('sessions').execute();
      const token = 'A'.repeat(43);
      const ok = await fetch(`${s.url}/healthz`);
      const res = await fetch(`${s.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect([ok.status, res.status]).toEqual([200, 500]);
      const lines = out.mock.calls
        .flatMap((args) => String(args[0]).split('\n').filter(Boolean))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      // Quiet: the successful request left no line; the failure left exactly one, tied to its request.
      expect(lines).toEqual([
        expect.objectContaining({
          level: 'error',
          msg: 'request failed',
          requestId: res.headers.get('x-request-id'),
          method: 'GET',
          route: '/v1/me',
          err: expect.objectContaining({
            type: expect.stringMatching(/error/i), // the error's own name, not pino's "Object"
            message: expect.stringContaining('sessions'),
          }),
        }),
      ]);
      expect(JSON.stringify(lines)).not.toContain(token);
    } finally {
      out.mockRestore();
      await s.close();
    }
  });
});
