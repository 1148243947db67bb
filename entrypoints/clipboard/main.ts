import { browser } from 'wxt/browser';
import { CLEAR_MESSAGE, clearWithCopyCommand } from '@/utils/clipboard/clear';

// Chrome's offscreen page for the worker (which has no document): it clears the clipboard when asked and
// is closed right after. Only the worker sends this message; other senders are ignored.
browser.runtime.onMessage.addListener((message: unknown, sender) => {
  const m = message as Partial<typeof CLEAR_MESSAGE> | undefined;
  if (m?.channel !== CLEAR_MESSAGE.channel || sender.id !== browser.runtime.id) return undefined;
  return Promise.resolve(clearWithCopyCommand(document));
});
