import { browser } from 'wxt/browser';
import { VIEW_WINDOW } from '@/utils/config';
import { actionApi } from './action';

/**
 * Opens the popup on a given view (`#/share/<id>`…), in the toolbar popup where the browser allows an
 * extension to open it, otherwise in a small extension window. One window is reused, so repeated
 * right-clicks do not pile windows up.
 */
export function createViewOpener() {
  let last: { windowId: number; tabId: number } | undefined;

  /** The toolbar popup, pointed at the view for this one opening and then restored. */
  async function inToolbar(hash: string): Promise<boolean> {
    const action = actionApi();
    if (typeof action.openPopup !== 'function') return false;
    try {
      await action.setPopup({ popup: `popup.html${hash}` });
      await action.openPopup();
      return true;
    } catch {
      // No focused window, an older browser, or no user gesture left: the window below does the job.
      return false;
    } finally {
      await action.setPopup({ popup: 'popup.html' }).catch(() => undefined);
    }
  }

  async function inWindow(hash: string): Promise<void> {
    const url = browser.runtime.getURL(`/popup.html${hash}` as '/popup.html');
    if (last) {
      try {
        await browser.tabs.update(last.tabId, { url });
        await browser.windows.update(last.windowId, { focused: true });
        return;
      } catch {
        last = undefined; // the user closed it
      }
    }
    const win = await browser.windows.create({ type: 'popup', url, ...VIEW_WINDOW });
    const tabId = win?.tabs?.[0]?.id;
    if (win?.id !== undefined && tabId !== undefined) last = { windowId: win.id, tabId };
  }

  return {
    /** @returns where the view opened. */
    async open(hash: string): Promise<'popup' | 'window'> {
      if (await inToolbar(hash)) return 'popup';
      await inWindow(hash);
      return 'window';
    },
  };
}

export type ViewOpener = ReturnType<typeof createViewOpener>;
