import { sendMessage } from '@/utils/messaging';
import { VaultError } from '@/utils/vault/errors';
import { requestServerAccess } from '@/utils/vault/permissions';
import { normalizeServerUrl } from '@/utils/vault/server-url';

/**
 * Asks for the server's host permission, then runs the worker request. The permission prompt only shows
 * during the user's click, so it is requested synchronously here, before the first await.
 */
function withServerAccess<T>(serverUrl: string, next: (serverUrl: string) => Promise<T>): Promise<T> {
  let url: string;
  try {
    url = normalizeServerUrl(serverUrl);
  } catch (e) {
    return Promise.reject(e);
  }
  return requestServerAccess(url).then((granted) => {
    if (!granted) throw new VaultError('permission_needed');
    return next(url);
  });
}

export const signIn = (v: { serverUrl: string; username: string; password: string }) =>
  withServerAccess(v.serverUrl, (serverUrl) => sendMessage('signIn', { ...v, serverUrl }));

export const checkCode = (v: { serverUrl: string; username: string; code: string }) =>
  withServerAccess(v.serverUrl, (serverUrl) => sendMessage('enrollStart', { ...v, serverUrl }));

export const enroll = (v: { serverUrl: string; username: string; code: string; password: string }) =>
  withServerAccess(v.serverUrl, (serverUrl) => sendMessage('enroll', { ...v, serverUrl }));
