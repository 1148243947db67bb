const QUOTES = /^[\s"'`“”‘’«»<>()[\]{}]+|[\s"'`“”‘’«»<>()[\]{}.,;:!?]+$/g;

/** What a person meant to select: no surrounding whitespace, quotes, brackets or trailing punctuation. */
export function cleanSelection(text: string): string {
  let prev = '';
  let s = text.normalize('NFC');
  // Repeat: `"stripe-prod",` loses the comma, then the quotes.
  while (s !== prev) {
    prev = s;
    s = s.replace(QUOTES, '');
  }
  return s;
}

/** A URL compared the way people read it: scheme and host in lower case, no default port, no trailing slash. */
export function normalizeUrl(text: string): string | undefined {
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : undefined;
  if (!candidate || !URL.canParse(candidate)) return undefined;
  const u = new URL(candidate);
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}${u.search}`;
}
