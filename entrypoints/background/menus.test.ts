import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { kindOfMenu, menusApi, rebuildMenus } from './menus';

/** fake-browser has no context menus: a stand-in that behaves like Chrome's (duplicate ids are errors). */
function chromeMenus() {
  const items = new Map<string, unknown>();
  const log: string[] = [];
  return {
    items,
    log,
    removeAll: vi.fn(async () => (log.push('removeAll'), items.clear())),
    create: vi.fn((props: { id: string }) => {
      log.push(`create ${props.id}`);
      if (items.has(props.id)) throw new Error(`Cannot create item with duplicate id ${props.id}`);
      items.set(props.id, props);
    }),
    onClicked: { addListener: vi.fn() },
  };
}

describe('context menus', () => {
  it('removes every item, then creates both on a text selection', async () => {
    const api = chromeMenus();
    await rebuildMenus(api);
    expect(api.log).toEqual(['removeAll', 'create vaultshare:share', 'create vaultshare:access']);
    expect([...api.items.values()]).toEqual([
      { id: 'vaultshare:share', title: 'Share API secret…', contexts: ['selection'] },
      { id: 'vaultshare:access', title: 'Who has access?', contexts: ['selection'] },
    ]);
  });

  it('survives a second worker start without duplicate ids', async () => {
    const api = chromeMenus();
    await rebuildMenus(api);
    await expect(rebuildMenus(api)).resolves.toBeUndefined();
    expect(api.items.size).toBe(2);
  });

  it('uses Firefox’s `menus` where it exists, `contextMenus` otherwise', () => {
    const chrome = chromeMenus();
    const firefox = chromeMenus();
    // Chrome's types (wxt 0.21.4's `browser`) have no `menus`: Firefox's namespace is looked up by name.
    const namespaces = fakeBrowser as unknown as { menus?: unknown; contextMenus?: unknown };
    const real = { menus: namespaces.menus, contextMenus: namespaces.contextMenus };
    try {
      Object.assign(fakeBrowser, { menus: undefined, contextMenus: chrome });
      expect(menusApi()).toBe(chrome);
      Object.assign(fakeBrowser, { menus: firefox });
      expect(menusApi()).toBe(firefox);
    } finally {
      Object.assign(fakeBrowser, real); // fake-browser resets every namespace it started with
    }
  });

  it.each([
    ['vaultshare:share', 'share'],
    ['vaultshare:access', 'access'],
    ['someone-else', undefined],
    [7, undefined],
  ])('item %j stands for %j', (id, kind) => expect(kindOfMenu(id)).toBe(kind));
});
