import { enroll, toB64url, randomBytes } from '@/utils/crypto';
import { compactSync, type Me, type RouteName, type SecretSummary } from '@/utils/contract';
import type { CallInput, VaultClient } from '@/utils/vault/client';
import { VaultError } from '@/utils/vault/errors';
import { syncResponse, uuid } from './fixtures';

/** Low on purpose: VEP/1 is the same at any count, and tests pass the same floor to the session. */
export const TEST_ITERATIONS = 1000;

type Account = Me & { authKey: string };
type Body = Record<string, string>;
const bodyOf = (input: CallInput<RouteName>) => input.body as unknown as Body;

/**
 * An in-memory vault server speaking the contract's routes at the VaultClient level, with real VEP/1
 * keys: enough to sign in, enroll, sync and expire sessions, and to be switched off.
 */
export function fakeVault() {
  const accounts = new Map<string, Account>();
  const invites = new Map<string, { code: string; userId: string; name: string; expired: boolean }>();
  const tokens = new Set<string>();
  const state = { online: true, secrets: [] as SecretSummary[], calls: [] as RouteName[] };

  const me = ({ authKey: _omit, ...rest }: Account): Me => rest;
  const session = (a: Account) => {
    const token = toB64url(randomBytes(16));
    tokens.add(token);
    return { token, expiresAt: '2099-01-01T00:00:00.000Z', user: me(a) };
  };
  const fail = (code: ConstructorParameters<typeof VaultError>[0], status: number) => {
    throw new VaultError(code, { status });
  };

  const routes: Partial<Record<RouteName, (input: CallInput<RouteName>, token?: string) => unknown>> = {
    prelogin: (input) =>
      accounts.get(bodyOf(input).username ?? '')?.kdf ?? { salt: 'A'.repeat(22), iterations: TEST_ITERATIONS },
    login: (input) => {
      const { username = '', authKey } = bodyOf(input);
      const a = accounts.get(username);
      return a && a.authKey === authKey ? session(a) : fail('invalid_credentials', 401);
    },
    enrollStart: (input) => {
      const { username, code } = bodyOf(input);
      const invite = invites.get(username!);
      if (!invite || invite.code !== code) return fail('invalid_enrollment_code', 401);
      if (invite.expired) return fail('enrollment_code_expired', 410);
      return {
        userId: invite.userId,
        username,
        name: invite.name,
        email: `${username}@example.com`,
        iterations: TEST_ITERATIONS,
      };
    },
    enroll: (input) => {
      const b = input.body as unknown as Account & {
        code: string;
        signing?: { signingPublicKey: string; encryptedSigningKey: Account['encryptedPrivateKey'] };
      };
      const invite = invites.get(b.username)!;
      const a: Account = {
        id: invite.userId,
        username: b.username,
        name: invite.name,
        email: `${b.username}@example.com`,
        isAdmin: false,
        kdf: b.kdf,
        publicKey: b.publicKey,
        fingerprint: 'f'.repeat(64),
        encryptedPrivateKey: b.encryptedPrivateKey,
        authKey: b.authKey,
        signingPublicKey: b.signing?.signingPublicKey ?? null,
        encryptedSigningKey: b.signing?.encryptedSigningKey ?? null,
      };
      accounts.set(b.username, a);
      invites.delete(b.username);
      return session(a);
    },
    logout: (_input, token) => (tokens.delete(token ?? ''), { ok: true }),
    sync: (_input, token) =>
      tokens.has(token ?? '')
        ? compactSync(syncResponse({ full: true, cursor: '1', secrets: state.secrets }))
        : fail('session_expired', 401),
  };

  return {
    state,
    /** Creates an enrolled account with real keys. */
    async addUser(username: string, password: string, name = username) {
      const id = uuid();
      const keys = await enroll(password, id, TEST_ITERATIONS);
      accounts.set(username, {
        id,
        username,
        name,
        email: `${username}@example.com`,
        isAdmin: false,
        kdf: keys.kdf,
        publicKey: keys.publicKey,
        fingerprint: keys.fingerprint,
        encryptedPrivateKey: keys.encryptedPrivateKey,
        authKey: keys.authKey,
        signingPublicKey: keys.signingPublicKey,
        encryptedSigningKey: keys.encryptedSigningKey,
      });
      return id;
    },
    invite(username: string, code: string, name: string, expired = false) {
      invites.set(username, { code, userId: uuid(), name, expired });
    },
    /** Forgets every session, as the server does when they expire. */
    expireSessions: () => tokens.clear(),
    createClient(_serverUrl: string, getToken: () => string | undefined): VaultClient {
      return {
        async call(name, input = {}) {
          state.calls.push(name);
          if (!state.online) throw new VaultError('unreachable');
          const route = routes[name];
          if (!route) throw new Error(`fake vault has no route ${name}`);
          return route(input as CallInput<RouteName>, getToken()) as never;
        },
      };
    },
  };
}
export type FakeVault = ReturnType<typeof fakeVault>;
