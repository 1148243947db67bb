import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

/** The toolbar popup opened by `action.openPopup()`, driven through the debugging protocol. */
export type ActionPopup = {
  /** Runs an expression in the popup and returns its (JSON) value; promises are awaited. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Polls an expression until it is truthy; returns that value. */
  waitFor<T = unknown>(expression: string, timeoutMs?: number): Promise<T>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
};

type Target = { targetId: string; type: string; url: string; attached: boolean };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Finds the extension's toolbar popup and attaches to it. Playwright does not attach to action popups
 * (they are no tab), so this goes through a CDP session of any page: `Target.attachToTarget` without
 * flattening, then commands wrapped in `Target.sendMessageToTarget`.
 */
export async function findActionPopup(
  page: Page,
  urlPrefix: string,
  timeoutMs = 15_000,
): Promise<ActionPopup & { url: string }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  let target: Target | undefined;
  for (const end = Date.now() + timeoutMs; !target && Date.now() < end; await sleep(100)) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Target[] };
    target = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(urlPrefix) && !t.attached);
  }
  if (!target) throw new Error(`No toolbar popup at ${urlPrefix} within ${timeoutMs} ms`);
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
    sessionId: string;
  };
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  let next = 0;
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(
        id,
        (m) => (
          waiting.delete(id),
          m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result as T)
        ),
      );
      void cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject);
    });

  async function evaluate<T>(expression: string): Promise<T> {
    const r = await send<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  }
  return {
    url: target.url,
    evaluate,
    async waitFor<T>(expression: string, ms = 15_000): Promise<T> {
      for (const end = Date.now() + ms; ; await sleep(100)) {
        const value = await evaluate<T>(expression).catch(() => undefined);
        if (value) return value;
        if (Date.now() > end) throw new Error(`Timed out waiting in the popup for: ${expression}`);
      }
    },
    async screenshot(path: string) {
      const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
    async close() {
      await evaluate('window.close()').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
