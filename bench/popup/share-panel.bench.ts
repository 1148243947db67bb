import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Row } from '../lib/report';
import { alternate, median, percentile, spread } from '../lib/stats';
import { benchServer, benchUser } from '../server/bench-server';
import { populateDirectory } from '../server/populate';
import { launchWithExtension, type ExtensionBrowser } from '../../e2e/support/extension';
import { SEARCH_DEBOUNCE_MS } from '../../utils/config';
import { BENCH_DIR, buildBenchExtension, signIn } from './session';

const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<
  string,
  { message: string }
>;
const SEARCHING = messages.searching!.message;
const SEARCH_LABEL = messages.recipientSearchLabel!.message;
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
    const recipients = [];
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
      // The baseline: the same searches straight to the API from Node, no extension in between, alternated
      // with the panel's so that both meet the same background load.
      let i = 0;
      let j = 0;
      const { a: times, b: direct } = await alternate(
        opts.smoke ? 2 : 20,
        () => keystrokeToResults(page, qs[i++ % qs.length]!),
        async () => {
          const t = performance.now();
          await sharer.search(qs[j++ % qs.length]!);
          return performance.now() - t;
        },
      );
      rows.push({
        section: 'share panel',
        figure: `keystroke to results, ${len}-char query, p95 (debounce excluded)`,
        value: percentile(times, 95),
        unit: 'ms',
        budget: 100,
        spread: spread(times),
        baseline: { label: 'same search, API from Node', value: percentile(direct, 95) },
      });
    }
    await page.close();

    let next = 1;
    for (const size of sizes) {
      const times: number[] = [];
      for (let r = 0; r < (size > 10 ? 1 : runs); r++) {
        const page = await openSharePanel(b, ids[next++]!);
        const box = page.getByRole('combobox', { name: 'Search users or groups' });
        for (let i = 0; i < size; i++) {
          await box.fill(`Share Recipient ${String(i).padStart(3, '0')}`);
          await page.getByRole('option', { name: new RegExp(`Share Recipient ${String(i).padStart(3, '0')}`) }).click();
        }
        const t0 = await page.evaluate(() => performance.now());
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        await page
          .getByRole('heading', { name: 'Shared' })
          .waitFor({ timeout: 60_000 })
          .catch(async (e) => {
            await page.screenshot({ path: '/tmp/share-bench.png' });
            throw e;
          });
        times.push((await page.evaluate(() => performance.now())) - t0);
        await page.close();
      }
      // The baseline: the same share made by a Node client (grants and the write), no extension in between.
      const fresh = await sharer.createSecret({ name: `Baseline ${size}`, clientSecret: 'baseline' });
      const t = performance.now();
      await sharer.call(
        'PUT',
        `/v1/secrets/${fresh.id}/access`,
        await sharer.accessBody(
          fresh.id,
          fresh.accessRevision,
          recipients.slice(0, size).map((p) => p.me()),
        ),
      );
      const direct = performance.now() - t;
      rows.push({
        section: 'share panel',
        figure: `Share to "Shared", ${size} recipients (grants in the worker), median of ${times.length}`,
        value: median(times),
        unit: 'ms',
        budget: size === 10 ? 300 : null,
        baseline: { label: 'same share from a Node client', value: direct },
      });
    }
    return rows;
  } finally {
    await b.close();
    await s.close();
  }
}
