import { sendMessage } from '@/utils/messaging';
import { CLIPBOARD_CLEAR_MS } from '@/utils/config';

/**
 * Copies text from a page. A client secret is cleared 30 seconds later twice over: by this page if it is
 * still open (a popup usually is not), and by the worker's alarm otherwise. Clearing writes an empty
 * string without reading first: reading would need the clipboardRead permission.
 */
export async function copyText(text: string, sensitive: boolean): Promise<void> {
  await navigator.clipboard.writeText(text);
  if (!sensitive) return;
  setTimeout(() => void navigator.clipboard.writeText('').catch(() => undefined), CLIPBOARD_CLEAR_MS);
  await sendMessage('clearClipboardSoon').catch(() => undefined);
}
