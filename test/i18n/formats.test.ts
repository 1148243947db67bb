import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** The i18n module as a browser whose interface language is `lang` would load it. */
async function inLanguage(lang: string) {
  vi.resetModules();
  fakeBrowser.i18n.getUILanguage = () => lang;
  return import('@/utils/i18n');
}

describe('numbers, plurals and dates follow the browser language', { timeout: 30_000 }, () => {
  beforeEach(() => vi.useRealTimers());

  it.each([
    ['en-US', '10,000 API secrets shown'],
    ['pt-BR', '10.000 API secrets shown'],
    ['de-DE', '10.000 API secrets shown'],
  ])('%s writes 10000 as in "%s"', async (lang, text) => {
    const { tCount } = await inLanguage(lang);
    expect(tCount(10_000, 'resultCountOne', 'resultCountOther')).toBe(text);
  });

  it('picks the form by the language’s plural rules: Portuguese counts 0 as one, English does not', async () => {
    expect((await inLanguage('en')).tCount(0, 'accessUsersOne', 'accessUsersOther')).toBe('0 users');
    expect((await inLanguage('pt-BR')).tCount(0, 'accessUsersOne', 'accessUsersOther')).toBe('0 user');
    expect((await inLanguage('es')).tCount(1, 'accessUsersOne', 'accessUsersOther')).toBe('1 user');
    expect((await inLanguage('es')).tCount(2, 'accessUsersOne', 'accessUsersOther')).toBe('2 users');
  });

  it('writes dates in the browser language', async () => {
    const iso = '2026-03-05T14:07:00Z';
    const pt = (await inLanguage('pt-BR')).formatWhen(iso, new Date('2027-01-01'));
    const en = (await inLanguage('en-US')).formatWhen(iso, new Date('2027-01-01'));
    expect(pt).toMatch(/5 de mar\.? de 2026/);
    expect(en).toMatch(/Mar 5, 2026/);
  });
});
