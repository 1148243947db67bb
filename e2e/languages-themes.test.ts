import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, openExtensionPage } from './support/extension';
import { seriousA11yViolations } from './support/axe';
import { catalogue } from './support/catalogue';
import { openPopup, signedInProfile } from './support/session';
import { startDemoVault, type RunningVault } from './support/vault-server';

// The share panel as a person reads it in each of the three languages, and the theme setting in both
// themes: every page follows the choice made in the options page, and stays accessible (contrast included).
const SECRET = 'Datadog metrics';
let vault: RunningVault;

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  vault = await startDemoVault();
});
afterAll(() => vault?.cleanup());

/** Opens the share panel of SECRET with bob (Can view) and the Security group (Can edit), in `lang`. */
async function sharePanel(popup: Page, lang: string) {
  const say = catalogue(lang);
  await popup.getByRole('combobox', { name: say('searchLabel') }).fill(SECRET);
  await popup.getByRole('option', { name: new RegExp(`^${SECRET}`) }).waitFor();
  await popup.getByRole('button', { name: say('actionsFor', SECRET) }).click();
  await popup.getByRole('menuitem', { name: say('actionShare') }).click();
  await popup.getByRole('heading', { name: say('shareTitle') }).waitFor();
  await popup.getByRole('button', { name: new RegExp(`^${say('internalCard')}`) }).click();
  const search = popup.getByRole('combobox', { name: say('recipientSearchLabel') });
  await search.fill('bob');
  await popup.getByRole('option', { name: /Bob Silva/ }).click();
  await search.fill('Secur');
  await popup.getByRole('option', { name: /Security/ }).click();
  await popup
    .getByRole('group', { name: /Security/ })
    .getByRole('checkbox', { name: say('canEdit') })
    .check();
  await popup.getByText(say('canEditWarning')).waitFor();
}

describe.each(['en', 'pt-BR', 'es'])('in %s', (lang) => {
  const say = catalogue(lang);

  it('the share panel speaks the language; theme choices apply to every page', async () => {
    const profile = await signedInProfile(vault, 'alice', lang);
    try {
      const popup = await openPopup(profile);
      await popup.getByRole('listbox', { name: say('listLabel') }).waitFor();
      // Each compact row's "who has access" is whole at 380 px in this language (the URL gives way).
      await popup.locator('.row__access-text').first().waitFor();
      const cut = await popup
        .locator('.row__access-text')
        .evaluateAll((all) => all.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
      expect(cut).toEqual([]);
      await popup.screenshot({ path: join(ARTIFACTS_DIR, `list-${lang}.png`) });
      await popup.emulateMedia({ colorScheme: 'dark' });
      await popup.screenshot({ path: join(ARTIFACTS_DIR, `list-${lang}-dark.png`) });
      await popup.emulateMedia({ colorScheme: 'light' });
      await sharePanel(popup, lang);
      expect(
        await popup
          .getByRole('group', { name: /Bob Silva/ })
          .getByRole('checkbox', { name: say('canView') })
          .isChecked(),
      ).toBe(true);
      await popup.screenshot({ path: join(ARTIFACTS_DIR, `share-panel-${lang}.png`) });
      expect(await seriousA11yViolations(popup, { contrastChecked: true })).toEqual([]);

      // Dark, chosen in the options page, even on a light system: the open popup follows at once.
      await popup.emulateMedia({ colorScheme: 'light' });
      const options = await openExtensionPage(profile, 'options.html');
      await options.getByRole('radio', { name: say('themeSystem') }).waitFor();
      expect(await options.getByRole('radio', { name: say('themeSystem') }).isChecked()).toBe(true);
      await options.getByRole('radio', { name: say('themeDark') }).check();
      await expect.poll(() => background(popup)).toBe('rgb(21, 23, 28)');
      expect(await background(options)).toBe('rgb(21, 23, 28)');
      await popup.screenshot({ path: join(ARTIFACTS_DIR, `share-panel-${lang}-dark.png`) });
      expect(await seriousA11yViolations(popup, { contrastChecked: true })).toEqual([]);
      expect(await seriousA11yViolations(options, { contrastChecked: true })).toEqual([]);

      // Remembered: a popup opened later starts dark.
      const later = await openPopup(profile);
      expect(await background(later)).toBe('rgb(21, 23, 28)');

      // Light, on a dark system.
      await later.emulateMedia({ colorScheme: 'dark' });
      await options.emulateMedia({ colorScheme: 'dark' });
      await options.getByRole('radio', { name: say('themeLight') }).check();
      await expect.poll(() => background(later)).toBe('rgb(255, 255, 255)');
      expect(await seriousA11yViolations(later, { contrastChecked: true })).toEqual([]);
      expect(await seriousA11yViolations(options, { contrastChecked: true })).toEqual([]);
      await options.getByRole('radio', { name: say('themeSystem') }).check();
      await expect.poll(() => background(later)).toBe('rgb(21, 23, 28)');
    } finally {
      await profile.close();
    }
  });
});

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
