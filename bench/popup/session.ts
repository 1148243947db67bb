import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { grantHostPermission, openExtensionPage, type ExtensionBrowser } from '../../e2e/support/extension';

export const BENCH_DIR = resolve('.output-bench/chrome-mv3');

/** The extension as shipped, plus the floor page, in a folder of its own (built once per run). */
let built = false;
export function buildBenchExtension() {
  if (built) return;
  const r = spawnSync('npx', ['wxt', 'build'], {
    env: { ...process.env, VAULTSHARE_BENCH: '1', WXT_OUT_DIR: '.output-bench' },
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench build failed:\n${r.stdout}\n${r.stderr}`);
  built = true;
}

/** Signs in through the options page and waits until the popup lists `count` secrets (the first sync landed). */
export async function signIn(b: ExtensionBrowser, url: string, username: string, password: string, count: number) {
  const options = await openExtensionPage(b, 'options.html');
  await grantHostPermission(b, url);
  await options.getByLabel('Vault server').fill(url);
  await options.getByLabel('Username').fill(username);
  await options.getByLabel('Password').fill(password);
  await options.getByRole('button', { name: 'Sign in' }).click();
  await options.getByRole('heading', { name: /^Signed in as/ }).waitFor({ timeout: 60_000 });
  const popup = await openExtensionPage(b, 'popup.html');
  await popup.getByRole('button', { name: `All ${count}` }).waitFor({ timeout: 120_000 });
  await popup.close();
  await options.close();
}
