import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { MESSAGES, pickLang } from './client/messages';
import { linkPageScript } from './bundle';
import { LINK_PAGE_CSS } from './style';

const SCRIPT_PATH = '/s/assets/link-page.js';
const STYLE_PATH = '/s/assets/link-page.css';

/**
 * Only this page's own script and style, API calls to this server, no frames, no forms posted elsewhere, no
 * plugins, no base changes: the page holds a decryption key, so nothing else may run or load in it.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(c: Context<AppEnv>, type: string) {
  c.header('Content-Type', type);
  c.header('Content-Security-Policy', CSP);
  // The fragment is not sent in a Referer anyway; this keeps even the link's path from leaving the page.
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex, nofollow, noarchive');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), clipboard-write=(self)');
  c.header('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The reader's languages from Accept-Language, most preferred first. */
function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

function html(lang: keyof typeof MESSAGES): string {
  const t = MESSAGES[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow, noarchive">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t.title)}</title>
<link rel="stylesheet" href="${STYLE_PATH}">
<script type="module" src="${SCRIPT_PATH}"></script>
</head>
<body>
<main id="app" aria-live="polite"><p class="notice">${escapeHtml(t.opening)}</p></main>
</body>
</html>
`;
}

/** The page a link opens (`/s/<linkId>`) and its two assets; the link itself is read by the script. */
export function registerLinkPage(app: Hono<AppEnv>) {
  app.get(SCRIPT_PATH, async (c) => {
    pageHeaders(c, 'text/javascript; charset=utf-8');
    return c.body(await linkPageScript());
  });
  app.get(STYLE_PATH, (c) => {
    pageHeaders(c, 'text/css; charset=utf-8');
    return c.body(LINK_PAGE_CSS);
  });
  app.get('/s/:linkId', (c) => {
    pageHeaders(c, 'text/html; charset=utf-8');
    return c.body(html(pickLang(acceptedLanguages(c.req.header('accept-language')))));
  });
}
