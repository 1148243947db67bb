/**
 * What a link's access log keeps about an opener: the network, not the address (a /24 for IPv4, a /48 for
 * IPv6), and the browser's family, not its full User-Agent. Enough for a sharer to tell "my recipient"
 * from "someone else", without the server keeping a precise trail of people who have no account.
 */
export function coarseNetwork(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (address.includes(':')) {
    const [head = ''] = address.split('::');
    const groups = head.split(':').filter(Boolean);
    const filled = [...groups, '0', '0', '0'].slice(0, 3).map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
    return `${filled.join(':')}::/48`;
  }
  return 'unknown';
}

const FAMILIES: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|Chromium|CriOS|HeadlessChrome)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
  [/^curl\//, 'curl'],
];

/** The browser family named by a User-Agent header ("Other" when none matches). */
export function browserFamily(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  for (const [re, name] of FAMILIES) if (re.test(ua)) return name;
  return 'Other';
}
