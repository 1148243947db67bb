import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeVault, TEST_ITERATIONS, type FakeVault } from '@/test/fake-vault';
import { secret } from '@/test/fixtures';
import { applySync, countRecords, openCache } from '@/utils/cache';
import { syncResponse } from '@/test/fixtures';
import { AUTO_LOCK_ALARM } from './auto-lock';
import { createVaultSession } from './vault-session';
import { readStoredStatus } from './status';

const SERVER = 'https://vault.example';
const PASSWORD = 'correct horse battery staple';
let vault: FakeVault;
let clock: number;

/** A worker's session over the fake vault; a second call is a restarted worker reading the same storage. */
function startWorker(opts: { access?: boolean } = {}) {
  const db = openCache();
  return createVaultSession({
    db: () => db,
    createClient: vault.createClient,
    hasAccess: async () => opts.access ?? true,
    floor: { minIterations: TEST_ITERATIONS },
    now: () => clock,
  });
}
async function signedIn() {
  const s = startWorker();
  await s.ready;
  await s.signIn({ serverUrl: SERVER, username: 'alice', password: PASSWORD });
  return s;
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );
/** Everything the extension put in browser storage, as text, to search for secrets. */
const dump = async (area: 'local' | 'session') => JSON.stringify(await fakeBrowser.storage[area].get());

beforeEach(async () => {
  vault = fakeVault();
  clock = Date.parse('2025-03-01T09:00:00Z');
  await vault.addUser('alice', PASSWORD, 'Alice Example');
});

describe('sign in', () => {
  it('unlocks with the right password and keeps secrets out of storage.local', async () => {
    const s = await signedIn();
    expect(s.status()).toMatchObject({
      state: 'unlocked',
      account: { username: 'alice', name: 'Alice Example', serverUrl: SERVER },
    });
    const local = await dump('local');
    expect(local).not.toMatch(/token|encryptedPrivateKey|resume|"key"/);
    expect(JSON.parse(local)).toEqual({
      account: expect.objectContaining({ username: 'alice' }),
      settings: { serverUrl: SERVER, username: 'alice', autoLockMinutes: 15, matchByValue: true },
    });
    expect(Object.keys(await fakeBrowser.storage.session.get()).sort()).toEqual([
      'lastActivityAt',
      'resume',
      'resumeSigning',
      'session',
    ]);
  });

  it.each([
    ['a wrong password', { password: 'nope' }, 'invalid_credentials'],
    ['an address that is not http(s)', { serverUrl: 'ftp://x' }, 'invalid_url'],
  ])('refuses %s', async (_what, change, code) => {
    const s = startWorker();
    expect(await failure(s.signIn({ serverUrl: SERVER, username: 'alice', password: PASSWORD, ...change }))).toBe(code);
    expect(s.status().state).toBe('signedOut');
  });

  it('says the server is unreachable when it is down', async () => {
    vault.state.online = false;
    expect(await failure(startWorker().signIn({ serverUrl: SERVER, username: 'alice', password: PASSWORD }))).toBe(
      'unreachable',
    );
  });

  it('will not contact a server the user has not allowed', async () => {
    const s = startWorker({ access: false });
    expect(await failure(s.signIn({ serverUrl: SERVER, username: 'alice', password: PASSWORD }))).toBe(
      'permission_needed',
    );
    expect(vault.state.calls).toEqual([]);
  });
});

describe('enrollment', () => {
  it('checks the code, makes keys on the device and signs in', async () => {
    vault.invite('bob', 'INVITE-1234', 'Bob Builder');
    const s = startWorker();
    expect(await s.enrollStart({ serverUrl: SERVER, username: 'bob', code: 'INVITE-1234' })).toMatchObject({
      name: 'Bob Builder',
    });
    await s.enroll({ serverUrl: SERVER, username: 'bob', code: 'INVITE-1234', password: PASSWORD });
    expect(s.status()).toMatchObject({ state: 'unlocked', account: { username: 'bob' } });
    await s.lock('manual');
    await s.unlock(PASSWORD); // the keys made at enrollment open with the chosen password
    expect(s.status().state).toBe('unlocked');
  });

  it.each([
    ['a wrong code', 'WRONG-CODE', false, 'invalid_enrollment_code'],
    ['an expired code', 'INVITE-1234', true, 'enrollment_code_expired'],
  ])('has its own message for %s', async (_what, code, expired, expected) => {
    vault.invite('bob', 'INVITE-1234', 'Bob Builder', expired);
    expect(await failure(startWorker().enrollStart({ serverUrl: SERVER, username: 'bob', code }))).toBe(expected);
  });
});

