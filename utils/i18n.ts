import { browser } from 'wxt/browser';
import type catalogue from '@/public/_locales/en/messages.json';

/** A key of the message catalogue; the English file is the reference every locale follows. */
export type MessageKey = keyof typeof catalogue;

/** The language the catalogue answers in; the runtime's default where the browser cannot say (tests). */
function uiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    return undefined;
  }
}

// Built on first use, not at import: WXT imports entrypoints in Node at build time, where there is no browser.
let formats:
  | {
      plural: Intl.PluralRules;
      number: Intl.NumberFormat;
      dateTime: Intl.DateTimeFormat;
      time: Intl.DateTimeFormat;
      day: Intl.RelativeTimeFormat;
    }
  | undefined;

/** Plural rules, numbers and dates in the same language as the words around them. */
function localeFormats() {
  const lang = uiLanguage();
  formats ??= {
    plural: new Intl.PluralRules(lang),
    number: new Intl.NumberFormat(lang),
    dateTime: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }),
    time: new Intl.DateTimeFormat(lang, { timeStyle: 'short' }),
    day: new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }),
  };
  return formats;
}

/**
 * The text of a catalogue message in the browser's language, with `$1`… substitutions; numbers are written
 * the way the language writes them ("10,000", "10.000"). Every string a user reads goes through here, so
 * adding a locale is adding a `_locales/<lang>/messages.json`. A missing message shows its key rather than
 * nothing, so the gap is visible.
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const text = subs.map((s) => (typeof s === 'number' ? localeFormats().number.format(s) : s));
  return browser.i18n.getMessage(key, text) || key;
}

/**
 * A counted phrase ("1 user", "3 users"). The catalogue format has no plurals, so each phrase is two
 * messages, `<name>One` and `<name>Other`, chosen by the UI language's plural rules (Portuguese counts 0 as
 * "one"; forms beyond these two, like Spanish's "many" for round millions, read correctly as `other`).
 * Never build a plural by choosing words or adding an "s" in code: test/i18n/catalogue.test.ts looks for it.
 * `more` fills `$2`… of both messages.
 */
export function tCount(n: number, one: MessageKey, other: MessageKey, ...more: string[]): string {
  return t(localeFormats().plural.select(n) === 'one' ? one : other, n, ...more);
}

/** A timestamp as people read it: the time alone when it is today, date and time otherwise. */
export function formatWhen(iso: string, now = new Date()): string {
  const when = new Date(iso);
  return when.toDateString() === now.toDateString()
    ? localeFormats().time.format(when)
    : localeFormats().dateTime.format(when);
}

/**
 * A recent moment as people say it: the time alone today, "Yesterday" (in the UI language, capitalised to
 * open a line), the date and time before that.
 */
export function formatRecent(iso: string, now = new Date()): string {
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (new Date(iso).toDateString() !== yesterday.toDateString()) return formatWhen(iso, now);
  const word = localeFormats().day.format(-1, 'day');
  return word.charAt(0).toLocaleUpperCase(uiLanguage()) + word.slice(1);
}
