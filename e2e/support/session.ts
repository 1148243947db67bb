import type { Page } from 'playwright-core';
import { grantHostPermission, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './extension';
import type { RunningVault } from './vault-server';
import { catalogue } from './catalogue';

/**
 * One person's browser profile with the extension, signed in to the vault through the options page, in
 * the browser language `lang` (English by default; the labels come from that language's catalogue).
 */
export async function signedInProfile(vault: RunningVault, username: string, lang = 'en'): Promise<ExtensionBrowser> {
  const person = vault.users.find((u) => u.username === username)!;
  const say = catalogue(lang);
  const browser = await launchWithExtension(undefined, lang === 'en' ? {} : { lang });
  await grantHostPermission(browser, vault.url);
  const options = await openExtensionPage(browser, 'options.html');
  await options.getByLabel(say('serverLabel')).fill(vault.url);
  await options.getByLabel(say('usernameLabel')).fill(username);
  await options.getByLabel(say('passwordLabel')).fill(person.password);
  await options.getByRole('button', { name: say('signIn') }).click();
  await options.getByRole('heading', { name: say('signedInAs', person.name) }).waitFor({ timeout: 30_000 });
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
