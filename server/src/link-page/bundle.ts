import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * The page's script: the browser half of the crypto module and the page logic, bundled once per server
 * process with esbuild (which the server's own TypeScript runner brings). No dependency reaches the page
 * that is not in this repository.
 */
export function linkPageScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}
