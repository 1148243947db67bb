import type { BrowserContext, Page } from 'playwright-core';
import { ROW_HEIGHTS } from '../../utils/config';

declare global {
  interface Window {
    __firstRowAt?: number;
  }
}

/**
 * Records, in every page of the context, when the first list row is in the document and the next frame
 * has begun: `performance.now()` then is the time since the page's navigation started.
 */
export async function recordFirstRow(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  await context.addInitScript(`
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[role="option"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => (window.__firstRowAt = performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true });
  `);
}

/**
 * Opens an extension page in a fresh 380-pixel tab and returns the time to its first drawn row. With
 * `settle`, the page is closed only once `settle` is done: the popup's own work after its first frame (its
 * sync and its re-read of every cached secret) then ends in its own open, and does not fall on the next one.
 */
export async function timeFirstRow(
  context: BrowserContext,
  url: string,
  settle?: (page: Page) => Promise<void>,
): Promise<number> {
  const page: Page = await context.newPage();
  try {
    await page.setViewportSize({ width: 380, height: 560 });
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRowAt !== undefined, undefined, { timeout: 30_000 });
    const at = await page.evaluate(() => window.__firstRowAt!);
    await settle?.(page);
    return at;
  } finally {
    await page.close();
  }
}

/** Waits until the list in `page` holds every one of `rows` rows (not just the first screen), or 30 s. */
export async function untilListed(page: Page, rows: number): Promise<void> {
  await page
    .waitForFunction(
      (px) => ((document.querySelector('[role="listbox"]') as HTMLElement | null)?.offsetHeight ?? 0) >= px,
      // The listbox is as tall as all its rows: at least the shortest row height times their number.
      rows * Math.min(...Object.values(ROW_HEIGHTS)),
      { timeout: 30_000 },
    )
    // A settle that does not come is not a figure: the open was already timed, the next one goes on.
    .catch(() => undefined);
}

/**
 * Waits, asking the worker from an extension page every 100 ms, until no value index build is queued or
 * running (the one after an unlock, and the one each start of the worker makes from every cached secret), so
 * that build is not measured as part of the pages' figures. Gives up after `timeoutMs` without failing: the
 * bench goes on. The worker answers only after its start-up, which queues the build, so `ready` is not a
 * worker that has yet to begin one. Asked from Node, one `evaluate` at a time: `waitForFunction` does not
 * await a predicate's promise (a promise is truthy), so with an async predicate it returned at once.
 */
export async function untilIndexed(context: BrowserContext, extensionId: string, timeoutMs = 120_000): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/bench-floor.html`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const state = await page
        .evaluate(async () => {
          const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
            .chrome;
          const r = (await c.runtime.sendMessage({ channel: 'vaultshare', type: 'getValueIndexStatus' })) as {
            value?: { state?: string };
          };
          return r?.value?.state;
        })
        // A worker stopping or starting meanwhile answers nothing: ask again.
        .catch(() => undefined);
      if (state === 'ready' || state === 'off') return;
      await page.waitForTimeout(100);
    }
  } finally {
    await page.close();
  }
}

/**
 * Scrolls the list for a while, one step per frame as a wheel would, once every secret is loaded (not
 * just the first screen), and reports frame times: a frame longer than 1.5 × 16.7 ms is one the user
 * would see as dropped. Throws if the list did not actually move.
 */
export async function scrollFrames(page: Page, expectedRows: number, frames = 180): Promise<number[]> {
  await page.waitForFunction(
    (n) => ((document.querySelector('[role="listbox"]') as HTMLElement | null)?.offsetHeight ?? 0) >= n * 50,
    expectedRows,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(300);
  const { times, moved } = await page.evaluate(async (n) => {
    const list = document.querySelector('[role="listbox"]') as HTMLElement;
    const scroller = (list.closest('.vlist') as HTMLElement | null) ?? list;
    const times: number[] = [];
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      await new Promise<void>((done) =>
        requestAnimationFrame(() => {
          scroller.scrollTop += 120;
          const now = performance.now();
          times.push(now - last);
          last = now;
          done();
        }),
      );
    }
    return { times, moved: scroller.scrollTop };
  }, frames);
  if (moved < frames * 60) throw new Error(`The list scrolled only ${moved}px: the bench is not scrolling the list`);
  return times;
}
