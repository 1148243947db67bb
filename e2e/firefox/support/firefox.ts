import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** The Firefox build that `npx wxt build -b firefox` writes. */
export const FIREFOX_EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../../..',
  process.env.WXT_OUT_DIR ?? '.output',
  'firefox-mv2',
);
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export type FirefoxProfile = {
  browser: Browser;
  /** `moz-extension://<uuid>`: fixed per profile by the `extensions.webextensions.uuids` preference. */
  origin: string;
  /** The options page the extension opens on install: the door to every other extension page. */
  options: Page;
  close(): Promise<void>;
};

const addonId = (dir: string): string =>
  (
    JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      browser_specific_settings: { gecko: { id: string } };
    }
  ).browser_specific_settings.gecko.id;

/** The page's own idea of where it is: WebDriver BiDi reports moz-extension:// pages as about:blank. */
export const href = (page: Page) => page.evaluate(() => location.href).catch(() => '');

/** Waits for a tab whose page is at `prefix` (asked of each page, see {@link href}). */
export async function waitForPage(browser: Browser, prefix: string, timeoutMs = 30_000): Promise<Page> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const page of await browser.pages()) if ((await href(page)).startsWith(prefix)) return page;
    await new Promise((r) => setTimeout(r, 200));
  }
  const open = await Promise.all((await browser.pages()).map(href));
  throw new Error(`No tab at ${prefix} after ${timeoutMs} ms; open: ${open.join(', ')}`);
}

/**
 * Starts Debian's Firefox ESR, headless, over WebDriver BiDi, with a fresh profile and the unpacked
 * Firefox build installed. WebDriver BiDi will not navigate to a moz-extension:// address, and a web page
 * may not open one: the extension opens its options page itself on install, and the tests go on from there.
 * `lang` is the browser's interface language (`intl.locale.requested`).
 */
export async function launchFirefox(opts: { lang?: string; dir?: string } = {}): Promise<FirefoxProfile> {
  const dir = opts.dir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No Firefox build in ${dir}: run \`npx wxt build -b firefox\` first.`);
  const uuid = randomUUID();
  const profile = mkdtempSync(join(tmpdir(), 'vaultshare-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId(dir)]: uuid }),
      // What a click on "Allow" would do: the options page asks for the vault server's address.
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...(opts.lang ? { 'intl.locale.requested': opts.lang, 'intl.accept_languages': opts.lang } : {}),
    },
  });
  await browser.installExtension(dir);
  const origin = `moz-extension://${uuid}`;
  const options = await waitForPage(browser, `${origin}/options.html`);
  // Found as soon as its address is known, which can be before the page has drawn anything.
  await options.waitForFunction(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0, {
    timeout: 30_000,
    polling: 100,
  });
  return {
    browser,
    origin,
    options,
    async close() {
      await browser.close();
      // Firefox may still be writing its profile for a moment after it exits.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/**
 * Opens another extension page in a new tab, the way the extension itself would (`tabs.create` from its
 * options page: `window.open` without a click is a blocked pop-up), and returns it once it has loaded.
 */
export async function openFromOptions(p: FirefoxProfile, path: string): Promise<Page> {
  const url = `${p.origin}/${path}`;
  const before = new Set(await p.browser.pages());
  await p.options.evaluate(async (u) => {
    await (
      globalThis as unknown as { browser: { tabs: { create(p: { url: string }): Promise<unknown> } } }
    ).browser.tabs.create({ url: u });
  }, url);
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    for (const page of await p.browser.pages())
      if (!before.has(page) && (await href(page)).startsWith(url.split('#')[0]!)) return page;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${path} did not open`);
}

/** Text on the page, as a person reads it. */
export const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

/** Waits until the page shows `text`. */
export async function waitForText(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout, polling: 100 }, text);
}

/**
 * Marks the first element matching `selector` whose text or accessible name is `name` (or contains it,
 * with `partial`), then clicks it with real input events (a click that counts as the user's gesture).
 */
export async function click(
  page: Page,
  selector: string,
  name: string,
  opts: { partial?: boolean; timeout?: number } = {},
): Promise<void> {
  await page.waitForFunction(
    (sel, n, partial) => {
      document.querySelectorAll('[data-e2e-target]').forEach((e) => e.removeAttribute('data-e2e-target'));
      const el = [...document.querySelectorAll<HTMLElement>(sel)].find((e) => {
        const label = (e.getAttribute('aria-label') ?? e.innerText ?? e.textContent ?? '').trim();
        return !(e as HTMLButtonElement).disabled && (partial ? label.includes(n) : label === n);
      });
      el?.setAttribute('data-e2e-target', '');
      return !!el;
    },
    { timeout: opts.timeout ?? 30_000, polling: 100 },
    selector,
    name,
    !!opts.partial,
  );
  await page.click('[data-e2e-target]');
}

/** Types into the field labelled `label`, as a person would. */
export async function fill(page: Page, label: string, text: string): Promise<void> {
  await page.waitForFunction(
    (l) => {
      document.querySelectorAll('[data-e2e-field]').forEach((e) => e.removeAttribute('data-e2e-field'));
      const byLabel = [...document.querySelectorAll('label')].find((x) => x.textContent?.trim().startsWith(l))?.control;
      const field = byLabel ?? document.querySelector(`[aria-label="${l}"]`);
      field?.setAttribute('data-e2e-field', '');
      return !!field;
    },
    { timeout: 30_000, polling: 100 },
    label,
  );
  await page.click('[data-e2e-field]', { count: 3 });
  await page.type('[data-e2e-field]', text);
}
