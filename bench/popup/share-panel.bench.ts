import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Row } from '../lib/report';
import { alternate, median, percentile, spread } from '../lib/stats';
import { benchServer, benchUser } from '../server/bench-server';
import { populateDirectory } from '../server/populate';
import { launchWithExtension, type ExtensionBrowser } from '../../e2e/support/extension';
import { SEARCH_DEBOUNCE_MS } from '../../utils/config';
import type { VaultClient } from '../../server/test/support/client';
import { BENCH_DIR, buildBenchExtension, signIn } from './session';

const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<
  string,
  { message: string }
>;
const SEARCHING = messages.searching!.message;
const SEARCH_LABEL = messages.recipientSearchLabel!.message;
/** The panel may take this many times the page's own fetch of the same search (see `fetchToPage`). */
const KEYSTROKE_MAX_RATIO = 3;
/**
 * Share in the popup against the same share from a Node client. The worker does more than that client: it
 * opens the item key through the audited values route and verifies its grant's signature, checks and records
 * the recipients' key pins, and writes the new list and summary into its cache; the panel then draws. Timed
 * in the page, from the click to the frame showing "Shared". Measured 4.6× on a quiet machine (136 ms against
 * 30 ms, then timed from the test driver: a fixed cost of about 100 ms) and 2.4× at load average 12.
 */
const SHARE_MAX_RATIO = 6;
const QUERIES: Record<number, string[]> = {
  1: ['m', 'j', 's', 'a'],
  2: ['ma', 'jo', 'si', 'an'],
  3: ['mar', 'joh', 'sil', 'ana'],
  6: ['marian', 'johnso', 'santos', 'oliver'],
};

/** Types a query as one input event and waits until the panel shows its results; the debounce is subtracted. */
function keystrokeToResults(page: Page, q: string): Promise<number> {
  return page.evaluate(
    async ([query, searching, debounce, label]) => {
      const input = document.querySelector(`input[role="combobox"][aria-label="${label}"]`) as HTMLInputElement;
      const status = input.closest('.rsearch')!.querySelector('[role="status"]') as HTMLElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, (debounce as number) + 50));
      const t0 = performance.now();
      input.value = query as string;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        const text = status.textContent ?? '';
        if (performance.now() - t0 > (debounce as number) && text && text !== searching)
          return performance.now() - t0 - (debounce as number);
      }
    },
    [q, SEARCHING, SEARCH_DEBOUNCE_MS, SEARCH_LABEL] as const,
  );
}

/**
 * The floor of a search in the same page: `fetch` of the same query straight from the page (the server allows the
 * extension's origin), its answer written into the page and one frame drawn. What the panel adds is the worker's
 * message round trip, its directory merge and drawing the results.
 */
function fetchToPage(page: Page, url: string, token: string): Promise<number> {
  return page.evaluate(
    async ([u, t]) => {
      const t0 = performance.now();
      const r = await fetch(u as string, { headers: { authorization: `Bearer ${t as string}` } });
      const body = (await r.json()) as { results: { name?: string }[] };
      const out = document.createElement('output');
      out.textContent = body.results.map((x) => x.name ?? '').join(', ');
      document.body.append(out);
      await new Promise((done) => requestAnimationFrame(done));
      out.remove();
      return performance.now() - t0;
    },
    [url, token] as const,
  );
}

declare global {
  interface Window {
    __shareClickAt?: number;
    __sharedAt?: number;
  }
}

/**
 * In the page, before Share is clicked: notes when the click reaches the page, and the frame after the
 * heading "Shared" is in the document, so the figure is what the user waits for, not the test driver's
 * round trips and its checks before a click (they add 30-50 ms to a share of about 100).
 */
// A string, not a function: the bench runs through tsx, whose helpers (`__name`) do not exist in the page.
const WATCH_SHARE = `(() => {
  window.__shareClickAt = undefined;
  window.__sharedAt = undefined;
  document.addEventListener('click', () => (window.__shareClickAt ??= performance.now()), { capture: true });
  const observer = new MutationObserver(() => {
    const shown = [...document.querySelectorAll('h1, h2, h3, [role="heading"]')].some(
      (h) => h.textContent.trim() === 'Shared',
    );
    if (window.__shareClickAt === undefined || !shown) return;
    observer.disconnect();
    requestAnimationFrame(() => (window.__sharedAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})()`;

/** Opens the popup on a secret's share panel (the route the right-click menu uses), Internal chosen. */
async function openSharePanel(b: ExtensionBrowser, secretId: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 380, height: 560 });
  await page.goto(`chrome-extension://${b.extensionId}/popup.html#/share/${secretId}`);
  await page.getByRole('button', { name: /^Internal/ }).click();
  await page.getByRole('combobox', { name: 'Search users or groups' }).waitFor();
  return page;
}

/**
 * In the real popup: keystroke to results in the share panel (50,000 users, 5,000 groups), and Share to
 * "Shared" with 10 and with 100 recipients, grants made in the worker.
 */
