import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALICE, BOB, secret, syncResponse } from '@/test/fixtures';
import type { SecretSummary } from '@/utils/contract';
import type { SyncChanges } from '@/utils/sync';
import { createBadge } from './badge';

const owner = { userId: ALICE.id, serverUrl: 'https://vault.example' };
const badgeText = () => fakeBrowser.action.getBadgeText({});
/** A sync pass as the engine reports it: `appeared` is what the cache did not hold before. */
const pass = (appeared: SecretSummary[], over: Partial<SyncChanges> = {}): SyncChanges => ({
  response: syncResponse({ secrets: appeared }),
  owner,
  firstLoad: false,
  appeared,
  ...over,
});

describe('badge', () => {
  it('counts secrets colleagues newly share with me, not my own', async () => {
    const badge = createBadge();
    const [fromBob, another, mine] = [secret({ owner: BOB }), secret({ owner: BOB }), secret({ owner: ALICE })];
    await badge.noteChanges(pass([fromBob, mine]));
    expect(await badgeText()).toBe('1');
    await badge.noteChanges(pass([another]));
    expect(await badgeText()).toBe('2');
  });

  it('does not count a change to a secret already shared with me', async () => {
    const badge = createBadge();
    const fromBob = secret({ owner: BOB });
    await badge.noteChanges({ ...pass([]), response: syncResponse({ secrets: [{ ...fromBob, name: 'Renamed' }] }) });
    expect(await badgeText()).toBe('');
  });

  it('does not count the first load after sign-in, and starts that account from zero', async () => {
    const badge = createBadge();
    await badge.noteChanges(pass([secret({ owner: BOB })]));
    await badge.noteChanges(pass([secret({ owner: BOB }), secret({ owner: BOB })], { firstLoad: true }));
    expect(await badgeText()).toBe('');
  });

  it('uncounts a share that was taken back before I looked', async () => {
    const badge = createBadge();
    const fromBob = secret({ owner: BOB });
    await badge.noteChanges(pass([fromBob]));
    await badge.noteChanges({ ...pass([]), response: syncResponse({ removedSecrets: [fromBob.id] }) });
    expect(await badgeText()).toBe('');
  });

  it('opening the popup hands over the new ids and clears the badge; storage keeps ids only', async () => {
    const badge = createBadge();
    const fromBob = secret({ owner: BOB, name: 'Salesforce sandbox' });
    await badge.noteChanges(pass([fromBob]));
    expect(await fakeBrowser.storage.local.get()).toEqual({ newShares: [fromBob.id] });
    expect(await badge.take()).toEqual([fromBob.id]);
    expect(await badgeText()).toBe('');
    expect(await badge.take()).toEqual([]);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });

  it('shows the count again after the browser restarts', async () => {
    await createBadge().noteChanges(pass([secret({ owner: BOB })]));
    await fakeBrowser.action.setBadgeText({ text: '' });
    await createBadge().restore();
    expect(await badgeText()).toBe('1');
  });
});
