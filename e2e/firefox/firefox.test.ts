import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { seriousA11yViolations } from '../support/axe';
import { ARTIFACTS_DIR } from '../support/extension';
import { startDemoVault, type RunningVault } from '../support/vault-server';
import {
  bodyText,
  click,
  fill,
  launchFirefox,
  openFromOptions,
  waitForText,
  type FirefoxProfile,
} from './support/firefox';

// The extension's Firefox build (MV2, background page, `menus`) in Debian's Firefox ESR, driven over
// WebDriver BiDi, against a real vault server with the demo organisation: sign-in from the page a new
// user lands on, the list, the seed's share flow between two people in two profiles, who has access,
// and the right-click handler.
const SECRET = 'Datadog metrics';
let vault: RunningVault;
let alice: FirefoxProfile;
let bob: FirefoxProfile | undefined;
let aliceValue = '';
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, `firefox-${name}.png`) });

/** Signs in from the options page the extension opened on install. */
async function signIn(p: FirefoxProfile, username: string) {
  const person = vault.users.find((u) => u.username === username)!;
  await fill(p.options, 'Vault server', vault.url);
  await fill(p.options, 'Username', username);
  await fill(p.options, 'Password', person.password);
  await click(p.options, 'button', 'Sign in');
  await waitForText(p.options, `Signed in as ${person.name}`, 60_000);
}

/** The popup page in a tab of the toolbar popup's size, its list drawn. */
async function openPopup(p: FirefoxProfile, hash = ''): Promise<Page> {
  const popup = await openFromOptions(p, `popup.html${hash}`);
  await popup.setViewport({ width: 380, height: 560 });
  if (!hash) {
    await popup.waitForSelector('[role="option"]', { timeout: 30_000 }).catch(async (e: unknown) => {
      throw new Error(`The popup drew no list; it shows: ${await bodyText(popup)}`, { cause: e });
    });
  }
  return popup;
}

async function findRow(popup: Page, name: string) {
  await fill(popup, 'Search API secrets', name);
  await popup.waitForFunction(
    (n) => [...document.querySelectorAll('[role="option"]')].some((o) => o.textContent?.startsWith(n)),
    { timeout: 30_000 },
    name,
  );
}
const rowText = (popup: Page, name: string) =>
  popup.evaluate(
    (n) =>
      [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent?.startsWith(n))
        ?.innerText ?? '',
    name,
  );

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  vault = await startDemoVault();
  alice = await launchFirefox();
}, 180_000);
afterAll(async () => {
  await bob?.close();
  await alice?.close();
  await vault?.cleanup();
});

