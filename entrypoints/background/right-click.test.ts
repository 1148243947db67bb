import { answerLikeChrome } from '@/test/answer-like-chrome';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeVault, TEST_ITERATIONS, type FakeVault } from '@/test/fake-vault';
import { fakeValues } from '@/test/fake-values';
import { BOB, secret } from '@/test/fixtures';
import { openCache } from '@/utils/cache';
import type { SecretSummary } from '@/utils/contract';
import { SCROLL_QUIET_MS } from '@/utils/config';
import { sendMessage } from '@/utils/messaging';
import { parseRoute } from '@/utils/popup-route';
import type { VaultClient } from '@/utils/vault/client';
import { createBackgroundApp, type BackgroundApp } from './app';

const SERVER = 'https://vault.example';
const PASSWORD = 'correct horse battery staple';
const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
let vault: FakeVault;
let values: ReturnType<typeof fakeValues>;
let opened: string[];
let app: BackgroundApp;
let mine: SecretSummary;
/** Whether the values route hands out signed (VEP/2) grants. */
let signedGrants = false;

/** The fake vault, plus the values route answering for whoever is signed in. */
function createClient(serverUrl: string, getToken: () => string | undefined): VaultClient {
  const base = vault.createClient(serverUrl, getToken);
  return {
    call: (name, input) => {
      if (name !== 'secretValues') return base.call(name, input);
      const me = app.session.record()!.me;
      const signingKey = app.session.unlocked()?.me.signingKey;
      // Signed by the owner (VEP/2), as the server hands out grants made by a current client.
      const signer =
        signedGrants && signingKey && me.signingPublicKey
          ? {
              person: {
                id: me.id,
                name: me.name,
                username: me.username,
                signingPublicKey: me.signingPublicKey,
                role: 'owner' as const,
              },
              signingKey,
            }
          : undefined;
      return values.answer(
        (input?.body as { ids: string[] }).ids,
        { id: me.id, publicKey: me.publicKey },
        signer,
      ) as never;
    },
  };
}
function start() {
  app = createBackgroundApp({
    createClient,
    hasAccess: async () => true,
    floor: { minIterations: TEST_ITERATIONS },
    openView: async (hash) => void opened.push(hash),
    indexDelayMs: 0,
  });
  fakeBrowser.runtime.onMessage.addListener(answerLikeChrome((m) => app.onMessage(m, ownPage())));
  return app;
}
/** Lets the sync and the index build that follow a sign-in or an unlock finish. */
const settle = async () => {
  await app.engine.run();
  await app.rightClick.indexer.update({ full: false, secrets: [] });
};
const badgeText = () => fakeBrowser.action.getBadgeText({});
/** The value index as kept (sealed) in the cache across locks and worker restarts. */
const keptIndex = async () => (await openCache()).get('valueIndex', 'sealed');

beforeEach(async () => {
  signedGrants = false;
  vault = fakeVault();
  values = fakeValues();
  opened = [];
  await vault.addUser('alice', PASSWORD, 'Alice Example');
  mine = secret({ name: 'Payments API' });
  values.set(mine.id, 'sk_live_payments_0001');
  vault.state.secrets = [mine];
  start();
  await sendMessage('signIn', { serverUrl: SERVER, username: 'alice', password: PASSWORD });
  await settle();
});

