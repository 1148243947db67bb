import { browser } from 'wxt/browser';
import { CLIPBOARD_CLEAR_MS } from '@/utils/config';

/** The alarm that clears the clipboard when the page that copied is gone (alarms wake a sleeping worker). */
export const CLIPBOARD_ALARM = 'vaultshare:clipboard';

/** The offscreen page (Chrome) that may touch the clipboard on the worker's behalf. */
export const CLIPBOARD_PAGE = '/clipboard.html';

/** The message the worker sends that page. */
export const CLEAR_MESSAGE = { channel: 'vaultshare-clipboard', type: 'clear' } as const;

/**
 * Empties the clipboard from a page that has a document: a `copy` command whose handler puts an empty
 * string there. Unlike `navigator.clipboard`, this works in a document without focus (an offscreen page,
 * Firefox's background page), given the `clipboardWrite` permission.
 * @returns whether the browser ran the command
 */
export function clearWithCopyCommand(doc: Document): boolean {
  const onCopy = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', '');
    e.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}

/** Sets the alarm; a second copy before it fires moves it, so each copy gets its full 30 seconds. */
export async function scheduleClipboardClear(now = Date.now()): Promise<void> {
  await browser.alarms.create(CLIPBOARD_ALARM, { when: now + CLIPBOARD_CLEAR_MS });
}