describe('in Firefox', () => {
  it('a new user lands on the options page, signs in there, and the vault server permission is granted', async () => {
    expect(await bodyText(alice.options)).toContain('Sign in to your vault');
    await signIn(alice, 'alice');
    const granted = await alice.options.evaluate(() =>
      (
        globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins: string[] }> } } }
      ).browser.permissions.getAll(),
    );
    expect(granted.origins).toContain('http://127.0.0.1/*');
    await shot(alice.options, 'options-signed-in');
  });

  it('the popup lists the secrets, searches and filters', async () => {
    const popup = await openPopup(alice);
    expect(await bodyText(popup)).toContain('Alice Martins');
    await findRow(popup, SECRET);
    expect(await rowText(popup, SECRET)).toContain('Shared: No');
    await click(popup, 'button, [role="tab"], [role="radio"]', 'Shared with me', { partial: true });
    await popup.waitForFunction(
      (n) => ![...document.querySelectorAll('[role="option"]')].some((o) => o.textContent?.startsWith(n)),
      {},
      SECRET,
    );
    await click(popup, 'button, [role="tab"], [role="radio"]', 'All', { partial: true });
    await shot(popup, 'list');
    expect(await seriousA11yViolations(popup, { contrastChecked: true })).toEqual([]);
    await popup.close();
  });

  it('alice shares a secret with bob (Can view) and the Security group (Can edit), and sees who has access', async () => {
    const popup = await openPopup(alice);
    await findRow(popup, SECRET);
    await click(popup, 'button', `Actions for ${SECRET}`);
    await click(popup, '[role="menuitem"]', 'Share');
    await click(popup, 'button', 'Internal', { partial: true });
    await fill(popup, 'Search users or groups', 'bob');
    await click(popup, '[role="option"]', 'Bob Silva', { partial: true });
    await fill(popup, 'Search users or groups', 'Secur');
    await click(popup, '[role="option"]', 'Security', { partial: true });
    await popup
      .waitForFunction(() => {
        // The Can edit box in the Security group's row.
        const edit = [...document.querySelectorAll('label')].find(
          (l) => l.textContent?.trim() === 'Can edit' && l.closest('li')?.textContent?.includes('Security'),
        );
        edit?.setAttribute('data-e2e-edit', '');
        return !!edit;
      })
      .catch(async (e: unknown) => {
        await shot(popup, 'share-panel-failed');
        throw new Error(`No Security row; the panel shows: ${await bodyText(popup)}`, { cause: e });
      });
    await popup.click('[data-e2e-edit]');
    await waitForText(popup, 'Users with editing permission can disable the API secret.').catch(async (e: unknown) => {
      await shot(popup, 'share-panel-failed');
      throw new Error(`No editing warning; the panel shows: ${await bodyText(popup)}`, { cause: e });
    });
    await shot(popup, 'share-panel');
    await click(popup, 'button', 'Share');
    await popup.waitForFunction(
      () => [...document.querySelectorAll('h2, h3')].some((h) => h.textContent?.trim() === 'Shared'),
      { timeout: 30_000 },
    );
    await click(popup, 'button', 'Close');
    await popup.waitForFunction(
      (n) =>
        [...document.querySelectorAll<HTMLElement>('[role="option"]')]
          .find((o) => o.textContent?.startsWith(n))
          ?.innerText.includes('Shared: Yes'),
      { timeout: 30_000 },
      SECRET,
    );

    // Who has access, in the details.
    await click(popup, '[role="option"]', SECRET, { partial: true });
    await waitForText(popup, 'Users with access to information');
    await waitForText(popup, 'Bob Silva');
    const access = await popup.evaluate(() => {
      const region = [...document.querySelectorAll<HTMLElement>('[role="region"], section')].find((r) =>
        r.innerText.includes('Users with access to information'),
      )!;
      return [...region.querySelectorAll<HTMLElement>('li')].map((li) => li.innerText);
    });
    expect(access.find((l) => l.includes('Bob Silva'))).toContain('Can view');
    expect(access.find((l) => l.includes('Bob Silva'))).not.toContain('Can edit');
    expect(access.find((l) => l.includes('Security'))).toContain('Can edit');
    await click(popup, 'button', 'Show');
    await popup.waitForFunction(() => /sk_demo_\w+/.test(document.body.innerText));
    aliceValue = (await bodyText(popup)).match(/sk_demo_\w+/)![0];
    await click(popup, 'button', 'Copy');
    await waitForText(popup, 'Client secret copied.');
    await shot(popup, 'details');
    await popup.close();
  });

  it('bob, in his own profile, sees it shared by alice and reveals the same client secret', async () => {
    bob = await launchFirefox();
    await signIn(bob, 'bob');
    const popup = await openPopup(bob);
    await findRow(popup, SECRET);
    expect(await rowText(popup, SECRET)).toContain('Alice Martins');
    await click(popup, 'button', `Actions for ${SECRET}`);
    const items = await popup.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].map((m) => m.innerText.trim()),
    );
    expect(items).toContain('View details');
    expect(items).not.toContain('Edit');
    expect(items).not.toContain('Share');
    await click(popup, '[role="menuitem"]', 'View details');
    await click(popup, 'button', 'Show');
    await popup.waitForFunction(() => /sk_demo_\w+/.test(document.body.innerText));
    expect((await bodyText(popup)).match(/sk_demo_\w+/)![0]).toBe(aliceValue);
    await popup.close();
  });

  it('the right-click handler: a selected name opens who has access in the extension’s window', async () => {
    type Hook = { __vaultshareTest: { handleSelection(kind: string, text: string): Promise<string> } };
    const hash = await alice.options.evaluate(async (name) => {
      // The menu's own listener calls this with the selection; a headless browser has no menu to click.
      const b = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Promise<Hook> } } }).browser;
      return (await b.extension.getBackgroundPage()).__vaultshareTest.handleSelection('access', name);
    }, SECRET);
    expect(hash).toMatch(/^#\/access\//);
    // It opens in the toolbar popup, which WebDriver BiDi cannot see, or in a small window: either way
    // it is one of the extension's views, and the options page can read it.
    const text = await alice.options.waitForFunction(
      (h, names) => {
        type Views = { extension: { getViews(): Window[] } };
        const view = (globalThis as unknown as { browser: Views }).browser.extension
          .getViews()
          .find((w) => w.location.hash === h);
        const seen = view?.document.body.innerText ?? '';
        return names.every((n) => seen.includes(n)) && seen;
      },
      { timeout: 30_000, polling: 200 },
      hash,
      [SECRET, 'Alice Martins', 'Security', 'Bob Silva'],
    );
    expect(await text.jsonValue()).toContain('Users with access to information');
  });
});
