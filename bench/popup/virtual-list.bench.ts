import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Row } from '../lib/report';
import { alternate, median, percentile, spread } from '../lib/stats';
import { launchWithExtension, type ExtensionBrowser } from '../../e2e/support/extension';
import { BENCH_DIR, buildBenchExtension } from './session';
import { recordFirstRow, scrollFrames, timeFirstRow } from './first-row';

/** Frames over 1.5 × 16.7 ms: the ones a user sees as dropped. */
const SLOW_FRAME_MS = 25;

/** A module's own bytes as the popup would ship them: bundled, minified, Preact left out, gzipped. */
async function shippedKB(entry: string): Promise<number> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    external: ['preact', 'preact/*'],
    alias: { '@': '.' },
    logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length / 1024;
}

const floorUrl = (b: ExtensionBrowser, rows: number, list: 'ours' | 'tanstack') =>
  `chrome-extension://${b.extensionId}/bench-floor.html?rows=${rows}${list === 'tanstack' ? '&list=tanstack' : ''}`;

/**
 * The hand-written virtual list (components/VirtualList.tsx, the baseline) against TanStack Virtual's core
 * behind the same props (entrypoints/bench-floor/tanstack-list.tsx), on the floor page with the popup's
 * geometry: shipped size, first rows drawn and scrolling 10,000 rows, A and B alternated in the same run.
 */
export async function virtualListBench(opts: { smoke: boolean }): Promise<Row[]> {
  buildBenchExtension();
  const ours = await shippedKB('components/VirtualList.tsx');
  const tanstack = await shippedKB('entrypoints/bench-floor/tanstack-list.tsx');
  const rows: Row[] = [
    {
      section: 'virtual-list',
      figure: 'TanStack list, minified + gzipped (Preact excluded)',
      value: tanstack,
      unit: 'KB',
      budget: null,
      baseline: { label: 'hand-written list', value: ours },
    },
  ];
  const count = opts.smoke ? 1_000 : 10_000;
  const label = `${count.toLocaleString('en')} rows`;
  const b = await launchWithExtension(BENCH_DIR);
  try {
    await recordFirstRow(b.context);
    const n = opts.smoke ? 3 : 21;
    const first = await alternate(
      n,
      () => timeFirstRow(b.context, floorUrl(b, count, 'tanstack')),
      () => timeFirstRow(b.context, floorUrl(b, count, 'ours')),
    );
    rows.push({
      section: 'virtual-list',
      figure: `${label}: TanStack list, first rows, median (A/B)`,
      value: median(first.a),
      unit: 'ms',
      budget: null,
      spread: spread(first.a),
      baseline: { label: 'hand-written list, median', value: median(first.b) },
    });
    const pages = await Promise.all(
      (['tanstack', 'ours'] as const).map(async (list) => {
        const page = await b.context.newPage();
        await page.setViewportSize({ width: 380, height: 560 });
        await page.goto(floorUrl(b, count, list));
        return page;
      }),
    );
    const frames = { tanstack: [] as number[], ours: [] as number[] };
    try {
      const rounds = opts.smoke ? 2 : 6;
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 ? ([1, 0] as const) : ([0, 1] as const);
        for (const j of order) {
          const page = pages[j]!;
          await page.bringToFront();
          // The locator waits for the list: once, a quiet full run found no `.vlist` at this step (a page still
          // drawing), and the bench crashed on a null.
          await page
            .locator('.vlist')
            .first()
            .evaluate((el) => (el.scrollTop = 0));
          frames[j === 0 ? 'tanstack' : 'ours'].push(
            ...(await scrollFrames(page, count, opts.smoke ? 30 : 90)).slice(5),
          );
        }
      }
    } finally {
      await Promise.all(pages.map((p) => p.close()));
    }
    const slow = (xs: number[]) => xs.filter((f) => f > SLOW_FRAME_MS).length;
    rows.push(
      {
        section: 'virtual-list',
        figure: `${label}: TanStack list scrolling, frames over ${SLOW_FRAME_MS} ms (of ${frames.tanstack.length})`,
        value: slow(frames.tanstack),
        unit: 'frames',
        budget: null,
        baseline: { label: `hand-written list, of ${frames.ours.length}`, value: slow(frames.ours) },
      },
      {
        section: 'virtual-list',
        figure: `${label}: TanStack list scrolling, p95 frame time`,
        value: percentile(frames.tanstack, 95),
        unit: 'ms',
        budget: null,
        spread: spread(frames.tanstack),
        baseline: { label: 'hand-written list, p95', value: percentile(frames.ours, 95) },
      },
    );
  } finally {
    await b.close();
  }
  return rows;
}
