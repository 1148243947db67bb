import type { Page } from 'playwright-core';
import { grantHostPermission, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './extension';
import type { RunningVault } from './vault-server';

/** One person's browser profile with the extension, signed in to the vault through the options page. */
export async function signedInProfile(vault: RunningVault, username: string): Promise<ExtensionBrowser> {
  const person = vault.users.find((u) => u.username === username)!;
  const browser = await launchWithExtension();
  await grantHostPermission(browser, vault.url);
  const options = await openExtensionPage(browser, 'options.html');
  await options.getByLabel('Vault server').fill(vault.url);
  await options.getByLabel('Username').fill(username);
  await options.getByLabel('Password').fill(person.password);
  await options.getByRole('button', { name: 'Sign in' }).click();
  await options.getByRole('heading', { name: `Signed in as ${person.name}` }).waitFor({ timeout: 30_000 });
  await options.close();
  return browser;
}

/** The popup (in a tab of the popup's size), its list drawn. */
export async function openPopup(browser: ExtensionBrowser): Promise<Page> {
  const popup = await openExtensionPage(browser, 'popup.html');
  await popup.getByRole('option').first().waitFor({ timeout: 20_000 });
  return popup;
}

/** Narrows the list to one secret by name and returns its row. */
export async function findRow(popup: Page, name: string) {
  await popup.getByRole('combobox', { name: 'Search API secrets' }).fill(name);
  const row = popup.getByRole('option', { name: new RegExp(`^${name}`) });
  await row.waitFor();
  return row;
}
