import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp } from './app';

// Synchronous on purpose: a service worker woken by an event only delivers it to listeners registered
// during its first turn. Start-up work is the app's one `ready` promise, awaited inside each handler.
export default defineBackground(() => {
  const app = createBackgroundApp();
  browser.runtime.onMessage.addListener(app.onMessage);
  browser.runtime.onConnect.addListener((port) => {
    if (app.hub.attach(port)) void app.ready.then(() => app.session.touch());
  });
  browser.alarms.onAlarm.addListener((alarm) => void app.onAlarm(alarm.name));
  browser.idle.onStateChanged.addListener((state) => void app.onIdleState(state));
});
