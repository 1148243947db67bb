import type { Plugin, Rollup } from 'vite';

/**
 * How the extension's pages are cut into files. Left to itself the bundler made nine scripts and two
 * stylesheets for the popup's first frame (one per set of pages sharing a module, several under 1 KB), and a
 * cold open of the popup spent about 60 ms fetching them, against 28 ms for an empty page's three (traced).
 * Here the popup's first screen is one script and one stylesheet, beside what other pages share with it:
 *
 * - `preact`: Preact, its hooks and Vite's preload helper: every page drawn with Preact, the benchmarks'
 *   empty page too.
 * - `base`: what the offscreen clipboard page imports (the browser API, the constants, the clearing): that
 *   page draws nothing, and loads neither Preact nor the popup.
 * - `bench-shared`: in the benchmark build only, what the benchmarks' pages share with the popup (the virtual
 *   list their scrolling floor draws), so that they never load the popup's code and styles. In the product
 *   it is part of `popup-first`.
 * - `popup-first`: everything else the popup's entry imports statically. The options page loads it too (it
 *   shares much of it: storage, messaging, fields, the unlock form), with some 29 KB of the popup's list it
 *   does not run; the popup's other views stay in their own chunks, loaded when they open.
 *
 * Only the pages' build is cut this way: the worker is built as one file already.
 */
export function pageChunks(): Plugin {
  return {
    name: 'vaultshare:page-chunks',
    outputOptions(output) {
      if (output.inlineDynamicImports) return output;
      return { ...output, manualChunks: chunkOf };
    },
  };
}

const RUNTIME = /\/node_modules\/preact\/(dist|jsx-runtime|hooks)\/|vite\/preload-helper/;
const CLIPBOARD = /\/entrypoints\/clipboard\//;
const BENCH = /\/entrypoints\/bench-floor\//;
const POPUP = /\/entrypoints\/popup\/main\.tsx$/;
/** Vite's modulepreload polyfill, which every page's HTML loads: it stays alone, as the bundler left it. */
const HTML_PLUGINS = /wxt-html-plugins|modulepreload-polyfill/;
/** A page's own HTML and entry script: they stay its own small file, which pages sharing a chunk do not run. */
const ENTRY = /\/entrypoints\/[^/]+\/(index\.html|main\.tsx?)$/;

const chunkOf: Rollup.GetManualChunk = (id, meta) => {
  if (ENTRY.test(id)) return undefined;
  if (HTML_PLUGINS.test(id) || importedBy(id, HTML_PLUGINS, meta)) return 'html-plugins';
  if (RUNTIME.test(id)) return 'preact';
  if (importedBy(id, CLIPBOARD, meta)) return 'base';
  if (importedBy(id, BENCH, meta)) return importedBy(id, POPUP, meta) ? 'bench-shared' : undefined;
  if (importedBy(id, POPUP, meta)) return 'popup-first';
  return undefined;
};

/** Whether a module matching `from` imports `id`, directly or through other static imports (not lazy ones). */
function importedBy(id: string, from: RegExp, { getModuleInfo }: Rollup.ManualChunkMeta): boolean {
  const seen = new Set<string>();
  const next = [...(getModuleInfo(id)?.importers ?? [])];
  while (next.length) {
    const m = next.pop()!;
    if (from.test(m)) return true;
    if (seen.has(m)) continue;
    seen.add(m);
    next.push(...(getModuleInfo(m)?.importers ?? []));
  }
  return false;
}
