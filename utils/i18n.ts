import { browser } from 'wxt/browser';
import type catalogue from '@/public/_locales/en/messages.json';

/** A key of the message catalogue; the English file is the reference every locale follows. */
export type MessageKey = keyof typeof catalogue;

/**
 * The text of a catalogue message in the browser's language, with `$1`… substitutions. Every string a
 * user reads goes through here, so adding a locale is adding a `_locales/<lang>/messages.json`.
 * A missing message shows its key rather than nothing, so the gap is visible.
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

let rules: Intl.PluralRules | undefined;

/** The language the catalogue answers in; the runtime's default where the browser cannot say (tests). */
function uiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A counted phrase ("1 user", "3 users"). The catalogue format has no plurals, so each phrase is two
 * messages, the `one` form and the `other` form, chosen by the UI language's plural rules; languages with
 * more forms than English fall back to `other` until their catalogue needs more keys.
 */
export function tCount(n: number, one: MessageKey, other: MessageKey): string {
  rules ??= new Intl.PluralRules(uiLanguage());
  return t(rules.select(n) === 'one' ? one : other, n);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A timestamp as people read it: the time alone when it is today, date and time otherwise. */
export function formatWhen(iso: string, now = new Date()): string {
  const when = new Date(iso);
  return when.toDateString() === now.toDateString() ? timeOnly.format(when) : dateTime.format(when);
}
