import { browser } from 'wxt/browser';

/**
 * A new user's first stop: the options page, where they sign in or enroll. Opened once, on install (not
 * on updates or browser restarts).
 */
export function onInstalled({ reason }: { reason: string }): void {
  if (reason === 'install') void browser.runtime.openOptionsPage();
}