describe('right-click in the worker', () => {
  it('indexes values after sign-in and opens the share panel for a selected client secret', async () => {
    expect(app.rightClick.indexer.size).toBe(1);
    expect(await app.handleSelection('share', ' sk_live_payments_0001 ')).toBe(`#/share/${mine.id}/internal`);
    expect(opened).toEqual([`#/share/${mine.id}/internal`]);
  });

  it('drops the index on lock; the action waits for the unlock and then finds the value', async () => {
    await sendMessage('lock');
    expect(app.rightClick.indexer.size).toBe(0);
    const route = parseRoute(await app.handleSelection('access', 'sk_live_payments_0001'));
    expect(route?.view).toBe('pending');
    const token = route?.view === 'pending' ? route.token : '';
    await expect(sendMessage('resumeSelection', { token })).rejects.toMatchObject({ code: 'locked' });
    await sendMessage('unlock', { password: PASSWORD });
    expect(await sendMessage('resumeSelection', { token })).toBe(`#/access/${mine.id}`);
  });

  it('re-indexes a value its owner changed, after the next sync', async () => {
    values.set(mine.id, 'sk_live_payments_0002', 2);
    vault.state.secrets = [{ ...mine, valueRevision: 2 }];
    await settle();
    expect(await app.handleSelection('share', 'sk_live_payments_0002')).toBe(`#/share/${mine.id}/internal`);
    expect(parseRoute(await app.handleSelection('share', 'sk_live_payments_0001'))?.view).toBe('no-match');
  });

  it('marks each signed grant it verified on this device, so an unsigned one sent later is refused', async () => {
    signedGrants = true;
    values.set(mine.id, 'sk_live_payments_0002', 2);
    vault.state.secrets = [{ ...mine, valueRevision: 2 }];
    await settle();
    expect(await app.handleSelection('share', 'sk_live_payments_0002')).toBe(`#/share/${mine.id}/internal`);
    expect(await (await openCache()).get('pins', `signed:secret:${mine.id}`)).toBeDefined();
    // The server now hands out an unsigned grant of the same secret: the value is not opened, so never matched.
    signedGrants = false;
    values.set(mine.id, 'sk_live_payments_0003', 3);
    vault.state.secrets = [{ ...mine, valueRevision: 3 }];
    await settle();
    expect(parseRoute(await app.handleSelection('share', 'sk_live_payments_0003'))?.view).toBe('no-match');
  });

  it('holds the index back while a page is being scrolled, and catches up once it has stopped', async () => {
    values.set(mine.id, 'sk_live_payments_0002', 2);
    vault.state.secrets = [{ ...mine, valueRevision: 2 }];
    const asked = values.batches.length;
    await sendMessage('pageScrolling');
    // The sync itself is not held back (the list gets its data); the index's values call waits.
    await app.engine.run();
    await new Promise((resolve) => setTimeout(resolve, SCROLL_QUIET_MS / 2));
    expect(values.batches.length).toBe(asked);
    await settle();
    expect(values.batches.length).toBe(asked + 1);
    expect(await app.handleSelection('share', 'sk_live_payments_0002')).toBe(`#/share/${mine.id}/internal`);
  });

  it('hands the popup an unmatched selection once, only while unlocked', async () => {
    const route = parseRoute(await app.handleSelection('share', 'sk_live_not_in_vault_99'));
    const token = route?.view === 'no-match' ? route.token : '';
    expect(await sendMessage('takePrefill', { token })).toEqual({ clientSecret: 'sk_live_not_in_vault_99' });
    expect(await sendMessage('takePrefill', { token })).toBeUndefined();
  });

  it('counts a colleague’s new share on the badge until the popup opens', async () => {
    const fromBob = secret({ name: 'CRM sandbox', owner: BOB });
    values.set(fromBob.id, 'crm-secret-value-1');
    vault.state.secrets = [mine, fromBob];
    await settle();
    expect(await badgeText()).toBe('1');
    expect(await sendMessage('takeNewShares')).toEqual([fromBob.id]);
    expect(await badgeText()).toBe('');
    expect(await app.handleSelection('access', 'crm-secret-value-1')).toBe(`#/access/${fromBob.id}`);
  });

  it('value matching turned off: the index goes, no value is fetched, not even after an unlock; names still match', async () => {
    expect(await sendMessage('getValueIndexStatus')).toEqual({ state: 'ready', indexed: 1 });
    const asked = values.batches.length;
    expect(await sendMessage('saveSettings', { matchByValue: false })).toMatchObject({ matchByValue: false });
    await vi.waitFor(async () => expect(await sendMessage('getValueIndexStatus')).toEqual({ state: 'off' }));
    expect(app.rightClick.indexer.size).toBe(0);
    await sendMessage('lock');
    await sendMessage('unlock', { password: PASSWORD });
    await settle();
    expect(values.batches.length).toBe(asked);
    expect(parseRoute(await app.handleSelection('share', 'sk_live_payments_0001'))?.view).toBe('no-match');
    expect(await app.handleSelection('share', 'Payments API')).toBe(`#/share/${mine.id}/internal`);

    await sendMessage('saveSettings', { matchByValue: true });
    await settle();
    expect(await sendMessage('getValueIndexStatus')).toEqual({ state: 'ready', indexed: 1 });
    expect(await app.handleSelection('share', 'sk_live_payments_0001')).toBe(`#/share/${mine.id}/internal`);
  });

  it('signing out clears the badge and the index, the one kept in the cache too', async () => {
    vault.state.secrets = [mine, secret({ owner: BOB })];
    await settle();
    expect(await keptIndex()).toBeDefined();
    await sendMessage('signOut');
    // The status change clears the badge on its own queue, not inside the sign-out's answer.
    await vi.waitFor(async () => expect(await badgeText()).toBe(''));
    expect(app.rightClick.indexer.size).toBe(0);
    expect(await fakeBrowser.storage.local.get('newShares')).toEqual({});
    expect(await keptIndex()).toBeUndefined();
  });

  it('keeps the index across a lock and a worker restart: no value is fetched again', async () => {
    const asked = values.batches.length;
    await sendMessage('lock');
    await sendMessage('unlock', { password: PASSWORD });
    await settle();
    expect(await app.handleSelection('share', 'sk_live_payments_0001')).toBe(`#/share/${mine.id}/internal`);
    fakeBrowser.runtime.onMessage.removeAllListeners();
    start();
    await app.ready;
    await settle();
    expect(await sendMessage('getValueIndexStatus')).toEqual({ state: 'ready', indexed: 1 });
    expect(await app.handleSelection('share', 'sk_live_payments_0001')).toBe(`#/share/${mine.id}/internal`);
    expect(values.batches.length).toBe(asked);
  });

  it('value matching turned off deletes the kept index', async () => {
    expect(await keptIndex()).toBeDefined();
    await sendMessage('saveSettings', { matchByValue: false });
    await vi.waitFor(async () => expect(await keptIndex()).toBeUndefined());
  });
});
