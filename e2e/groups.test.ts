import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, openExtensionPage, type ExtensionBrowser } from './support/extension';
import { seriousA11yViolations } from './support/axe';
import { findRow, openPopup, signedInProfile } from './support/session';
import { startDemoVault, type RunningVault } from './support/vault-server';

// Issue 13's story in two browser profiles against one real vault server (the demo organisation): alice
// makes the private group "Release managers" with bob, shares an API secret with it from the share panel,
// bob opens it; alice removes bob (who loses it after his sync) and disables the group (gone from search).
const SECRET = 'Stripe test mode';
const GROUP = 'Release managers';

let vault: RunningVault;
let alice: ExtensionBrowser;
let bob: ExtensionBrowser;
let value = '';
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
/** Both themes, each screenshot looked at, each page checked for serious accessibility violations. */
async function shots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(page, `${name}-${scheme}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  vault = await startDemoVault();
  alice = await signedInProfile(vault, 'alice');
  bob = await signedInProfile(vault, 'bob');
});
afterAll(async () => {
  await bob?.close();
  await alice?.close();
  await vault?.cleanup();
});

/** The share panel of one of alice's secrets, searching recipients. */
async function searchRecipients(popup: Page, secret: string, query: string) {
  await findRow(popup, secret);
  await popup.getByRole('button', { name: `Actions for ${secret}` }).click();
  await popup.getByRole('menuitem', { name: 'Share' }).click();
  await popup.getByRole('button', { name: /^Internal/ }).click();
  await popup.getByRole('combobox', { name: 'Search users or groups' }).fill(query);
}

/** The group's page, from the popup header's Groups button. */
async function openGroup(popup: Page) {
  await popup.getByRole('button', { name: 'Groups', exact: true }).click();
  await popup.getByRole('heading', { name: 'Groups', exact: true }).waitFor();
  await popup.getByRole('button', { name: new RegExp(`^${GROUP}`) }).click();
  await popup.getByRole('heading', { name: GROUP }).waitFor();
}

describe('private groups from the extension', () => {
  it('alice creates "Release managers" with bob from the Groups view', async () => {
    const popup = await openPopup(alice);
    await popup.getByRole('button', { name: 'Groups', exact: true }).click();
    await popup.getByRole('heading', { name: 'Groups', exact: true }).waitFor();
    // the demo's private group, which alice owns, and the user group she is in
    const demo = popup.getByRole('list', { name: 'Private groups' }).getByRole('button', { name: /^Payments on-call/ });
    expect(await demo.innerText()).toContain('Private group · 3 members · Enabled · Owner');
    await shots(popup, 'groups-1-list');

    await popup.getByRole('button', { name: 'New group' }).click();
    await popup.getByRole('heading', { name: 'New private group' }).waitFor();
    await popup.getByLabel('Name (required)').fill(GROUP);
    await popup.getByLabel('Description').fill('Who ships on Thursdays');
    const people = popup.getByRole('combobox', { name: 'Search people' });
    expect(await people.getAttribute('placeholder')).toBe('Name, username or email');
    await people.fill('bob');
    await popup.getByRole('option', { name: /Bob Silva/ }).click();
    await popup.getByRole('list', { name: 'Members' }).getByText('Bob Silva').waitFor();
    await shots(popup, 'groups-2-new');
    await popup.getByRole('button', { name: 'Save' }).click();

    await popup.getByRole('heading', { name: GROUP }).waitFor();
    expect(await popup.locator('.details__sub').innerText()).toBe('Private group · 1 member · Enabled · Owner');
    expect(await popup.getByRole('list', { name: 'Members' }).innerText()).toContain('Bob Silva');
    await shots(popup, 'groups-3-details');
    await popup.close();
  });

  it('the same name again is refused in words, next to the name', async () => {
    const popup = await openPopup(alice);
    await popup.getByRole('button', { name: 'Groups', exact: true }).click();
    await popup.getByRole('button', { name: 'New group' }).click();
    await popup.getByLabel('Name (required)').fill('release managers');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByText('You already have a private group with this name. Choose another one.').waitFor();
    expect(await popup.getByLabel('Name (required)').getAttribute('aria-invalid')).toBe('true');
    await popup.close();
  });

  it('alice finds it in the share panel by typing "Release" and shares with it', async () => {
    const popup = await openPopup(alice);
    await searchRecipients(popup, SECRET, 'Release');
    const option = popup.getByRole('option', { name: new RegExp(GROUP) });
    expect(await option.innerText()).toContain('Private group · 1 member');
    await shot(popup, 'groups-4-share-search');
    await option.click();
    await popup.getByRole('button', { name: 'Share', exact: true }).click();
    await popup.getByRole('heading', { name: 'Shared' }).waitFor();
    await popup.close();
  });

  it('bob sees the secret and opens it', async () => {
    const popup = await openPopup(bob);
    await popup.getByRole('combobox', { name: 'Search API secrets' }).fill(SECRET);
    const row = popup.getByRole('option', { name: new RegExp(`^${SECRET}`) });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await popup.getByRole('button', { name: 'Show' }).click();
    value = await popup.getByText(/^sk_demo_/).innerText();
    expect(value).toMatch(/^sk_demo_/);
    await popup.close();
  });

  it('alice removes bob, after a reminder naming the secret; bob loses it at his next sync', async () => {
    const popup = await openPopup(alice);
    await openGroup(popup);
    await popup.getByRole('button', { name: 'Remove Bob Silva from the group' }).click();
    const dialog = popup.getByRole('alertdialog', { name: `Remove Bob Silva from “${GROUP}”?` });
    await dialog.getByText(SECRET).waitFor();
    await shots(popup, 'groups-5-remove-confirm');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await popup.getByText('Bob Silva was removed from the group.').waitFor();
    expect(await popup.locator('.details__sub').innerText()).toContain('0 members');
    await popup.close();

    const bobs = await openPopup(bob);
    await bobs.getByRole('combobox', { name: 'Search API secrets' }).fill(SECRET);
    await bobs.getByText(`No API secret matches “${SECRET}”`).waitFor({ timeout: 20_000 });
    await bobs.close();
  });

  it('alice disables the group after a confirmation, and it leaves the share search', async () => {
    const popup = await openPopup(alice);
    await openGroup(popup);
    await popup.getByRole('button', { name: 'Disable' }).click();
    await popup.getByRole('alertdialog', { name: `Disable “${GROUP}”?` }).waitFor();
    await shots(popup, 'groups-6-disable-confirm');
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Disable' }).click();
    await popup.getByText('Group disabled.').waitFor();
    expect(await popup.locator('.details__sub').innerText()).toContain('Disabled');
    await popup.close();

    const share = await openPopup(alice);
    await searchRecipients(share, 'GitHub Actions deploy bot', 'Release');
    await share.getByText('No user or group matches “Release”').waitFor();
    await share.close();
  });

  it('the options page opens the Groups view', async () => {
    const options = await openExtensionPage(alice, 'options.html');
    await options.getByRole('button', { name: 'Open groups' }).waitFor();
    await shots(options, 'groups-7-options-card');
    const [tab] = await Promise.all([
      alice.context.waitForEvent('page'),
      options.getByRole('button', { name: 'Open groups' }).click(),
    ]);
    await tab.getByRole('heading', { name: 'Groups', exact: true }).waitFor();
    expect(await tab.getByRole('list', { name: 'Private groups' }).innerText()).toContain(GROUP);
    await options.close();
  });
});
