import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALICE } from '@/test/fixtures';
import { LIVE_SYNC_MS } from '@/utils/config';
import { formatWhen } from '@/utils/i18n';
import { VaultError } from '@/utils/vault/errors';
import { App } from '@/entrypoints/options/App';

const worker = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('@/utils/messaging', () => ({ sendMessage: worker.sendMessage, connectEvents: () => () => undefined }));

const account = { userId: ALICE.id, username: 'alice', name: 'Alice Example', serverUrl: 'http://localhost:8787' };
let request: ReturnType<typeof vi.fn>;

beforeEach(() => {
  worker.sendMessage.mockReset();
  worker.sendMessage.mockImplementation(() => new Promise(() => undefined));
  request = vi.fn(() => Promise.resolve(true));
  fakeBrowser.permissions.request = request as never;
});

async function fill(label: string, text: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  await userEvent.type(input, text);
}

describe('options page: sign in', () => {
  it('asks for the server permission first, then signs in through the worker', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Sign in to your vault' });
    await fill('Vault server', 'localhost:8787');
    await fill('Username', 'alice');
    await fill('Password', 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    expect(worker.sendMessage).toHaveBeenCalledWith('signIn', {
      serverUrl: 'http://localhost:8787',
      username: 'alice',
      password: 'correct horse',
    });
  });

  it('explains when the permission is refused, and does not send the password', async () => {
    request.mockResolvedValueOnce(false);
    render(<App />);
    await screen.findByRole('heading', { name: 'Sign in to your vault' });
    await fill('Vault server', 'https://vault.example');
    await fill('Username', 'alice');
    await fill('Password', 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/needs your permission/);
    expect(worker.sendMessage).not.toHaveBeenCalledWith('signIn', expect.anything());
  });

  it.each([
    ['invalid_credentials', 'Wrong username or password.'],
    ['unreachable', "Can't reach the vault server. Check the address, or try again when it's back."],
    ['not_a_vault', "That address answered, but it isn't a Vaultshare vault server. Check the address."],
  ] as const)('words a %s failure', async (code, text) => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Sign in to your vault' });
    worker.sendMessage.mockImplementation((type: string) =>
      type === 'signIn' ? Promise.reject(new VaultError(code)) : new Promise(() => undefined),
    );
    await fill('Vault server', 'https://vault.example');
    await fill('Username', 'alice');
    await fill('Password', 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(text);
  });
});