describe('lock and unlock', () => {
  it('drops the keys but keeps the cache, and unlocks offline with the password', async () => {
    const s = await signedIn();
    await applySync(await openCache(), syncResponse({ full: true, secrets: [secret()] }), {
      userId: 'x',
      serverUrl: SERVER,
    });
    await s.lock('manual');
    expect(s.status()).toMatchObject({ state: 'locked', reason: 'manual' });
    expect(s.privateKey()).toBeUndefined();
    expect(await fakeBrowser.storage.session.get('resume')).toEqual({});
    expect((await countRecords(await openCache())).secrets).toBe(1);
    vault.state.online = false;
    expect(await failure(s.unlock('wrong password'))).toBe('wrong_password');
    await s.unlock(PASSWORD);
    expect(s.status().state).toBe('unlocked');
  });

  it('resumes unlocked in a restarted worker without the password', async () => {
    await signedIn();
    const restarted = startWorker();
    await restarted.ready;
    expect(restarted.status().state).toBe('unlocked');
    expect(restarted.privateKey()).toBeDefined();
  });

  it('is locked after the browser restarts (storage.session is gone), and unlocking signs in again', async () => {
    await signedIn();
    await fakeBrowser.storage.session.clear();
    const s = startWorker();
    await s.ready;
    expect(s.status()).toMatchObject({ state: 'locked', reason: 'restart' });
    expect(await readStoredStatus()).toMatchObject({ state: 'locked', reason: 'restart' });
    vault.state.calls.length = 0;
    await s.unlock(PASSWORD);
    expect(vault.state.calls).toEqual(['prelogin', 'login']);
    expect(s.status().state).toBe('unlocked');
  });

  it('locks with "session expired" when the server no longer knows the token', async () => {
    const s = await signedIn();
    vault.expireSessions();
    const target = s.unlocked();
    expect(await failure(target!.client.call('sync'))).toBe('session_expired');
    await s.lock('session_expired');
    expect(s.status()).toMatchObject({ state: 'locked', reason: 'session_expired' });
    expect(await fakeBrowser.storage.session.get('session')).toEqual({});
    await s.unlock(PASSWORD);
    expect(s.status().state).toBe('unlocked');
  });
});

describe('auto-lock', () => {
  it('sets an alarm 15 minutes after the last activity and moves it with activity', async () => {
    const s = await signedIn();
    expect((await fakeBrowser.alarms.get(AUTO_LOCK_ALARM))?.scheduledTime).toBe(clock + 15 * 60_000);
    clock += 5 * 60_000;
    await s.touch();
    expect((await fakeBrowser.alarms.get(AUTO_LOCK_ALARM))?.scheduledTime).toBe(clock + 15 * 60_000);
  });

  it('locks when the alarm fires after the idle time, not before', async () => {
    const s = await signedIn();
    clock += 14 * 60_000;
    await s.checkIdle();
    expect(s.status().state).toBe('unlocked');
    clock += 60_000;
    await s.checkIdle();
    expect(s.status()).toMatchObject({ state: 'locked', reason: 'idle' });
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
  });

  it('follows the configured time', async () => {
    const s = await signedIn();
    await fakeBrowser.storage.local.set({ settings: { serverUrl: SERVER, username: 'alice', autoLockMinutes: 1 } });
    clock += 61_000;
    await s.checkIdle();
    expect(s.status().state).toBe('locked');
  });

  it('locks at start-up when the worker wakes after the deadline', async () => {
    await signedIn();
    clock += 16 * 60_000;
    const s = startWorker();
    await s.ready;
    expect(s.status()).toMatchObject({ state: 'locked', reason: 'idle' });
  });
});

describe('sign out', () => {
  it('clears storage.session, the account and every IndexedDB store, and tells the server', async () => {
    const s = await signedIn();
    await applySync(await openCache(), syncResponse({ full: true, secrets: [secret()] }), {
      userId: 'x',
      serverUrl: SERVER,
    });
    await s.signOut();
    expect(s.status().state).toBe('signedOut');
    expect(vault.state.calls).toContain('logout');
    expect(await fakeBrowser.storage.session.get()).toEqual({});
    expect(await fakeBrowser.storage.local.get('account')).toEqual({});
    expect(Object.values(await countRecords(await openCache())).every((n) => n === 0)).toBe(true);
  });

  it('signs out even when the server is down', async () => {
    const s = await signedIn();
    vault.state.online = false;
    await s.signOut();
    expect(s.status().state).toBe('signedOut');
  });
});
