import { VaultError } from '@/utils/vault/errors';
import { hasServerAccess } from '@/utils/vault/permissions';
import { normalizeServerUrl } from '@/utils/vault/server-url';
import * as auth from './auth';
import { createSessionState, type SessionStateDeps } from './session-state';
import type { SessionStatus } from './types';

export type VaultSessionDeps = SessionStateDeps & {
  hasAccess?: (serverUrl: string) => Promise<boolean>;
  floor?: auth.KdfFloor;
};

export type SignInInput = { serverUrl: string; username: string; password: string };
export type EnrollInput = SignInInput & { code: string };

/**
 * The background worker's session: sign in, enroll, unlock, lock and sign out, over the session
 * state. Call `ready` before anything else.
 */
export function createVaultSession(deps: VaultSessionDeps) {
  const state = createSessionState(deps);
  const anonymous = (serverUrl: string) => state.makeClient(serverUrl, () => undefined);

  /** The normalised address, once the user has let the extension contact it. */
  async function allowed(input: { serverUrl: string }): Promise<string> {
    const serverUrl = normalizeServerUrl(input.serverUrl);
    if (!(await (deps.hasAccess ?? hasServerAccess)(serverUrl))) throw new VaultError('permission_needed');
    return serverUrl;
  }

  return {
    ...state,

    async signIn(input: SignInInput): Promise<SessionStatus> {
      const serverUrl = await allowed(input);
      const authed = (token: string) => state.makeClient(serverUrl, () => token);
      return state.establish(
        await auth.signIn(anonymous(serverUrl), input.username, input.password, deps.floor, authed),
        serverUrl,
      );
    },

    async enrollStart(input: Omit<EnrollInput, 'password'>) {
      const serverUrl = await allowed(input);
      return auth.startEnrollment(anonymous(serverUrl), input.username, input.code);
    },

    async enroll(input: EnrollInput): Promise<SessionStatus> {
      const serverUrl = await allowed(input);
      return state.establish(
        await auth.enroll(anonymous(serverUrl), input.username, input.code, input.password, deps.floor),
        serverUrl,
      );
    },

    /** Unlocks with the encrypted key kept since sign-in (works offline), or signs in again if there is none. */
    async unlock(password: string): Promise<SessionStatus> {
      const account = state.account();
      const record = state.record();
      if (!account) throw new VaultError('signed_out');
      if (state.privateKey()) return state.status();
      if (record) {
        const online = state.makeClient(account.serverUrl, () => record.token);
        return state.establish(
          { ...record, ...(await auth.unlockWithPassword(record.me, password, deps.floor, online)) },
          account.serverUrl,
        );
      }
      try {
        const authed = (token: string) => state.makeClient(account.serverUrl, () => token);
        return await state.establish(
          await auth.signIn(anonymous(account.serverUrl), account.username, password, deps.floor, authed),
          account.serverUrl,
        );
      } catch (e) {
        throw e instanceof VaultError && e.code === 'invalid_credentials' ? new VaultError('wrong_password') : e;
      }
    },

    async signOut(): Promise<SessionStatus> {
      const account = state.account();
      const token = state.record()?.token;
      // Best effort: the server forgets the token; being offline must not keep anyone signed in here.
      if (account && token)
        await state
          .makeClient(account.serverUrl, () => token)
          .call('logout')
          .catch(() => undefined);
      return state.forget();
    },
  };
}

export type VaultSession = ReturnType<typeof createVaultSession>;
