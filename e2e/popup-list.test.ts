import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  grantHostPermission,
  launchWithExtension,
  openExtensionPage,
  type ExtensionBrowser,
} from './support/extension';
import { seriousA11yViolations } from './support/axe';
import { collectRows, dumpIndexedDb, dumpStorage, rowNames, scrollList } from './support/popup';
import { startDemoVault, type RunningVault } from './support/vault-server';

// What alice sees in the demo organisation: her own secrets and those bob and dave shared with her.
const ALICE_SHARED_YES = [
  'Stripe production',
  'GitHub Actions deploy bot',
  'PagerDuty events',
  'Twilio SMS',
  'Sentry releases',
];
const ALICE_SHARED_NO = ['Datadog metrics', 'Stripe test mode', 'AWS billing read-only'];
const SHARED_WITH_ALICE = ['Salesforce sandbox', 'Zendesk support', 'CrowdStrike Falcon'];

let vault: RunningVault;
let browser: ExtensionBrowser;

beforeAll(async () => {
  vault = await startDemoVault();
  browser = await launchWithExtension();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await vault?.cleanup();
});

async function signInAsAlice(): Promise<Page> {
  const alice = vault.users.find((u) => u.username === 'alice')!;
  const options = await openExtensionPage(browser, 'options.html');
  await grantHostPermission(browser, vault.url);
  await options.getByLabel('Vault server').fill(vault.url);
  await options.getByLabel('Username').fill('alice');
  await options.getByLabel('Password').fill(alice.password);
  await options.screenshot({ path: join(ARTIFACTS_DIR, 'options-sign-in.png') });
  expect(await seriousA11yViolations(options)).toEqual([]);
  await options.getByRole('button', { name: 'Sign in' }).click();
  await options.getByRole('heading', { name: `Signed in as ${alice.name}` }).waitFor({ timeout: 30_000 });
  return options;
}

describe('popup list against a real vault server', () => {
  let options: Page;

  it('signs in through the options page', async () => {
    options = await signInAsAlice();
    expect(await options.getByText(vault.url).isVisible()).toBe(true);
    await options.screenshot({ path: join(ARTIFACTS_DIR, 'options-signed-in.png') });
  });

  it('lists the demo secrets with the right Shared values', async () => {
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.getByRole('option').first().waitFor();
    await popup.getByRole('button', { name: 'All 16' }).waitFor(); // 13 of hers, 3 shared with her
    const rows = await collectRows(popup);
    expect(rows.size).toBe(16);
    for (const name of [...ALICE_SHARED_YES, ...ALICE_SHARED_NO, ...SHARED_WITH_ALICE])
      expect(rows.has(name)).toBe(true);
    expect(rows.has('Cloudflare DNS')).toBe(false); // carol's, not shared with alice
    for (const name of ALICE_SHARED_YES) expect(rows.get(name)).toContain('Shared: Yes');
    for (const name of ALICE_SHARED_NO) expect(rows.get(name)).toContain('Shared: No');
    expect(rows.get('Salesforce sandbox')).toContain('Bob Silva');
    await scrollList(popup, 0);
    await popup.screenshot({ path: join(ARTIFACTS_DIR, 'popup-light.png') });
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: join(ARTIFACTS_DIR, 'popup-dark.png') });
    expect(await seriousA11yViolations(popup)).toEqual([]); // contrast in the dark theme too
    await popup.close();
  });

  it('narrows the list as the user types, and opens details with Enter', async () => {
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.getByRole('option').first().waitFor();
    await popup.getByRole('combobox', { name: 'Search API secrets' }).fill('stripe');
    await expect.poll(() => rowNames(popup)).toEqual(['Stripe production', 'Stripe test mode']);
    await popup.getByRole('combobox').fill('payments');
    await expect.poll(() => rowNames(popup)).toEqual(['Adyen payouts', 'Stripe production', 'Stripe test mode']); // by tag
    await popup.getByRole('button', { name: /^Shared with me/ }).click();
    await popup.getByRole('combobox').fill('');
    await expect.poll(() => rowNames(popup)).toEqual(SHARED_WITH_ALICE.slice().sort((a, b) => a.localeCompare(b)));
    await popup.getByRole('combobox').press('ArrowDown');
    await popup.getByRole('combobox').press('Enter');
    await popup.getByRole('heading', { name: 'Salesforce sandbox' }).waitFor();
    await popup.screenshot({ path: join(ARTIFACTS_DIR, 'popup-details.png') });
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('keeps nothing sensitive in IndexedDB or storage.local', async () => {
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.getByRole('option').first().waitFor();
    const idb = JSON.stringify(await dumpIndexedDb(popup));
    expect(idb).toContain('Stripe production');
    expect(idb).not.toMatch(/sk_demo_|clientSecret|encryptedPrivateKey|"token"/);
    const local = await dumpStorage(popup, 'local');
    expect(Object.keys(local).sort()).toEqual(['account', 'settings']);
    expect(JSON.stringify(local)).not.toMatch(/token|sk_demo_|"ct"|pkcs8/i);
    await popup.close();
  });

  it('still shows the list with the offline notice when the server is stopped', async () => {
    await vault.stop();
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.getByText('Adyen payouts', { exact: true }).waitFor();
    await popup.getByText('Offline — showing saved data').waitFor({ timeout: 20_000 });
    expect(await popup.getByText(/^Last synced /).isVisible()).toBe(true);
    expect((await collectRows(popup)).size).toBe(16);
    await scrollList(popup, 0);
    await popup.screenshot({ path: join(ARTIFACTS_DIR, 'popup-offline.png') });
    await popup.close();
  });

  it('locks from the popup, hiding the list, and unlocks offline with the password', async () => {
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.getByRole('button', { name: 'Lock' }).click();
    await popup.getByRole('heading', { name: 'Vault locked' }).waitFor();
    expect(await popup.getByRole('option').count()).toBe(0);
    await popup.screenshot({ path: join(ARTIFACTS_DIR, 'popup-locked.png') });
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.getByLabel('Password').fill('not her password');
    await popup.getByRole('button', { name: 'Unlock' }).click();
    expect(await popup.getByRole('alert').textContent()).toBe('Wrong password.');
    await popup.getByLabel('Password').fill(vault.users.find((u) => u.username === 'alice')!.password);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByText('Adyen payouts', { exact: true }).waitFor({ timeout: 20_000 });
    await popup.close();
  });

  it('signs out and leaves the extension’s IndexedDB empty', async () => {
    await options.bringToFront();
    await options.getByRole('button', { name: 'Sign out' }).click();
    await options.getByRole('heading', { name: 'Sign in to your vault' }).waitFor();
    await options.screenshot({ path: join(ARTIFACTS_DIR, 'options-signed-out.png') });
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.getByText('Sign in to Vaultshare').waitFor();
    const stores = await dumpIndexedDb(popup);
    expect(Object.keys(stores).length).toBeGreaterThan(0);
    expect(Object.values(stores).every((records) => records.length === 0)).toBe(true);
    expect(await dumpStorage(popup, 'session')).toEqual({});
    await popup.screenshot({ path: join(ARTIFACTS_DIR, 'popup-signed-out.png') });
    await popup.close();
  });
});
