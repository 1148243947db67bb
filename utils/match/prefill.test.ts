import { describe, expect, it } from 'vitest';
import { looksLikeSecret, prefillFromSelection } from './prefill';

describe('prefillFromSelection', () => {
  it.each([
    ['a Stripe-style key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', { clientSecret: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' }],
    [
      'a demo client secret',
      'sk_demo_03_4f1a9c0e2b7d4e8f9a6b1c3d5e7f9a0b',
      { clientSecret: 'sk_demo_03_4f1a9c0e2b7d4e8f9a6b1c3d5e7f9a0b' },
    ],
    [
      'a quoted key copied from JSON',
      '"ghp_16C7e42F292c6912E7710c838347Ae178B4a",',
      { clientSecret: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' },
    ],
    ['a long letters-only token', 'AbCdEfGhIjKlMnOpQrStUvWx', { clientSecret: 'AbCdEfGhIjKlMnOpQrStUvWx' }],
    ['a URL', ' https://api.example.com/v2/ ', { url: 'https://api.example.com/v2/' }],
    ['a name', '  Salesforce   production\n', { name: 'Salesforce production' }],
    ['an identifier-like word', 'billing-api', { name: 'billing-api' }],
    ['a short word with digits', 'v2', { name: 'v2' }],
    ['a date', '2010-04-01', { name: '2010-04-01' }],
    ['nothing but quotes', ' "" ', {}],
  ])('%s', (_what, selection, expected) => {
    expect(prefillFromSelection(selection)).toEqual(expected);
  });

  it('never puts a value that looks like a secret in the name', () => {
    for (const v of ['Iv1.8a61f9b3a7aba766', 'AKIAIOSFODNN7EXAMPLE', 'xoxb-2918273645-1029384756', 'a1b2c3d4e5'])
      expect(prefillFromSelection(v)).toEqual({ clientSecret: v });
  });

  it('cuts a very long name to what the server accepts', () => {
    expect(prefillFromSelection('word '.repeat(100)).name).toHaveLength(200);
  });

  it.each(['Payments API', 'https://x.example/a1b2c3d4', 'hello', ''])('looksLikeSecret(%j) is false', (s) =>
    expect(looksLikeSecret(s)).toBe(false),
  );
});
