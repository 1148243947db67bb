import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The Chrome build that `npm run build:e2e` writes (with the test hook); the e2e tests never build it themselves. */
export const EXTENSION_DIR = resolve(import.meta.dirname, '../..', process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type ExtensionBrowser = { context: BrowserContext; extensionId: string; close(): Promise<void> };

/**
 * Starts the system Chromium, headless, with a fresh profile and only the built extension loaded. The
 * extension's id is read from its service worker's URL. `lang` (like `pt-BR`) is the browser's interface
 * language, which the extension's catalogue follows; on Linux Chromium reads it from `LANGUAGE`.
 */
export async function launchWithExtension(
  extensionDir = EXTENSION_DIR,
  opts: { lang?: string } = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`No build in ${extensionDir}: run \`npm run build:e2e\` first.`);
  const profile = mkdtempSync(join(tmpdir(), 'vaultshare-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
    ],
    ...(opts.lang
      ? {
          locale: opts.lang,
          env: { ...process.env, LANGUAGE: opts.lang.replace('-', '_'), LANG: `${opts.lang.replace('-', '_')}.UTF-8` },
        }
      : {}),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  await installTabOpened(context, `chrome-extension://${extensionId}/options.html`);
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the extension has opened its options page on install (onboarding.ts). Its `openOptionsPage`
 * takes over an empty tab; on a busy machine it runs late, and would take over a tab a test had just opened
 * (for chrome://extensions, the options page or the popup) under the test's feet, even after that tab's page
 * had loaded. Once it is open, it takes over nothing more.
 */
async function installTabOpened(context: BrowserContext, url: string, timeout = 30_000): Promise<void> {
  const opened = (p: Page) => p.url().startsWith(url);
  if (context.pages().some(opened)) return;
  await new Promise<void>((resolve, reject) => {
    const watched = new Set<Page>();
    const check = () => context.pages().some(opened) && finish();
    const watch = (p: Page) => void (watched.has(p) || (watched.add(p), p.on('framenavigated', check)));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      context.off('page', onPage);
      for (const p of watched) p.off('framenavigated', check);
      if (error) reject(error);
      else resolve();
    };
    const onPage = (p: Page) => (watch(p), check());
    const timer = setTimeout(
      () => finish(new Error(`The extension did not open ${url} on install within ${timeout} ms`)),
      timeout,
    );
    context.on('page', onPage);
    context.pages().forEach(watch);
    check();
  });
}

/**
 * `page.goto`, again when the extension's first-install options page took over this new tab meanwhile
 * (`runtime.openOptionsPage` reuses an empty tab): "interrupted by another navigation" is that race, not a fault.
 */
async function gotoPast(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url);
      return;
    } catch (e) {
      if (attempt >= 3 || !/interrupted by another navigation/.test(String(e))) throw e;
    }
  }
}

/**
 * Grants the optional host permission for `origin` the way the user's "Allow" would. A headless browser
 * cannot click the permission prompt, so this goes through chrome://extensions' own API (the page behind
 * "Site access"); the extension's `permissions.request` then resolves at once, with no prompt.
 */
export async function grantHostPermission(b: ExtensionBrowser, origin: string): Promise<void> {
  const page = await b.context.newPage();
  await gotoPast(page, `chrome://extensions/?id=${b.extensionId}`);
  const pattern = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
  await page.evaluate(
    ([id, p]) =>
      (
        globalThis as unknown as {
          chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
        }
      ).chrome.developerPrivate.addHostPermission(id!, p!),
    [b.extensionId, pattern],
  );
  await page.close();
}

/** Opens one of the extension's pages in a tab; the popup gets the toolbar popup's 380-pixel width. */
export async function openExtensionPage(
  b: ExtensionBrowser,
  path: 'popup.html' | 'options.html' | 'bench-floor.html',
): Promise<Page> {
  const page = await b.context.newPage();
  if (path !== 'options.html') await page.setViewportSize({ width: 380, height: 560 });
  await gotoPast(page, `chrome-extension://${b.extensionId}/${path}`);
  return page;
}
