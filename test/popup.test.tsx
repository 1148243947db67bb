import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALICE, BOB, secret, syncResponse } from '@/test/fixtures';
import { applySync, openCache, writeHead } from '@/utils/cache';
import type { VaultEvent } from '@/utils/messaging';
import type { SyncReport } from '@/utils/sync';
import { App } from '@/entrypoints/popup/App';
import { readFirstPaint } from '@/entrypoints/popup/use-popup-state';

// The popup talks to the worker only through the messaging module; here the test plays the worker.
const worker = vi.hoisted(() => ({
  sendMessage: vi.fn(),
  emit: undefined as undefined | ((e: VaultEvent) => void),
}));
vi.mock('@/utils/messaging', () => ({
  sendMessage: worker.sendMessage,
  connectEvents: (onEvent: (e: VaultEvent) => void) => ((worker.emit = onEvent), () => undefined),
}));

const SERVER = 'https://vault.example';
const account = { userId: ALICE.id, username: 'alice', name: 'Alice Example', serverUrl: SERVER };
const ok: SyncReport = {
  ok: true,
  applied: { full: false, upserted: 0, removed: 0, more: false },
  at: '2025-03-01T10:00:00Z',
};
const me = { id: ALICE.id, fingerprint: 'a'.repeat(64) };

async function signedInAs(state: 'unlocked' | 'locked') {
  await fakeBrowser.storage.local.set({ account });
  if (state === 'unlocked')
    await fakeBrowser.storage.session.set({
      session: { token: 't', expiresAt: 'x', me },
      resume: { key: 'k', iv: 'i', ct: 'c' },
    });
  else await fakeBrowser.storage.session.set({ lockReason: 'idle' });
}
async function cached(...secrets: ReturnType<typeof secret>[]) {
  const db = await openCache();
  await applySync(
    db,
    syncResponse({ full: true, secrets }),
    { userId: ALICE.id, serverUrl: SERVER },
    new Date('2025-03-01T08:30:00Z'),
  );
  db.close();
}
/** `count` secrets named "Service 00"… cached with the worker's list head; `headOnly` then empties the secrets store. */
async function cachedWithHead(count: number, opts: { headOnly?: boolean } = {}) {
  const db = await openCache();
  const many = Array.from({ length: count }, (_, i) => secret({ name: `Service ${String(i).padStart(2, '0')}` }));
  await applySync(db, syncResponse({ full: true, secrets: many }), { userId: ALICE.id, serverUrl: SERVER });
  await writeHead(db);
  if (opts.headOnly) await db.clear('secrets');
  db.close();
}
/** The worker's answers: its status, and what a sync returns (a promise the test may hold back). */
function workerAnswers(opts: { status?: unknown; sync?: () => Promise<SyncReport> } = {}) {
  worker.sendMessage.mockImplementation((type: string) => {
    if (type === 'sync') return opts.sync ? opts.sync() : Promise.resolve(ok);
    if (type === 'getStatus') return opts.status ? Promise.resolve(opts.status) : new Promise(() => undefined);
    // A secret's details ask for its external links: this user has made none.
    if (type === 'listExternalLinks') return Promise.resolve({ links: [], next: null });
    return Promise.resolve(undefined);
  });
}

beforeEach(() => {
  location.hash = ''; // a test that opened a view leaves its address behind
  worker.sendMessage.mockReset();
  // Until a test says otherwise the worker does not answer: a timer a previous test's page left running
  // (the status asked after the first frame) then waits, instead of calling `.then` on nothing.
  worker.sendMessage.mockImplementation(() => new Promise(() => undefined));
  worker.emit = undefined;
});

