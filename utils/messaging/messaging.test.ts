import { answerLikeChrome } from '@/test/answer-like-chrome';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { VaultError } from '@/utils/vault/errors';
import {
  EVENTS_PORT,
  createEventHub,
  createMessageListener,
  isOwnPage,
  sendMessage,
  type Handlers,
  type VaultEvent,
} from '.';

const own = () =>
  ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') }) as Browser.runtime.MessageSender;
const handlers = {
  getStatus: () => ({ state: 'signedOut' }),
  lock: () => Promise.reject(new VaultError('signed_out')),
} as unknown as Handlers;

function port(sender = own()) {
  const seen: VaultEvent[] = [];
  let disconnect = () => undefined as void;
  const p = {
    name: EVENTS_PORT,
    sender,
    postMessage: (e: VaultEvent) => seen.push(e),
    onDisconnect: { addListener: (f: () => void) => (disconnect = f) },
  };
  return { p: p as unknown as Browser.runtime.Port, seen, disconnect: () => disconnect() };
}

describe('messaging', () => {
  it('delivers a request to its handler and the answer back to the page', async () => {
    const listener = createMessageListener(handlers);
    fakeBrowser.runtime.onMessage.addListener(answerLikeChrome((m) => listener(m, own())));
    expect(await sendMessage('getStatus')).toEqual({ state: 'signedOut' });
  });

  it('turns a handler’s failure into the same VaultError on the page', async () => {
    const listener = createMessageListener(handlers);
    fakeBrowser.runtime.onMessage.addListener(answerLikeChrome((m) => listener(m, own())));
    const error = await sendMessage('lock').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('signed_out');
  });

  it('waits for the worker to be ready before handling', async () => {
    const order: string[] = [];
    const listener = createMessageListener(
      { getStatus: () => (order.push('handled'), 'x') } as unknown as Handlers,
      async () => void order.push('ready'),
    );
    await listener({ channel: 'vaultshare', type: 'getStatus' }, own());
    expect(order).toEqual(['ready', 'handled']);
  });

  it('answers an unknown request type without throwing', async () => {
    expect(await createMessageListener(handlers)({ channel: 'vaultshare', type: 'nope' }, own())).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it.each([
    ['the options page', own(), true],
    ['a web page', { id: fakeBrowser.runtime.id, url: 'https://example.com/' }, false],
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }, false],
    ['no sender', undefined, false],
  ])('isOwnPage: %s → %s', (_what, sender, expected) =>
    expect(isOwnPage(sender as Browser.runtime.MessageSender)).toBe(expected),
  );

  it('broadcasts events to open pages until they disconnect', () => {
    const hub = createEventHub();
    const a = port();
    const b = port();
    hub.attach(a.p);
    hub.attach(b.p);
    hub.broadcast({ type: 'status', status: { state: 'signedOut' } });
    a.disconnect();
    hub.broadcast({ type: 'status', status: { state: 'signedOut' } });
    expect([a.seen.length, b.seen.length]).toEqual([1, 2]);
  });
});
