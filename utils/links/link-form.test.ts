import { describe, expect, it } from 'vitest';
import { CreateLinkRequest } from '@/utils/contract/links';
import { defaultExpiry, expiryFor, lifetimeText, presetsWithin, toLocalInput } from './expiry';
import { isEmail, linkDraftOf, suggestAccessCode, type LinkForm } from './link-form';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DAY = 86_400;
const form = (over: Partial<LinkForm> = {}): LinkForm => ({
  recipientEmail: 'dana@partner.example',
  expiry: '24h',
  customExpiry: '',
  maxAccesses: '1',
  unlimited: false,
  accessCode: '',
  ...over,
});
const SECRET = '00000000-0000-4000-8000-000000000001';

describe('the External screen’s expiration', () => {
  it('offers only the presets within the administrator’s maximum, and 24 hours first when allowed', () => {
    expect(presetsWithin(30 * DAY).map((p) => p.choice)).toEqual(['1h', '24h', '1w', '30d']);
    expect(presetsWithin(7 * DAY).map((p) => p.choice)).toEqual(['1h', '24h', '1w']);
    expect(presetsWithin(1800)).toEqual([]);
    expect(defaultExpiry(30 * DAY)).toBe('24h');
    expect(defaultExpiry(12 * 3600)).toBe('1h');
    expect(defaultExpiry(1800)).toBe('custom');
  });

  it('a preset ends that long from now', () => {
    expect(expiryFor('1w', '', 30 * DAY, NOW)).toEqual({ expiresAt: '2026-03-17T12:00:00.000Z' });
    expect(expiryFor('1h', '', 30 * DAY, NOW)).toEqual({ expiresAt: '2026-03-10T13:00:00.000Z' });
  });

  it('a custom date and time is read in the computer’s zone and must lie between now and the maximum', () => {
    const local = (ms: number) => toLocalInput(new Date(NOW.getTime() + ms));
    const twoDays = expiryFor('custom', local(2 * DAY * 1000), 30 * DAY, NOW);
    expect('expiresAt' in twoDays && Date.parse(twoDays.expiresAt) - NOW.getTime()).toBe(2 * DAY * 1000);
    expect(expiryFor('custom', '', 30 * DAY, NOW)).toEqual({ error: 'linkExpiryCustomRequired' });
    expect(expiryFor('custom', 'tomorrow', 30 * DAY, NOW)).toEqual({ error: 'linkExpiryCustomRequired' });
    expect(expiryFor('custom', local(-60_000), 30 * DAY, NOW)).toEqual({ error: 'linkExpiryPast' });
    expect(expiryFor('custom', local(31 * DAY * 1000), 30 * DAY, NOW)).toEqual({ error: 'linkExpiryTooLate' });
  });

  it('says the maximum in words, counted in the language’s plural', () => {
    expect(lifetimeText(30 * DAY)).toBe('30 days');
    expect(lifetimeText(DAY)).toBe('1 day');
    expect(lifetimeText(12 * 3600)).toBe('12 hours');
    expect(lifetimeText(90 * 60)).toBe('90 minutes');
  });
});

describe('the External screen’s fields', () => {
  it('become the worker’s draft, which the server’s contract accepts', () => {
    const { draft } = linkDraftOf(SECRET, form({ accessCode: '  amber-falcon-42 ', maxAccesses: '3' }), 30 * DAY, NOW);
    expect(draft).toEqual({
      secretId: SECRET,
      recipientEmail: 'dana@partner.example',
      expiresAt: '2026-03-11T12:00:00.000Z',
      maxAccesses: 3,
      accessCode: 'amber-falcon-42',
    });
    expect(linkDraftOf(SECRET, form({ unlimited: true, maxAccesses: 'x' }), 30 * DAY, NOW).draft).toMatchObject({
      maxAccesses: null,
      accessCode: null,
    });
  });

  it('name each problem at its field', () => {
    const { errors } = linkDraftOf(
      SECRET,
      form({ recipientEmail: 'dana@', expiry: 'custom', maxAccesses: '0', accessCode: 'abc' }),
      30 * DAY,
      NOW,
    );
    expect(errors).toEqual({
      recipientEmail: 'linkEmailInvalid',
      customExpiry: 'linkExpiryCustomRequired',
      maxAccesses: 'linkMaxAccessesInvalid',
      accessCode: 'linkCodeLength',
    });
    expect(linkDraftOf(SECRET, form({ recipientEmail: ' ' }), 30 * DAY, NOW).errors).toEqual({
      recipientEmail: 'linkEmailRequired',
    });
    for (const n of ['1001', '2.5', '-1', ''])
      expect(linkDraftOf(SECRET, form({ maxAccesses: n }), 30 * DAY, NOW).errors).toEqual({
        maxAccesses: 'linkMaxAccessesInvalid',
      });
  });

  it('check an email as the server’s contract does', () => {
    const contract = (email: string) => CreateLinkRequest.shape.recipientEmail.safeParse(email).success;
    for (const email of [
      'dana@partner.example',
      'd.o+tag@mail.partner.example',
      'dana@partner',
      'dana@@partner.example',
      '.dana@partner.example',
      'da..na@partner.example',
      'dana@-partner.example',
      'dana partner@example.com',
      `${'a'.repeat(250)}@x.io`,
    ])
      expect([email, isEmail(email)]).toEqual([email, contract(email)]);
  });

  it('suggest access codes that are random, readable and long enough', () => {
    const codes = new Set(Array.from({ length: 50 }, suggestAccessCode));
    expect(codes.size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });
});
