import { browser } from 'wxt/browser';
import { serverOriginPattern } from './server-url';

/**
 * Asks the user to let the extension talk to the vault server. Browsers only show the prompt during a user
 * gesture, so a page must call this first thing in its click or submit handler, before any other await.
 * @returns whether access is granted (already, or now)
 */
export function requestServerAccess(serverUrl: string): Promise<boolean> {
  return browser.permissions.request({ origins: [serverOriginPattern(serverUrl)] });
}

/** Whether the extension may contact the vault server; the worker checks before every sign-in. */
export function hasServerAccess(serverUrl: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [serverOriginPattern(serverUrl)] });
}