describe('popup', () => {
  it('signed out: explains and opens the sign-in page', async () => {
    workerAnswers();
    const open = vi.fn(() => Promise.resolve());
    fakeBrowser.runtime.openOptionsPage = open;
    window.close = vi.fn();
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Sign in to Vaultshare')).toBeTruthy();
    expect(open).toHaveBeenCalled();
  });

  it('locked: says why, and unlocks with the password', async () => {
    await signedInAs('locked');
    workerAnswers();
    render(<App />);
    expect(await screen.findByText('Vault locked')).toBeTruthy();
    expect(screen.getByText('Locked after a while without activity.')).toBeTruthy();
    expect(screen.getByText('alice on vault.example')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Password'), 'secret words');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(worker.sendMessage).toHaveBeenCalledWith('unlock', { password: 'secret words' });
  });

  it('locked while a right-click action waits: says it will continue after the unlock', async () => {
    await signedInAs('locked');
    workerAnswers();
    location.hash = '#/pending/abcdefghijklmnopqrstuvwx';
    render(<App />);
    expect(
      await screen.findByText(
        'After you unlock, what you chose on the page continues with the API secret you selected.',
      ),
    ).toBeTruthy();
  });

  it('locked: shows a wrong password', async () => {
    await signedInAs('locked');
    workerAnswers();
    const { VaultError } = await import('@/utils/vault/errors');
    render(<App />);
    // The popup asks the worker for its status once it has drawn; the next call is then the unlock.
    await waitFor(() => expect(worker.sendMessage).toHaveBeenCalledWith('getStatus'));
    worker.sendMessage.mockImplementationOnce(() => Promise.reject(new VaultError('wrong_password')));
    await userEvent.type(await screen.findByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong password.');
  });

  it('draws the cached list before the sync answers, then refreshes in place', async () => {
    await signedInAs('unlocked');
    await cached(secret({ name: 'Payments API', shared: true }), secret({ name: 'CRM Sandbox', owner: BOB }));
    let finish!: (r: SyncReport) => void;
    workerAnswers({ sync: () => new Promise((r) => (finish = r)) });
    render(<App />);
    expect(await screen.findByText('Payments API')).toBeTruthy();
    expect(screen.getByText('CRM Sandbox')).toBeTruthy();
    expect(worker.sendMessage).toHaveBeenCalledWith('sync');
    await cached(secret({ name: 'Payments API', shared: true }), secret({ name: 'New from server' }));
    finish({ ...ok, applied: { full: false, upserted: 1, removed: 0, more: false } });
    expect(await screen.findByText('New from server')).toBeTruthy();
  });

  it('draws its first screen from the cache head alone, with the counts of the whole list', async () => {
    await signedInAs('unlocked');
    // Only the head is read before the first frame: the secrets store could be empty and it would still draw.
    await cachedWithHead(60, { headOnly: true });
    workerAnswers({ sync: () => new Promise(() => undefined) });
    render(<App />);
    expect(await screen.findByText('Service 00')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^All 60/ })).toBeTruthy();
  });

  it('reads the session and the head before it renders: its first render is already the list', async () => {
    await signedInAs('unlocked');
    await cachedWithHead(40);
    workerAnswers({ sync: () => new Promise(() => undefined) });
    const first = await readFirstPaint();
    render(<App first={first} />);
    // Asked at once, not awaited: no empty frame comes before the rows.
    expect(screen.getByText('Service 00')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^All 40/ })).toBeTruthy();
    // After that frame the worker is asked to sync.
    await waitFor(() => expect(worker.sendMessage).toHaveBeenCalledWith('sync'));
  });

  it('a first read that found the vault locked draws the unlock form at once', async () => {
    await signedInAs('locked');
    workerAnswers();
    render(<App first={await readFirstPaint()} />);
    expect(screen.getByText('Vault locked')).toBeTruthy();
    expect(screen.getByText('Locked after a while without activity.')).toBeTruthy();
  });

  it('offline: keeps the saved list and says when it was last synced', async () => {
    await signedInAs('unlocked');
    await cached(secret({ name: 'Payments API' }));
    workerAnswers({ sync: async () => ({ ok: false, error: { code: 'unreachable' }, at: 'now' }) });
    render(<App />);
    expect(await screen.findByText('Offline — showing saved data')).toBeTruthy();
    expect(await screen.findByText(/^Last synced /)).toBeTruthy();
    expect(screen.getByText('Payments API')).toBeTruthy();
  });

  it('server error: says so and retries on request', async () => {
    await signedInAs('unlocked');
    await cached(secret({ name: 'Payments API' }));
    workerAnswers({ sync: async () => ({ ok: false, error: { code: 'server_error', status: 500 }, at: 'now' }) });
    render(<App />);
    expect(await screen.findByText('The vault server had a problem. Try again in a moment.')).toBeTruthy();
    workerAnswers();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.queryByText('The vault server had a problem. Try again in a moment.')).toBeNull(),
    );
  });

  it('empty vault: says so once synced', async () => {
    await signedInAs('unlocked');
    await cached();
    workerAnswers();
    render(<App />);
    expect(await screen.findByText('Your vault is empty')).toBeTruthy();
    expect(
      screen.getByText(/^Add your first API secret here, .* colleagues share with you appear here too/),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add your first API secret' }));
    expect(await screen.findByRole('heading', { name: 'Add API secret' })).toBeTruthy();
  });

  it('opens a secret’s details with Enter and goes back with Escape, search kept', async () => {
    await signedInAs('unlocked');
    await cached(
      secret({ name: 'Payments API', clientId: 'pay-123', identifier: 'PAY' }),
      secret({ name: 'Maps API', url: 'https://maps.example' }),
    );
    workerAnswers();
    render(<App />);
    const search = await screen.findByRole('combobox');
    await userEvent.type(search, 'payments');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Payments API' })).toBeTruthy();
    expect(screen.getByText('pay-123')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Payments API' })).toBeNull();
    expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('payments');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox')));
  });

  it('follows the worker: locking elsewhere locks the popup', async () => {
    await signedInAs('unlocked');
    await cached(secret({ name: 'Payments API' }));
    workerAnswers();
    render(<App />);
    await screen.findByText('Payments API');
    worker.emit?.({ type: 'status', status: { state: 'locked', account, reason: 'session_expired' } });
    expect(await screen.findByText('Your session expired. Enter your password to continue.')).toBeTruthy();
    expect(screen.queryByText('Payments API')).toBeNull();
  });
});
