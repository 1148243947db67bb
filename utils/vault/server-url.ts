import { VaultError } from './errors';

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/**
 * The canonical form of a vault server address as a person types it: a scheme is added when missing
 * (https, or http for this machine), and the trailing slash, query and fragment are dropped.
 * @throws {@link VaultError} `invalid_url` when it cannot be an http(s) address.
 */
export function normalizeServerUrl(input: string): string {
  let text = input.trim();
  if (!text) throw new VaultError('invalid_url');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    text = `${LOCAL_HOSTS.test(text.split('/')[0] ?? '') ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new VaultError('invalid_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new VaultError('invalid_url');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The match pattern for the server's host, as an optional host permission (ports are not part of patterns). */
export function serverOriginPattern(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Whether an address would send the password's derived key and the session in clear over a network: plain
 * http:// to anything but this machine. Addresses that cannot be parsed are not judged here.
 */
export function isPlainRemote(input: string): boolean {
  let url: URL;
  try {
    url = new URL(normalizeServerUrl(input));
  } catch {
    return false;
  }
  return url.protocol === 'http:' && !LOCAL_HOSTS.test(url.host);
}
