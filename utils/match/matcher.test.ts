import { describe, expect, it } from 'vitest';
import { matchSelection, type Matchable } from './matcher';

const secrets: Matchable[] = [
  {
    id: 'stripe',
    name: 'Stripe production',
    identifier: 'stripe-prod',
    clientId: 'acct_1Nv0FGQ9RKHgCVdK',
    url: 'https://api.stripe.com/v1',
  },
  {
    id: 'stripe-test',
    name: 'Stripe test mode',
    identifier: 'stripe-test',
    clientId: 'acct_test_01',
    url: 'https://api.stripe.com/v1/',
  },
  {
    id: 'github',
    name: 'GitHub Actions deploy bot',
    identifier: 'gh-deploy',
    clientId: 'Iv1.8a61f9b3a7aba766',
    url: 'https://api.github.com',
  },
  {
    id: 'twilio',
    name: 'Twilio SMS',
    identifier: null,
    clientId: 'AC5ef8732a3c49',
    url: 'https://API.twilio.com:443/2010-04-01',
  },
];

describe('matchSelection', () => {
  it.each([
    ['an exact name', 'Stripe production', 'exact', ['stripe']],
    ['an identifier', 'gh-deploy', 'exact', ['github']],
    ['a client ID', 'Iv1.8a61f9b3a7aba766', 'exact', ['github']],
    ['surrounding whitespace and newlines', '\n  gh-deploy \t', 'exact', ['github']],
    ['double quotes and a trailing comma', '"stripe-prod",', 'exact', ['stripe']],
    ['typographic quotes', '“Twilio SMS”', 'exact', ['twilio']],
    ['a URL with a trailing slash when stored without', 'https://api.github.com/', 'exact', ['github']],
    ['a URL shared by two secrets, slashes aside', 'https://api.stripe.com/v1', 'exact', ['stripe', 'stripe-test']],
    ['a URL whose host case and default port differ', 'https://api.twilio.com/2010-04-01/', 'exact', ['twilio']],
    ['a name in another case', 'stripe PRODUCTION', 'case-insensitive', ['stripe']],
    ['a client ID in another case', 'iv1.8A61F9B3A7ABA766', 'case-insensitive', ['github']],
    ['part of a name', 'deploy bot', 'contained', ['github']],
    ['a sentence that contains an identifier', 'please rotate stripe-test today', 'contained', ['stripe-test']],
    ['an ambiguous word', 'Stripe', 'contained', ['stripe', 'stripe-test']],
    ['nothing known', 'salesforce sandbox', 'none', []],
    ['too short to search inside names', 'st', 'none', []],
    ['only quotes and spaces', ' "" ', 'none', []],
  ] as const)('%s', (_what, selection, tier, ids) => {
    const r = matchSelection(selection, secrets);
    expect(r.tier).toBe(tier);
    expect([...r.ids].sort()).toEqual([...ids].sort());
  });

  it('a selection that is a client secret wins over any field match', () => {
    expect(matchSelection('Stripe production', secrets, ['github'])).toEqual({ tier: 'value', ids: ['github'] });
  });

  it('ignores value hits for secrets that are no longer cached', () => {
    expect(matchSelection('gh-deploy', secrets, ['gone'])).toEqual({ tier: 'exact', ids: ['github'] });
  });
});
