import { describe, expect, it } from 'vitest';
import { browserFamily, coarseNetwork } from '../src/services/links';
import { formatDuration, parseDuration } from '../src/services/sharing-policy';

describe('what the access log keeps of an opener', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::/48'],
    ['2001:0db8::1', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['unknown', 'unknown'],
  ])('%s → %s', (address, network) => expect(coarseNetwork(address)).toBe(network));

  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      'Chrome',
    ],
    ['curl/8.5.0', 'curl'],
    [undefined, 'Other'],
  ])('%s → %s', (ua, family) => expect(browserFamily(ua)).toBe(family));
});

describe('link lifetimes for the administrator', () => {
  it.each([
    ['30d', 30 * 86_400],
    ['12h', 43_200],
    ['90m', 5400],
    ['5m', 300],
    ['365d', 365 * 86_400],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
  it.each(['4m', '366d', '30', 'd', '1.5d', '-1d', '30 days'])('refuses %s', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
  it('says a lifetime in words', () => {
    expect([formatDuration(30 * 86_400), formatDuration(3600), formatDuration(5400)]).toEqual([
      '30 days',
      '1 hour',
      '90 minutes',
    ]);
  });
});