export async function sharePanelBench(opts: { smoke: boolean }): Promise<Row[]> {
  buildBenchExtension();
  const s = await benchServer({ kdfIterations: 600_000 });
  const b = await launchWithExtension(BENCH_DIR);
  try {
    const sharer = await benchUser(s, 'bench.sharer');
    const sizes = opts.smoke ? [3] : [10, 100];
    // Recipients sign in never, so their keys can be made quickly: only their public keys matter.
    const recipients: VaultClient[] = [];
    for (let i = 0; i < Math.max(...sizes); i++)
      recipients.push(
        await benchUser(
          s,
          `share.recipient${String(i).padStart(3, '0')}`,
          `Share Recipient ${String(i).padStart(3, '0')}`,
        ),
      );
    await populateDirectory(s, opts.smoke ? 2_000 : 50_000, opts.smoke ? 200 : 5_000);
    const runs = opts.smoke ? 1 : 5;
    // Real secrets, each with its own item key: the worker opens the key before it can grant it.
    const ids: string[] = [];
    for (let i = 0; i < sizes.length * runs + 1; i++)
      ids.push((await sharer.createSecret({ name: `Shared service ${i}`, clientSecret: `bench-${i}` })).id);
    await signIn(b, s.url, sharer.username, sharer.password, ids.length);
    const rows: Row[] = [];

    const page = await openSharePanel(b, ids[0]!);
    for (const [len, qs] of Object.entries(QUERIES)) {
      // The baseline: the same searches fetched by the same page, no worker or panel in between, alternated
      // with the panel's so that both meet the same background load.
      let i = 0;
      let j = 0;
      const { a: times, b: direct } = await alternate(
        opts.smoke ? 2 : 30,
        () => keystrokeToResults(page, qs[i++ % qs.length]!),
        () =>
          fetchToPage(
            page,
            `${s.url}/v1/directory/search?q=${encodeURIComponent(qs[j++ % qs.length]!)}`,
            sharer.token!,
          ),
      );
      // Judged by the median, like every popup figure (a p95 of a few dozen opens on a shared machine is
      // one burst of load elsewhere); the p95 is shown beside it.
      rows.push(
        {
          section: 'share panel',
          figure: `keystroke to results, ${len}-char query, median (debounce excluded)`,
          value: median(times),
          unit: 'ms',
          budget: 100,
          maxRatio: KEYSTROKE_MAX_RATIO,
          spread: spread(times),
          baseline: { label: 'same search fetched by the page, median', value: median(direct) },
        },
        {
          section: 'share panel',
          figure: `keystroke to results, ${len}-char query, p95 (debounce excluded)`,
          value: percentile(times, 95),
          unit: 'ms',
          budget: null,
          baseline: { label: 'same search fetched by the page, p95', value: percentile(direct, 95) },
        },
      );
    }
    await page.close();

    let next = 1;
    for (const size of sizes) {
      const inPopup = async () => {
        const page = await openSharePanel(b, ids[next++]!);
        const box = page.getByRole('combobox', { name: 'Search users or groups' });
        for (let i = 0; i < size; i++) {
          await box.fill(`Share Recipient ${String(i).padStart(3, '0')}`);
          await page.getByRole('option', { name: new RegExp(`Share Recipient ${String(i).padStart(3, '0')}`) }).click();
        }
        await page.evaluate(WATCH_SHARE);
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        await page
          .getByRole('heading', { name: 'Shared' })
          .waitFor({ timeout: 60_000 })
          .catch(async (e) => {
            await page.screenshot({ path: '/tmp/share-bench.png' });
            throw e;
          });
        await page.waitForFunction(() => window.__sharedAt !== undefined);
        const took = await page.evaluate(() => window.__sharedAt! - window.__shareClickAt!);
        await page.close();
        return took;
      };
      // The baseline: the same share made by a Node client (grants and the write), no extension in between.
      const fromNode = async () => {
        const fresh = await sharer.createSecret({
          name: `Baseline ${size} ${Math.random()}`,
          clientSecret: 'baseline',
        });
        const t = performance.now();
        const r = await sharer.call(
          'PUT',
          `/v1/secrets/${fresh.id}/access`,
          await sharer.accessBody(
            fresh.id,
            fresh.accessRevision,
            recipients.slice(0, size).map((p) => p.me()),
          ),
        );
        if (r.status !== 200) throw new Error(`baseline share → ${r.status}`);
        return performance.now() - t;
      };
      // Alternated run by run (the first of each unmeasured), like every popup figure.
      const count = size > 10 ? 1 : runs;
      const times: number[] = [];
      const direct: number[] = [];
      await fromNode();
      for (let r = 0; r < count; r++)
        if (r % 2) {
          direct.push(await fromNode());
          times.push(await inPopup());
        } else {
          times.push(await inPopup());
          direct.push(await fromNode());
        }
      rows.push({
        section: 'share panel',
        figure: `Share to "Shared", ${size} recipients (grants in the worker), median of ${times.length}`,
        value: median(times),
        unit: 'ms',
        budget: size === 10 ? 300 : null,
        ...(size === 10 ? { maxRatio: SHARE_MAX_RATIO } : {}),
        spread: spread(times),
        baseline: { label: 'same share from a Node client, median', value: median(direct) },
      });
    }
    return rows;
  } finally {
    await b.close();
    await s.close();
  }
}
