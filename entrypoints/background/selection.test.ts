import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BOB, secret } from '@/test/fixtures';
import { ValueIndex } from '@/utils/match';
import { parseRoute } from '@/utils/popup-route';
import type { SessionStatus } from '@/utils/session';
import { createHandoff } from './handoff';
import { createSelectionHandler } from './selection';

const SECRETS = [
  secret({
    name: 'Stripe production',
    identifier: 'stripe-prod',
    clientId: 'acct_1Nv0FGQ9RKHgCVdK',
    url: 'https://api.stripe.com/v1',
  }),
  secret({
    name: 'Stripe test mode',
    identifier: 'stripe-test',
    clientId: 'acct_1Nv0FGQ9RKtest01',
    url: 'https://api.stripe.com/v1',
  }),
  secret({
    name: 'GitHub Actions deploy bot',
    identifier: 'gh-deploy',
    clientId: 'Iv1.8a61f9b3a7aba766',
    url: 'https://api.github.com',
  }),
  secret({
    name: 'Salesforce sandbox',
    identifier: 'sfdc-sandbox',
    clientId: '3MVG9d8..z.hDcPLDlm9QqJ',
    url: 'https://acme--dev.sandbox.my.salesforce.com/',
    owner: BOB,
  }),
];
const VALUES: Record<string, string> = {
  'Stripe production': 'sk_live_51HqLyjWDarjtT1zdp7dc',
  'GitHub Actions deploy bot': 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
  // Two secrets holding the same value: the value matches both.
  'Stripe test mode': 'shared-value-Zq81',
  'Salesforce sandbox': 'shared-value-Zq81',
};
const nameOf = (id: string) => SECRETS.find((s) => s.id === id)!.name;

let state: SessionStatus['state'];
let opened: string[];
let index: ValueIndex;

async function handler() {
  index = await ValueIndex.create();
  for (const s of SECRETS) await index.set(s.id, 1, VALUES[s.name]!);
  const handoff = createHandoff();
  const h = createSelectionHandler({
    status: () => state,
    secrets: async () => SECRETS,
    lookupValue: (text) => (state === 'unlocked' ? index.lookup(text) : Promise.resolve([])),
    handoff,
    open: async (hash) => void opened.push(hash),
  });
  return { h, handoff };
}

/** What the user lands on, in words: the target's name, the chooser's names, or the Add prefill. */
async function landing(hash: string, handoff: ReturnType<typeof createHandoff>) {
  const route = parseRoute(hash);
  // Share opens straight into Internal: the right-click already said whom to reach.
  if (route?.view === 'share' && route.ids.length === 1 && route.card === 'internal')
    return { share: nameOf(route.ids[0]!) };
  if (route?.view === 'access') return { access: nameOf(route.id) };
  if (route?.view === 'choose') return { choose: route.ids.map(nameOf) };
  if (route?.view === 'no-match') return { add: await handoff.take('prefill', route.token) };
  return { other: hash };
}

beforeEach(() => {
  state = 'unlocked';
  opened = [];
});

