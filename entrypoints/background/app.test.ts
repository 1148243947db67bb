import { answerLikeChrome } from '@/test/answer-like-chrome';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { fakeVault, TEST_ITERATIONS, type FakeVault } from '@/test/fake-vault';
import { secret } from '@/test/fixtures';
import { openCache, readSnapshot } from '@/utils/cache';
import { EVENTS_PORT, sendMessage, type VaultEvent } from '@/utils/messaging';
import { AUTO_LOCK_ALARM } from '@/utils/session';
import { SYNC_ALARM } from './alarms';
import { createBackgroundApp } from './app';

const SERVER = 'https://vault.example';
const PASSWORD = 'correct horse battery staple';
const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
let vault: FakeVault;
let clock: number;

function start() {
  const app = createBackgroundApp({
    createClient: vault.createClient,
    hasAccess: async () => true,
    floor: { minIterations: TEST_ITERATIONS },
    now: () => clock,
  });
  // fake-browser delivers messages without a sender; the real browser says which page sent it.
  fakeBrowser.runtime.onMessage.addListener(answerLikeChrome((m) => app.onMessage(m, ownPage())));
  return app;
}
function fakePort(sender: Browser.runtime.MessageSender = ownPage()) {
  const events: VaultEvent[] = [];
  const port = {
    name: EVENTS_PORT,
    sender,
    postMessage: (e: VaultEvent) => events.push(e),
    onDisconnect: { addListener: vi.fn() },
  };
  return { port: port as unknown as Browser.runtime.Port, events };
}
const signIn = () => sendMessage('signIn', { serverUrl: SERVER, username: 'alice', password: PASSWORD });
/** Lets the sync started after sign-in finish (one more pass queues after it), however slow the machine. */
const settle = (app: ReturnType<typeof start>) => app.engine.run();

beforeEach(async () => {
  vault = fakeVault();
  clock = Date.parse('2025-03-01T09:00:00Z');
  await vault.addUser('alice', PASSWORD, 'Alice Example');
  vault.state.secrets = [secret({ name: 'Payments API' }), secret({ name: 'Maps API', shared: true })];
});

describe('background worker', () => {
  it('signs in from a page, tells open pages, and fills the cache', async () => {
    const app = start();
    const { port, events } = fakePort();
    expect(app.hub.attach(port)).toBe(true);
    expect(await signIn()).toMatchObject({ state: 'unlocked' });
    // (the value index's progress comes too: right-click.test.ts follows it)
    await vi.waitFor(() =>
      expect(events.map((e) => e.type).filter((type) => type !== 'valueIndex')).toEqual(['status', 'synced']),
    );
    expect((await readSnapshot(await openCache())).secrets.map((s) => s.name).sort()).toEqual([
      'Maps API',
      'Payments API',
    ]);
  });

  it('answers a failed request with an error the page can word', async () => {
    start();
    await expect(
      sendMessage('signIn', { serverUrl: SERVER, username: 'alice', password: 'wrong' }),
    ).rejects.toMatchObject({ name: 'VaultError', code: 'invalid_credentials' });
  });

  it.each([
    ['a content script on a web page', { id: 'test-extension-id', url: 'https://evil.example/', tab: { id: 3 } }],
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' }],
    ['an unknown sender', {}],
  ])('refuses messages from %s', async (_who, sender) => {
    const app = start();
    await signIn();
    const reply = await app.onMessage(
      { channel: 'vaultshare', type: 'signOut' },
      sender as Browser.runtime.MessageSender,
    );
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(app.session.status().state).toBe('unlocked');
    expect(app.hub.attach(fakePort(sender as Browser.runtime.MessageSender).port)).toBe(false);
  });

  it('ignores messages that are not part of its protocol', () => {
    expect(start().onMessage({ hello: 'world' }, ownPage())).toBeUndefined();
  });

  it('syncs on its periodic alarm, created once', async () => {
    const app = start();
    await app.ready;
    const alarm = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(alarm?.periodInMinutes).toBe(5);
    await signIn();
    await settle(app);
    vault.state.secrets = [...vault.state.secrets, secret({ name: 'Added elsewhere' })];
    await app.onAlarm(SYNC_ALARM);
    expect((await readSnapshot(await openCache())).secrets).toHaveLength(3);
  });

  it('locks on the auto-lock alarm after 15 idle minutes, and when the screen locks', async () => {
    const app = start();
    await signIn();
    clock += 15 * 60_000;
    await app.onAlarm(AUTO_LOCK_ALARM);
    expect(app.session.status()).toMatchObject({ state: 'locked', reason: 'idle' });
    await sendMessage('unlock', { password: PASSWORD });
    await app.onIdleState('locked');
    expect(app.session.status().state).toBe('locked');
  });

  it('counts every message as activity for auto-lock', async () => {
    const app = start();
    await signIn();
    clock += 10 * 60_000;
    await sendMessage('getStatus');
    clock += 10 * 60_000;
    await app.onAlarm(AUTO_LOCK_ALARM);
    expect(app.session.status().state).toBe('unlocked');
  });

  it('locks with "session expired" when a sync finds the session gone', async () => {
    const app = start();
    await signIn();
    await settle(app);
    vault.expireSessions();
    expect(await sendMessage('sync')).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    await vi.waitFor(() => expect(app.session.status()).toMatchObject({ state: 'locked', reason: 'session_expired' }));
  });

  it('saves the auto-lock setting', async () => {
    start();
    await signIn();
    expect(await sendMessage('saveSettings', { autoLockMinutes: 5 })).toMatchObject({ autoLockMinutes: 5 });
    expect(await sendMessage('getSettings')).toMatchObject({ autoLockMinutes: 5, username: 'alice' });
  });
});
