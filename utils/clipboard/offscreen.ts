import { browser } from 'wxt/browser';
import { CLEAR_MESSAGE, CLIPBOARD_PAGE, clearWithCopyCommand } from './clear';

/** Chrome's offscreen API; absent from Firefox and from the polyfill's types. */
type Offscreen = {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
};

/**
 * Clears the clipboard from the worker when the alarm fires. Chrome's MV3 service worker has no document
 * and no clipboard, so it opens a short-lived offscreen page for it; Firefox's background page has a
 * document and does it itself.
 */
export async function clearClipboardFromWorker(): Promise<void> {
  const offscreen = (browser as unknown as { offscreen?: Offscreen }).offscreen;
  if (!offscreen) {
    if (typeof document !== 'undefined') clearWithCopyCommand(document);
    return;
  }
  if (!(await offscreen.hasDocument?.())) {
    await offscreen.createDocument({
      url: browser.runtime.getURL(CLIPBOARD_PAGE),
      reasons: ['CLIPBOARD'],
      justification: 'Clear a copied client secret from the clipboard after 30 seconds.',
    });
  }
  try {
    await browser.runtime.sendMessage(CLEAR_MESSAGE);
  } finally {
    await offscreen.closeDocument();
  }
}