describe('handleSelection', () => {
  it.each([
    ['an exact name', 'Stripe production', { share: 'Stripe production' }],
    ['an identifier', 'gh-deploy', { share: 'GitHub Actions deploy bot' }],
    ['a client ID', 'Iv1.8a61f9b3a7aba766', { share: 'GitHub Actions deploy bot' }],
    [
      'a name with whitespace and quotes around it (Bob’s: who has access, since only he shares it)',
      '\n  “Salesforce sandbox”, ',
      { access: 'Salesforce sandbox' },
    ],
    [
      'a URL without the stored trailing slash',
      'https://acme--dev.sandbox.my.salesforce.com',
      { access: 'Salesforce sandbox' },
    ],
    ['a URL with a trailing slash', 'https://api.github.com/', { share: 'GitHub Actions deploy bot' }],
    ['a client secret', 'sk_live_51HqLyjWDarjtT1zdp7dc', { share: 'Stripe production' }],
    [
      'a client secret in quotes',
      ' "ghs_16C7e42F292c6912E7710c838347Ae178B4a" ',
      { share: 'GitHub Actions deploy bot' },
    ],
    ['a value two secrets hold', 'shared-value-Zq81', { choose: ['Salesforce sandbox', 'Stripe test mode'] }],
    ['a URL two secrets share', 'https://api.stripe.com/v1/', { choose: ['Stripe production', 'Stripe test mode'] }],
    ['an ambiguous word', 'stripe', { choose: ['Stripe production', 'Stripe test mode'] }],
    ['a name in another case', 'github actions DEPLOY bot', { share: 'GitHub Actions deploy bot' }],
    ['an unknown name', 'HubSpot marketing', { add: { name: 'HubSpot marketing' } }],
    ['an unknown URL', 'https://api.hubapi.com', { add: { url: 'https://api.hubapi.com' } }],
    ['an unknown client secret', 'sk_live_unknownA1b2C3d4E5', { add: { clientSecret: 'sk_live_unknownA1b2C3d4E5' } }],
    ['part of a client secret', 'sk_live_51HqLyj', { add: { clientSecret: 'sk_live_51HqLyj' } }],
  ])('%s', async (_what, selection, expected) => {
    const { h, handoff } = await handler();
    const hash = await h.handleSelection('share', selection);
    expect(opened).toEqual([hash]);
    expect(await landing(hash, handoff)).toEqual(expected);
  });

  it('"Share API secret…" on a secret only its owner may share opens who has access (the owner to ask)', async () => {
    const viewOnly = secret({
      name: 'Zendesk support',
      owner: BOB,
      permissions: { view: true, edit: false, share: false },
    });
    const h = createSelectionHandler({
      status: () => 'unlocked',
      secrets: async () => [viewOnly],
      lookupValue: async () => [],
      handoff: createHandoff(),
      open: async () => undefined,
    });
    expect(await h.handleSelection('share', 'Zendesk support')).toBe(`#/access/${viewOnly.id}`);
  });

  it('"Who has access?" opens the access view', async () => {
    const { h, handoff } = await handler();
    expect(await landing(await h.handleSelection('access', 'stripe-prod'), handoff)).toEqual({
      access: 'Stripe production',
    });
  });

  it('keeps an unmatched selection out of the address: the page takes it once with a token', async () => {
    const { h, handoff } = await handler();
    const hash = await h.handleSelection('share', 'sk_live_unknownA1b2C3d4E5');
    expect(hash).not.toContain('sk_live');
    const route = parseRoute(hash);
    expect(route?.view).toBe('no-match');
    const token = route?.view === 'no-match' ? route.token : '';
    expect(await handoff.take('prefill', token)).toEqual({ clientSecret: 'sk_live_unknownA1b2C3d4E5' });
    expect(await handoff.take('prefill', token)).toBeUndefined();
  });

  it('locked: shows the unlock prompt first and continues with the same selection after it', async () => {
    const { h, handoff } = await handler();
    state = 'locked';
    const hash = await h.handleSelection('access', 'sk_live_51HqLyjWDarjtT1zdp7dc');
    const route = parseRoute(hash);
    expect(route?.view).toBe('pending');
    expect(hash).not.toContain('sk_live');
    state = 'unlocked';
    const token = route?.view === 'pending' ? route.token : '';
    expect(await landing(await h.resume(token), handoff)).toEqual({ access: 'Stripe production' });
    expect(await h.resume(token)).toBe(''); // once only: a second page gets the list
  });

  it('signed out: opens the popup, which offers sign-in', async () => {
    const { h } = await handler();
    state = 'signedOut';
    expect(await h.handleSelection('share', 'Stripe production')).toBe('');
    expect(opened).toEqual(['']);
  });

  it('a chooser never lists more than a dozen, and says how many matched', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      secret({ name: `Billing service ${String(i).padStart(2, '0')}` }),
    );
    const h = createSelectionHandler({
      status: () => 'unlocked',
      secrets: async () => many,
      lookupValue: async () => [],
      handoff: createHandoff(),
      open: async () => undefined,
    });
    const route = parseRoute(await h.handleSelection('share', 'billing'));
    expect(route).toMatchObject({ view: 'choose', total: 30 });
    expect(route?.view === 'choose' && route.ids).toEqual(many.slice(0, 12).map((s) => s.id));
  });

  it('a handed-off value expires', async () => {
    let now = 0;
    const handoff = createHandoff(() => now);
    const token = await handoff.put('prefill', { name: 'x' });
    now += 11 * 60_000;
    expect(await handoff.take('prefill', token)).toBeUndefined();
    expect(Object.keys(await fakeBrowser.storage.session.get())).toEqual([]);
  });
});
