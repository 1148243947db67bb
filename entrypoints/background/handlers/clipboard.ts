import { CLIPBOARD_ALARM, scheduleClipboardClear } from '@/utils/clipboard/clear';
import { clearClipboardFromWorker } from '@/utils/clipboard/offscreen';
import type { ClipboardProtocol, Handlers } from '@/utils/messaging';

/** A copied client secret is cleared from the clipboard by an alarm, even once the page is gone. */
export function createClipboardHandlers(): Handlers<ClipboardProtocol> {
  return { clearClipboardSoon: () => scheduleClipboardClear() };
}

/** The clipboard's alarm fired: clear it (through Chrome's offscreen page where the worker has no document). */
export async function onClipboardAlarm(name: string): Promise<void> {
  if (name === CLIPBOARD_ALARM) await clearClipboardFromWorker();
}
