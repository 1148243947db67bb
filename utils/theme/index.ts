import { browser } from 'wxt/browser';

/** The choices of the options page: follow the system (the default), or always light, or always dark. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The `storage.local` key of the choice; every page of the extension follows it. */
export const THEME_KEY = 'theme';
/**
 * A copy in the pages' own `localStorage`, read synchronously before the first paint so a dark page never
 * flashes light while `storage.local` answers. `storage.local` stays the record (the worker can read it).
 */
const MIRROR_KEY = 'vaultshare.theme';

const isTheme = (v: unknown): v is Theme => THEMES.includes(v as Theme);

/** Puts the choice on `<html>`, where theme.css's `color-scheme` rules pick the light or dark colours. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    localStorage.setItem(MIRROR_KEY, theme);
  } catch {
    // No localStorage (a private window's policy): the page still follows storage.local, a moment later.
  }
}

/** The saved choice, `system` when there is none. */
export async function readTheme(): Promise<Theme> {
  const value = ((await browser.storage.local.get(THEME_KEY)) as Record<string, unknown>)[THEME_KEY];
  return isTheme(value) ? value : 'system';
}

/** Saves the choice; every open page of the extension applies it at once. */
export async function saveTheme(theme: Theme): Promise<void> {
  applyTheme(theme);
  await browser.storage.local.set({ [THEME_KEY]: theme });
}

/**
 * Applies the saved choice to this page and keeps following it. Call before the first render: the
 * synchronous copy is applied at once, then the record, then every change made in another page.
 */
export function followTheme(): () => void {
  let mirrored: unknown;
  try {
    mirrored = localStorage.getItem(MIRROR_KEY);
  } catch {
    mirrored = undefined;
  }
  if (isTheme(mirrored)) applyTheme(mirrored);
  void readTheme().then((theme) => applyTheme(theme));
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && THEME_KEY in changes)
      applyTheme(isTheme(changes[THEME_KEY]!.newValue) ? (changes[THEME_KEY]!.newValue as Theme) : 'system');
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