describe('options page: enrollment', () => {
  async function openEnroll() {
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Enroll with an invitation code' }));
    await fill('Vault server', 'https://vault.example');
    await fill('Username', 'bob');
    await fill('Invitation code', 'INVITE-1234');
  }

  it('checks the code, names the person, then creates the keys with the chosen password', async () => {
    worker.sendMessage.mockImplementation((type: string) =>
      type === 'enrollStart'
        ? Promise.resolve({
            userId: ALICE.id,
            username: 'bob',
            name: 'Bob Builder',
            email: 'bob@example.com',
            iterations: 600000,
          })
        : new Promise(() => undefined),
    );
    await openEnroll();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Enrolling as Bob Builder (bob@example.com)')).toBeTruthy();
    await fill('Choose a password', 'short');
    await fill('Type it again', 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create my keys and sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('Use at least 12 characters.');
    await fill('Choose a password', 'four random words here');
    await fill('Type it again', 'four random words there');
    await userEvent.click(screen.getByRole('button', { name: 'Create my keys and sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('The two passwords are different.');
    await fill('Type it again', 'four random words here');
    await userEvent.click(screen.getByRole('button', { name: 'Create my keys and sign in' }));
    expect(worker.sendMessage).toHaveBeenCalledWith('enroll', {
      serverUrl: 'https://vault.example',
      username: 'bob',
      code: 'INVITE-1234',
      password: 'four random words here',
    });
  });

  it('says when the code has expired', async () => {
    worker.sendMessage.mockImplementation((type: string) =>
      type === 'enrollStart' ? Promise.reject(new VaultError('enrollment_code_expired')) : new Promise(() => undefined),
    );
    await openEnroll();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That invitation code has expired. Ask your administrator for a new one.',
    );
  });
});

describe('options page: signed in', () => {
  it('shows the account with Lock and Sign out, and saves the auto-lock time', async () => {
    await fakeBrowser.storage.local.set({ account });
    await fakeBrowser.storage.session.set({
      session: { token: 't', expiresAt: 'x', me: { fingerprint: 'ab'.repeat(32) } },
      resume: {},
    });
    worker.sendMessage.mockImplementation((type: string, data?: { autoLockMinutes: number }) =>
      type === 'saveSettings'
        ? Promise.resolve({ serverUrl: '', username: 'alice', autoLockMinutes: data?.autoLockMinutes })
        : new Promise(() => undefined),
    );
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Signed in as Alice Example' })).toBeTruthy();
    expect(screen.getByText('http://localhost:8787')).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Lock the vault after this long without activity'), '30');
    expect(worker.sendMessage).toHaveBeenCalledWith('saveSettings', { autoLockMinutes: 30 });
    expect(await screen.findByText('Saved.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(worker.sendMessage).toHaveBeenCalledWith('signOut');
  });
});

describe('options page: right-click matching by value', () => {
  it('shows where the index stands, and turning it off says what right-click still finds', async () => {
    await fakeBrowser.storage.local.set({ account });
    await fakeBrowser.storage.session.set({
      session: { token: 't', expiresAt: 'x', me: { fingerprint: 'ab'.repeat(32) } },
      resume: {},
    });
    worker.sendMessage.mockImplementation((type: string, data?: { matchByValue: boolean }) => {
      if (type === 'getValueIndexStatus') return Promise.resolve({ state: 'building', indexed: 2500, outOf: 10000 });
      if (type === 'saveSettings')
        return Promise.resolve({ serverUrl: '', username: 'alice', autoLockMinutes: 15, ...data });
      return new Promise(() => undefined);
    });
    render(<App />);
    const box = (await screen.findByRole('checkbox', {
      name: 'Recognise a selected client secret by its value',
    })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(await screen.findByText(/Preparing \(2,500 of 10,000\)/)).toBeTruthy();
    await userEvent.click(box);
    expect(worker.sendMessage).toHaveBeenCalledWith('saveSettings', { matchByValue: false });
    expect(await screen.findByText(/Off: no client secret is fetched/)).toBeTruthy();
    expect(box.checked).toBe(false);
  });
});

describe('options page: live while open', () => {
  const unlock = async () => {
    await fakeBrowser.storage.local.set({ account });
    await fakeBrowser.storage.session.set({
      session: { token: 't', expiresAt: 'x', me: { fingerprint: 'ab'.repeat(32) } },
      resume: {},
    });
  };
  // Only the intervals are faked: the page's own waits stay real.
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => void vi.useRealTimers());
  const syncs = () => worker.sendMessage.mock.calls.filter(([type]) => type === 'sync').length;

  it('syncs at once and every few seconds while unlocked, and says when it last heard from the vault', async () => {
    await unlock();
    let at = Date.parse('2025-03-04T09:00:00Z');
    worker.sendMessage.mockImplementation((type: string) =>
      type === 'sync'
        ? Promise.resolve({
            ok: true,
            applied: { full: false, upserted: 0, removed: 0 },
            at: new Date(at).toISOString(),
          })
        : new Promise(() => undefined),
    );
    render(<App />);
    const shown = (ms: number) => `Last synced ${formatWhen(new Date(ms).toISOString())}`;
    expect(await screen.findByText(shown(at))).toBeTruthy();
    expect(syncs()).toBe(1);
    at += 60_000;
    vi.advanceTimersByTime(LIVE_SYNC_MS);
    expect(syncs()).toBe(2);
    expect(await screen.findByText(shown(at))).toBeTruthy();
    vi.advanceTimersByTime(LIVE_SYNC_MS * 2);
    expect(syncs()).toBe(4);
  });

  it('asks nothing while locked or signed out', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: 'Sign in to your vault' });
    vi.advanceTimersByTime(LIVE_SYNC_MS * 5);
    expect(syncs()).toBe(0);
  });
});
