import type { Row } from '../lib/report';
import { alternate, median, percentile, spread } from '../lib/stats';
import { benchServer, benchUser } from '../server/bench-server';
import { populateSecrets } from '../server/populate';
import { launchWithExtension, openExtensionPage, type ExtensionBrowser } from '../../e2e/support/extension';
import { BENCH_DIR, buildBenchExtension, signIn } from './session';
import { recordFirstRow, scrollFrames, timeFirstRow, untilIndexed, untilListed } from './first-row';

/** Stops the extension's service worker, as the browser does after 30 idle seconds. */
async function stopWorker(b: ExtensionBrowser) {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
}

/**
 * One open of an extension page to its first drawn row, the worker stopped first when `cold`. With `rows`,
 * the page stays open until it lists them all (the popup's sync and re-read after its first frame), so that
 * work is not left running in the worker and the extension's process during the next open, A's or B's.
 */
function open(b: ExtensionBrowser, path: string, cold: boolean, rows?: number) {
  return async () => {
    if (cold) await stopWorker(b);
    return timeFirstRow(
      b.context,
      `chrome-extension://${b.extensionId}/${path}`,
      rows ? (page) => untilListed(page, rows) : undefined,
    );
  };
}

/** Frames over 1.5 × 16.7 ms: the ones a user sees as dropped. */
const SLOW_FRAME_MS = 25;

/**
 * Scrolls the popup and the floor's plain list alternately, in rounds, and counts slow frames in each:
 * the popup is judged by how many more slow frames it has than the floor had in the same rounds.
 */
async function scrollRounds(b: ExtensionBrowser, count: number, rounds: number, frames: number) {
  const popup = await openExtensionPage(b, 'popup.html');
  await popup.getByRole('option').first().waitFor();
  // The popup woke the worker, whose start rebuilds the value index from every cached secret: not part of
  // scrolling, and it would fall on whichever rounds it overlaps.
  await untilIndexed(b.context, b.extensionId);
  const floor = await b.context.newPage();
  await floor.setViewportSize({ width: 380, height: 560 });
  await floor.goto(`chrome-extension://${b.extensionId}/bench-floor.html?rows=${count}`);
  const out = { popup: [] as number[], floor: [] as number[] };
  try {
    // Round -1 is unmeasured (as `alternate` does): the popup's sync after opening, its re-read of the cache
    // and the first drawing of each page's rows land there, not in a measured round of one page only.
    for (let i = -1; i < rounds; i++) {
      // Each scroll starts at the top: the same distance, the same rows drawn.
      for (const [page, into] of i % 2
        ? ([
            [floor, out.floor],
            [popup, out.popup],
          ] as const)
        : ([
            [popup, out.popup],
            [floor, out.floor],
          ] as const)) {
        await page.bringToFront();
        // The locator waits for the list: once, a quiet full run found no `.vlist` at this step (a page still
        // drawing), and the bench crashed on a null.
        await page
          .locator('.vlist')
          .first()
          .evaluate((el) => (el.scrollTop = 0));
        const times = (await scrollFrames(page, count, frames)).slice(5);
        if (i >= 0) into.push(...times);
      }
    }
  } finally {
    await popup.close();
    await floor.close();
  }
  return out;
}

/**
 * Popup open to first rows drawn, 1,000 and 10,000 cached secrets, cold and warm worker, each open
 * alternated with one of the empty page; then scrolling against the floor's plain list. On a shared
 * machine the absolute times move with the load, so only the ratios to the same-run floor are judged.
 */
export async function popupBench(opts: { smoke: boolean }): Promise<Row[]> {
  buildBenchExtension();
  const rows: Row[] = [];
  const n = opts.smoke ? 3 : 21;
  for (const count of opts.smoke ? [200] : [1_000, 10_000]) {
    const s = await benchServer({ kdfIterations: 600_000 });
    const b = await launchWithExtension(BENCH_DIR);
    try {
      const user = await benchUser(s, 'bench.popup');
      // Signed grants (VEP/2), as an account at rest holds them. With VEP/1 grants every unlock started the
      // migration (utils/share/migrate-vep1.ts) over all of them: each read through the reveal route, which
      // records a last use and tells the feed, so every live sync of the popup (5 s) brought tens to hundreds
      // of changed secrets and a re-read of all 10,000, in the renderer the popup and the floor share. Measured
      // with 10,000, quiet: 45-49 frames over 25 ms in the popup and 33-38 in the floor (of 440); signed: 5 and 3.
      if (!user.signingKey) throw new Error('The bench user has no signing key');
      await populateSecrets(s, { id: user.userId, publicKey: user.publicKey, signingKey: user.signingKey }, count);
      await recordFirstRow(b.context);
      await signIn(b, s.url, user.username, user.password, count);
      // The unlock starts the value index 1.5 s later (seconds of work for 10,000 secrets): 'warm' is the
      // worker awake and idle, as when a user opens the popup again, not the worker still indexing.
      await untilIndexed(b.context, b.extensionId);
      const label = `${count.toLocaleString('en')} secrets`;
      for (const kind of ['warm', 'cold'] as const) {
        const { a: popup, b: floor } = await alternate(
          n,
          open(b, 'popup.html', kind === 'cold', count),
          open(b, 'bench-floor.html', kind === 'cold'),
        );
        // Quiet-machine targets: 150 ms for 1,000 secrets, 200 ms for 10,000. What is judged is the ratio to
        // the empty page: 2× for 1,000 (the architecture's budget), 3× for 10,000 (200 ms over a floor of ~65 ms).
        const budget = count <= 1000 ? 150 : 200;
        const maxRatio = count <= 1000 ? 2 : 3;
        rows.push({
          section: 'popup',
          figure: `${label}, ${kind} worker: first rows, median (A/B with the floor)`,
          value: median(popup),
          unit: 'ms',
          budget,
          maxRatio,
          spread: spread(popup),
          baseline: { label: 'empty Preact page, median', value: median(floor) },
        });
        rows.push({
          section: 'popup',
          figure: `${label}, ${kind} worker: first rows, p95`,
          value: percentile(popup, 95),
          unit: 'ms',
          budget: null,
          baseline: { label: 'empty Preact page, p95', value: percentile(floor, 95) },
        });
      }
      // Many short rounds rather than a few long ones: a burst of load from elsewhere then falls on both pages alike.
      const frames = await scrollRounds(b, count, opts.smoke ? 4 : 8, opts.smoke ? 40 : 60);
      const slow = (xs: number[]) => xs.filter((f) => f > SLOW_FRAME_MS).length;
      // Budget: fewer than 2% of frames dropped beyond what the floor dropped while scrolling the same way.
      const extra = Math.max(1, frames.popup.length * 0.02);
      rows.push({
        section: 'popup',
        figure: `${label}: scrolling, frames over ${SLOW_FRAME_MS} ms (of ${frames.popup.length})`,
        value: slow(frames.popup),
        unit: 'frames',
        budget: slow(frames.floor) + extra,
        baseline: { label: `plain virtual list, of ${frames.floor.length}`, value: slow(frames.floor) },
      });
      rows.push({
        section: 'popup',
        figure: `${label}: scrolling, p95 frame time`,
        value: percentile(frames.popup, 95),
        unit: 'ms',
        budget: null,
        spread: spread(frames.popup),
        baseline: { label: 'plain virtual list, p95', value: percentile(frames.floor, 95) },
      });
    } finally {
      await b.close();
      await s.close();
    }
  }
  return rows;
}
