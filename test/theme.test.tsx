import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ThemeCard } from '@/components/ThemeCard';
import { densityNow, readDensity, saveDensity, watchDensity } from '@/utils/density';
import { followTheme, readTheme, saveTheme, THEME_KEY, type Theme } from '@/utils/theme';

const html = document.documentElement;

beforeEach(() => {
  delete html.dataset.theme;
  localStorage.clear();
});

describe('theme setting', () => {
  it('offers System, Light and Dark, System by default', async () => {
    render(
      <ThemeCard theme={await readTheme()} onChange={() => undefined} density="compact" onDensity={() => undefined} />,
    );
    const group = screen.getByRole('group', { name: 'Theme' });
    expect(group.textContent).toContain('Same as the system');
    expect((screen.getByRole('radio', { name: 'Same as the system' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('radio', { name: 'Light' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Dark' })).toBeTruthy();
    expect(html.dataset.theme).toBeUndefined();
  });

  it('applies a choice at once and remembers it for every page', async () => {
    let chosen: Theme | undefined;
    render(
      <ThemeCard
        theme="system"
        onChange={(t) => void saveTheme((chosen = t))}
        density="compact"
        onDensity={() => undefined}
      />,
    );
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(chosen).toBe('dark');
    expect(html.dataset.theme).toBe('dark');
    expect(await fakeBrowser.storage.local.get(THEME_KEY)).toEqual({ [THEME_KEY]: 'dark' });

    // Another page opening later starts dark before anything else is read.
    delete html.dataset.theme;
    const stop = followTheme();
    expect(html.dataset.theme).toBe('dark');
    stop();
  });

  it('follows a choice made in another page, and back to the system', async () => {
    const stop = followTheme();
    await fakeBrowser.storage.local.set({ [THEME_KEY]: 'light' });
    await until(() => html.dataset.theme === 'light');
    await fakeBrowser.storage.local.set({ [THEME_KEY]: 'system' });
    await until(() => html.dataset.theme === undefined);
    stop();
  });
});

async function until(ok: () => boolean) {
  for (let i = 0; i < 50 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}

describe('row density setting', () => {
  it('offers compact (the default) and roomy, remembers the choice, and a popup follows it', async () => {
    expect(await readDensity()).toBe('compact');
    expect(densityNow()).toBe('compact');
    const seen: string[] = [];
    const stop = watchDensity((d) => seen.push(d));
    render(
      <ThemeCard theme="system" onChange={() => undefined} density="compact" onDensity={(d) => void saveDensity(d)} />,
    );
    const group = screen.getByRole('group', { name: 'Rows in the list' });
    expect((screen.getByRole('radio', { name: /^Compact/ }) as HTMLInputElement).checked).toBe(true);
    expect(group.textContent).toContain('Roomy: also tags, owner and status');
    await userEvent.click(screen.getByRole('radio', { name: /^Roomy/ }));
    await until(() => seen.includes('roomy'));
    expect(await readDensity()).toBe('roomy');
    expect(densityNow()).toBe('roomy'); // the next popup draws its first frame roomy
    stop();
  });
});
