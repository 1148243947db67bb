import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp } from './app';
import { menusApi, rebuildMenus } from './menus';
import { onInstalled } from './onboarding';

// Synchronous on purpose: a service worker woken by an event only delivers it to listeners registered
// during its first turn. Start-up work is the app's one `ready` promise, awaited inside each handler.
export default defineBackground(() => {
  const app = createBackgroundApp();
  browser.runtime.onInstalled.addListener(onInstalled);
  browser.runtime.onMessage.addListener(app.onMessage);
  browser.runtime.onConnect.addListener((port) => {
    if (app.hub.attach(port)) void app.ready.then(() => app.session.touch());
  });
  browser.alarms.onAlarm.addListener((alarm) => void app.onAlarm(alarm.name));
  browser.idle.onStateChanged.addListener((state) => void app.onIdleState(state));
  menusApi().onClicked.addListener((info) => void app.onMenuClick(info.menuItemId, info.selectionText));
  rebuildMenus().catch((e: unknown) => console.warn('Vaultshare: could not create the context menu items', e));
  // The end-to-end test drives the menu's own handler here (a headless browser has no context menu to
  // click). Only in the build made for it: the flag is a build-time constant, so the product has no trace.
  if (__VAULTSHARE_TEST_HOOK__)
    (globalThis as { __vaultshareTest?: unknown }).__vaultshareTest = { handleSelection: app.handleSelection };
});
