import { cleanSelection } from './normalize';

/** What the Add form starts with when a selection matched nothing: exactly one field is set. */
export type Prefill = { name?: string; url?: string; clientSecret?: string };

/** The contract's limits (utils/contract/secrets.ts): a longer selection is cut rather than refused. */
const NAME_MAX = 200;
const URL_MAX = 2000;

/**
 * Whether a selection looks like a credential rather than a name: one token, no spaces, mixing letters
 * with digits (`sk_live_4eC39…`, `Iv1.8a61…`) or long and varied. The cost of a mistake is lopsided: a
 * name taken for a secret lands in a masked field the user can move; a secret taken for a name would be
 * stored in clear on the server. So anything token-like counts as a secret.
 */
export function looksLikeSecret(text: string): boolean {
  if (!text || /\s/.test(text) || isHttpUrl(text)) return false;
  const letters = /[A-Za-z]/.test(text);
  const digits = /\d/.test(text);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(text)).length;
  return (text.length >= 8 && letters && digits) || (text.length >= 20 && classes >= 2);
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text);
}

/**
 * Sorts a selection into the one field it belongs to: a value that looks like a secret goes to the
 * client secret (never the name), an http(s) address to the URL, anything else to the name. Quotes and
 * trailing punctuation around the selection are dropped first (`"sk_live_…",` copied from JSON).
 */
export function prefillFromSelection(selection: string): Prefill {
  const text = cleanSelection(selection);
  if (!text) return {};
  if (looksLikeSecret(text)) return { clientSecret: text };
  if (isHttpUrl(text)) return { url: text.slice(0, URL_MAX) };
  return { name: text.replace(/\s+/g, ' ').slice(0, NAME_MAX) };
}
