import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/utils/i18n';
import type { SelectionKind } from '@/utils/popup-route';

/** The right-click items, one per thing the user can ask of a selection. */
export const MENU_ITEMS: readonly { id: string; kind: SelectionKind; title: MessageKey }[] = [
  { id: 'vaultshare:share', kind: 'share', title: 'menuShare' },
  { id: 'vaultshare:access', kind: 'access', title: 'menuAccess' },
];

type MenusApi = {
  removeAll(): Promise<void>;
  create(props: { id: string; title: string; contexts: ['selection'] }, callback?: () => void): unknown;
  onClicked: { addListener(cb: (info: { menuItemId: string | number; selectionText?: string }) => void): void };
};

/** `menus` in Firefox (its own name, with more features), `contextMenus` in Chrome. */
export function menusApi(): MenusApi {
  const b = browser as unknown as { menus?: MenusApi; contextMenus?: MenusApi };
  return (b.menus ?? b.contextMenus)!;
}

/** Which action a clicked menu item stands for; undefined for items that are not ours. */
export const kindOfMenu = (menuItemId: string | number): SelectionKind | undefined =>
  MENU_ITEMS.find((m) => m.id === menuItemId)?.kind;

/**
 * Creates the items on a text selection. Remove all first, at every worker start: Chrome keeps items
 * across worker restarts and reports a duplicate id on a second `create`, while Firefox drops them
 * when the background restarts; removing then creating is right in both.
 */
export async function rebuildMenus(api: MenusApi = menusApi()): Promise<void> {
  await api.removeAll();
  for (const item of MENU_ITEMS) {
    // `create` answers through a callback; reading lastError there keeps Chrome from logging it unchecked.
    api.create({ id: item.id, title: t(item.title), contexts: ['selection'] }, () => void browser.runtime.lastError);
  }
}
