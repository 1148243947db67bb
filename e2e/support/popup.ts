import type { Page } from 'playwright-core';

/** The names of the rows the popup currently draws, in order. */
export function rowNames(page: Page): Promise<string[]> {
  return page.locator('[role="option"] .row__name').allTextContents();
}

/**
 * Every row of the (virtualised) list, name → visible text, collected by scrolling it from top to bottom
 * the way a user would: only the rows in view exist in the page at any moment.
 */
export async function collectRows(page: Page): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  const list = page.getByRole('listbox');
  await scrollList(page, 0);
  for (let last = -1; ;) {
    await page.waitForTimeout(50);
    for (const row of await page.getByRole('option').all()) {
      const name = await row.locator('.row__name').textContent();
      if (name) rows.set(name, await row.innerText());
    }
    const top = await list.evaluate((el) => {
      const scroller = el.closest<HTMLElement>('.vlist') ?? el;
      return (scroller.scrollTop += scroller.clientHeight);
    });
    if (top === last) return rows;
    last = top;
  }
}

/**
 * Scrolls the list to a position. The scroller is the box around the listbox (it also holds each row's
 * checkbox and actions button, which cannot live inside the listbox).
 */
export async function scrollList(page: Page, top: number): Promise<void> {
  await page
    .getByRole('listbox')
    .evaluate((el, y) => void ((el.closest<HTMLElement>('.vlist') ?? el).scrollTop = y), top);
}

/**
 * Everything the extension keeps in IndexedDB, read from one of its pages (same origin), as
 * `{ store: records[] }`.
 */
export function dumpIndexedDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const out: Record<string, unknown[]> = {};
    for (const info of dbs) {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      for (const name of db.objectStoreNames) {
        out[`${info.name}/${name}`] = await new Promise((ok) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => ok(r.result);
        });
      }
      db.close();
    }
    return out;
  });
}

type StorageArea = { get(): Promise<Record<string, unknown>> };

/** One of the extension's `browser.storage` areas, read from one of its pages. */
export function dumpStorage(page: Page, area: 'local' | 'session'): Promise<Record<string, unknown>> {
  return page.evaluate(
    (a) => (globalThis as unknown as { chrome: { storage: Record<string, StorageArea> } }).chrome.storage[a]!.get(),
    area,
  );
}
