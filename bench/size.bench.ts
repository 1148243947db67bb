import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Row } from './lib/report';

/** Its own folder: `.output` may hold the e2e build, which carries the test hook. */
const OUT = '.output-size/chrome-mv3';

/** The extension exactly as `npm run build` ships it (no bench page, no test hook), built for this run. */
function buildShipped() {
  const env: NodeJS.ProcessEnv = { ...process.env, WXT_OUT_DIR: '.output-size' };
  delete env.VAULTSHARE_BENCH;
  delete env.VAULTSHARE_TEST_HOOK;
  const r = spawnSync('npx', ['wxt', 'build'], { env, stdio: 'pipe', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`size bench: the build failed:\n${r.stdout}\n${r.stderr}`);
}

/** The JavaScript files an HTML page of the build loads: its module script and everything it preloads. */
function pageScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  return [...new Set(srcs)].map((s) => join(OUT, s.replace(/^\//, '')));
}

function sizes(files: string[]) {
  const bytes = files.map((f) => readFileSync(f));
  return {
    raw: bytes.reduce((n, b) => n + b.length, 0) / 1024,
    gzip: gzipSync(Buffer.concat(bytes), { level: 9 }).length / 1024,
  };
}

/** The popup's and the background's JavaScript, raw and gzipped, against Preact itself (the floor of a Preact popup). */
export async function sizeBench(): Promise<Row[]> {
  buildShipped();
  const popup = sizes(pageScripts(readFileSync(join(OUT, 'popup.html'), 'utf8')));
  const background = sizes([join(OUT, 'background.js')]);
  // Preact's ES module builds, wherever its package.json `exports` puts them (preact.module.js in 10, .mjs in 11).
  const preact = sizes(['preact', 'preact/hooks'].map((m) => fileURLToPath(import.meta.resolve(m))));
  return [
    {
      section: 'size',
      figure: 'popup JavaScript, gzipped',
      value: popup.gzip,
      unit: 'KB',
      budget: 60,
      baseline: { label: 'preact + hooks, gzipped', value: preact.gzip },
    },
    {
      section: 'size',
      figure: 'popup JavaScript, raw',
      value: popup.raw,
      unit: 'KB',
      budget: null,
      baseline: { label: 'preact + hooks, raw', value: preact.raw },
    },
    {
      section: 'size',
      figure: 'background JavaScript, gzipped',
      value: background.gzip,
      unit: 'KB',
      budget: null,
      baseline: { label: 'preact + hooks, gzipped', value: preact.gzip },
    },
    {
      section: 'size',
      figure: 'background JavaScript, raw',
      value: background.raw,
      unit: 'KB',
      budget: null,
      baseline: null,
    },
  ];
}
