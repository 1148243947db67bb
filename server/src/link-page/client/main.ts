import { decryptLink, deriveLinkSecrets, parseLinkUrl, type Ciphertext } from '../../../../utils/crypto';
import { MESSAGES, pickLang, type Messages } from './messages';

/**
 * The page a link opens, in the recipient's browser: it reads the key from the fragment (which the
 * browser never sends), asks for the access code when there is one, presents the verifier, and decrypts
 * with WebCrypto. The server only ever sees the verifier and serves the ciphertext.
 */
const t: Messages = MESSAGES[pickLang([document.documentElement.lang, ...navigator.languages])];
const root = document.getElementById('app')!;

type Info = { status: 'active' | 'finished' | 'expired' | 'revoked'; code: { iterations: number } | null };
type Problem = { code?: string };

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Replaces the page with one sentence and nothing else: the ended and broken states. */
function only(sentence: string) {
  root.replaceChildren(el('p', { className: 'notice', role: 'status' }, sentence));
}

const ENDED: Record<string, keyof Messages> = {
  link_expired: 'expired',
  link_finished: 'finished',
  link_revoked: 'revoked',
  link_paused: 'paused',
  not_found: 'notFound',
  link_incomplete: 'incomplete',
  invalid_request: 'incomplete',
  expired: 'expired',
  finished: 'finished',
  revoked: 'revoked',
};

async function api<T>(path: string, body?: unknown): Promise<{ status: number; body: T & Problem }> {
  const res = await fetch(
    path,
    body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {},
  );
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T & Problem };
}

function field(label: string, value: string, secret = false) {
  const copy = el('button', { type: 'button', className: 'copy', textContent: t.copy });
  copy.addEventListener('click', () => {
    void navigator.clipboard.writeText(value).then(() => {
      copy.textContent = t.copied;
      setTimeout(() => (copy.textContent = t.copy), 2000);
    });
  });
  copy.setAttribute('aria-label', `${t.copy}: ${label}`);
  return el(
    'div',
    { className: 'field' },
    el('dt', {}, label),
    el('dd', {}, el('code', { className: secret ? 'secret' : '' }, value), copy),
  );
}

function showFields(fields: Record<string, string>, remaining: number | null) {
  const note =
    remaining === null
      ? t.unlimited
      : remaining === 0
        ? t.last
        : remaining === 1
          ? t.remainingOne
          : t.remaining.replace('{n}', String(remaining));
  root.replaceChildren(
    el('h1', {}, fields.name ?? t.title),
    el(
      'dl',
      {},
      field(t.name, fields.name ?? ''),
      field(t.url, fields.url ?? ''),
      field(t.clientId, fields.clientId ?? ''),
      field(t.clientSecret, fields.clientSecret ?? '', true),
    ),
    el('p', { className: 'hint' }, note),
  );
}

/** Presents the verifier; on success decrypts and shows, otherwise says why in one sentence. */
async function open(
  linkId: string,
  fragmentKey: Uint8Array,
  info: Info,
  code: string,
  say: (s: string) => void,
): Promise<void> {
  const secrets = await deriveLinkSecrets(
    fragmentKey,
    linkId,
    info.code ? { code, iterations: info.code.iterations } : null,
  );
  const res = await api<{ ciphertext: Ciphertext; remainingAccesses: number | null }>(
    `/v1/public/links/${linkId}/open`,
    { verifier: secrets.verifier },
  );
  if (res.status === 200) {
    try {
      showFields(await decryptLink(secrets.linkKey, linkId, res.body.ciphertext), res.body.remainingAccesses);
    } catch {
      only(t.undecryptable);
    }
    return;
  }
  const code_ = res.body.code ?? '';
  if (ENDED[code_]) return only(t[ENDED[code_]]);
  say(code_ === 'wrong_code' ? t.wrongCode : code_ === 'too_many_attempts' ? t.tooMany : t.unreachable);
}

function askToOpen(linkId: string, fragmentKey: Uint8Array, info: Info) {
  const error = el('p', { className: 'error', role: 'alert' });
  const button = el('button', { type: 'submit', className: 'primary', textContent: info.code ? t.open : t.show });
  const input = document.createElement('input');
  Object.assign(input, {
    id: 'code',
    type: 'password',
    autocomplete: 'off',
    required: true,
    minLength: 6,
    maxLength: 128,
  });
  const form = el(
    'form',
    {},
    el('p', {}, t.intro),
    ...(info.code
      ? [el('label', { htmlFor: 'code' }, t.codeLabel), input, el('p', { className: 'hint' }, t.codeHint)]
      : []),
    error,
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    button.disabled = true;
    button.textContent = t.checking;
    error.textContent = '';
    open(linkId, fragmentKey, info, input.value, (s) => (error.textContent = s))
      .catch(() => (error.textContent = t.unreachable))
      .finally(() => {
        button.disabled = false;
        button.textContent = info.code ? t.open : t.show;
      });
  });
  root.replaceChildren(el('h1', {}, t.title), form);
  if (info.code) input.focus();
}

async function main() {
  document.title = t.title;
  let link: ReturnType<typeof parseLinkUrl>;
  try {
    link = parseLinkUrl(location.origin + location.pathname + location.hash);
  } catch {
    return only(t.incomplete);
  }
  // The key stays in this page's memory only: out of the address bar, the history and any screen share.
  history.replaceState(null, '', location.pathname);
  const info = await api<Info>(`/v1/public/links/${encodeURIComponent(link.linkId)}`).catch(() => undefined);
  if (!info) return only(t.unreachable);
  if (info.status !== 200) return only(t[ENDED[info.body.code ?? ''] ?? 'unreachable']);
  if (info.body.status !== 'active') return only(t[ENDED[info.body.status]!]);
  askToOpen(link.linkId, link.fragmentKey, info.body);
}

// Pasting another link into this tab changes only the fragment, which reloads nothing: start again.
window.addEventListener('hashchange', () => void main());
void main();
