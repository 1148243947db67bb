import type { Row } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { benchServer, benchUser } from '../server/bench-server';
import { populateSecrets } from '../server/populate';
import { launchWithExtension, openExtensionPage, type ExtensionBrowser } from '../../e2e/support/extension';
import { BENCH_DIR, buildBenchExtension, signIn } from './session';
import { recordFirstRow, scrollFrames, timeFirstRow } from './first-row';

/** Stops the extension's service worker, as the browser does after 30 idle seconds. */
async function stopWorker(b: ExtensionBrowser) {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
}

async function opens(b: ExtensionBrowser, path: string, n: number, cold: boolean) {
  const url = `chrome-extension://${b.extensionId}/${path}`;
  const times: number[] = [];
  await timeFirstRow(b.context, url); // one unmeasured open
  for (let i = 0; i < n; i++) {
    if (cold) await stopWorker(b);
    times.push(await timeFirstRow(b.context, url));
  }
  return times;
}

/** Popup open to first rows drawn, 1,000 and 10,000 cached secrets, cold and warm worker, against the floor page. */
export async function popupBench(opts: { smoke: boolean }): Promise<Row[]> {
  buildBenchExtension();
  const rows: Row[] = [];
  const n = opts.smoke ? 3 : 20;
  for (const count of opts.smoke ? [200] : [1_000, 10_000]) {
    const s = await benchServer({ kdfIterations: 600_000 });
    const b = await launchWithExtension(BENCH_DIR);
    try {
      const user = await benchUser(s, 'bench.popup');
      await populateSecrets(s, { id: user.userId, publicKey: user.publicKey }, count);
      await recordFirstRow(b.context);
      await signIn(b, s.url, user.username, user.password, count);
      const floorWarm = await opens(b, 'bench-floor.html', n, false);
      const warm = await opens(b, 'popup.html', n, false);
      const floorCold = await opens(b, 'bench-floor.html', n, true);
      const cold = await opens(b, 'popup.html', n, true);
      const budget = count <= 1000 ? 150 : 200;
      const label = `${count.toLocaleString('en')} secrets`;
      for (const [kind, xs, floor] of [['warm', warm, floorWarm], ['cold', cold, floorCold]] as const) {
        // 1,000 secrets: under 150 ms and within 2× of the empty page; 10,000: first rows under 200 ms.
        const maxRatio = count <= 1000 ? 2 : undefined;
        rows.push({ section: 'popup', figure: `${label}, ${kind} worker: first rows, median`, value: median(xs), unit: 'ms', budget, maxRatio, baseline: { label: 'empty Preact page, median', value: median(floor) } });
        rows.push({ section: 'popup', figure: `${label}, ${kind} worker: first rows, p95`, value: percentile(xs, 95), unit: 'ms', budget, baseline: { label: 'empty Preact page, p95', value: percentile(floor, 95) } });
      }
      const page = await openExtensionPage(b, 'popup.html');
      await page.getByRole('option').first().waitFor();
      const frames = (await scrollFrames(page, count, opts.smoke ? 30 : 180)).slice(5);
      await page.close();
      const dropped = frames.filter((f) => f > 25).length;
      rows.push({ section: 'popup', figure: `${label}: scrolling, frames over 25 ms (of ${frames.length})`, value: dropped, unit: 'frames', budget: count > 1000 ? Math.max(1, frames.length * 0.02) : null, baseline: null });
      rows.push({ section: 'popup', figure: `${label}: scrolling, p95 frame time`, value: percentile(frames, 95), unit: 'ms', budget: null, baseline: { label: 'one frame at 60 Hz', value: 16.7 } });
    } finally {
      await b.close();
      await s.close();
    }
  }
  return rows;
}
