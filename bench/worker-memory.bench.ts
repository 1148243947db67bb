import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { median, spread } from './lib/stats';
import type { Row } from './lib/report';

const run = promisify(execFile);

type Soak = { changes: number; warmup: number; warm: number; end: number };

/**
 * One soak (worker-memory.child.ts) in a fresh Node process, so the heap it reads holds the sync engine and
 * nothing the other bench sections left behind. `--no-flush-bytecode`: V8 otherwise drops the bytecode of
 * functions idle for a while on its own schedule (hundreds of KB of Node's and tsx's start-up code), which moved
 * the reading by up to a megabyte between runs and hid or faked growth of that size.
 */
async function soak(smoke: boolean): Promise<Soak> {
  const args = ['--expose-gc', '--no-flush-bytecode', '--import', 'tsx', 'bench/worker-memory.child.ts'];
  const { stdout } = await run(process.execPath, smoke ? [...args, '--smoke'] : args, {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Soak;
}

/**
 * The background worker's sync engine over a long session, in Node on the engine's own code with
 * fake-indexeddb standing in for the browser's IndexedDB: a first load of 1,000 secrets, then one change
 * per pass. Heap after the soak against heap after the warm-up, both less the heap before the engine existed;
 * the median of three processes (one in smoke mode), so a one-off allocation in one of them does not decide.
 * fake-indexeddb keeps the cache's records on the JS heap, where a browser keeps them outside the worker's, so
 * the figure overstates the worker by the cache's size.
 */
export async function workerMemoryBench(opts: { smoke: boolean }): Promise<Row[]> {
  const soaks: Soak[] = [];
  for (let i = 0; i < (opts.smoke ? 1 : 3); i++) soaks.push(await soak(opts.smoke));
  const { changes, warmup } = soaks[0]!;
  const ends = soaks.map((s) => s.end);
  return [
    {
      section: 'worker memory',
      figure: `sync engine heap after ${changes.toLocaleString('en')} sync changes (Node, fake-indexeddb; the same 1,000 secrets cached; after full GCs; median of ${soaks.length} fresh processes)`,
      value: median(ends),
      unit: 'MB',
      budget: 30,
      maxRatio: 1.2,
      spread: spread(ends),
      baseline: {
        label: `after the first load of 1,000 + ${warmup.toLocaleString('en')} changes`,
        value: median(soaks.map((s) => s.warm)),
      },
    },
  ];
}
