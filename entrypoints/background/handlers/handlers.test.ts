import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateKeyPair, type KeyPair } from '@/utils/crypto';
import { openCache } from '@/utils/cache';
import type { VaultSession } from '@/utils/session';
import type { SyncEngine } from '@/utils/sync';
import { CLEAR_MESSAGE, CLIPBOARD_ALARM, clearWithCopyCommand } from '@/utils/clipboard/clear';
import { VaultError } from '@/utils/vault/errors';
import { fakeClient } from '@/test/fake-client';
import { secret, uuid } from '@/test/fixtures';
import { createBadge } from '../badge';
import { createUnlockedWork } from '../unlocked';
import { createClipboardHandlers, onClipboardAlarm } from './clipboard';
import { createSecretHandlers } from './secrets';
import { createShareHandlers } from './share';

const ME = uuid();
let me: KeyPair;
beforeEach(async () => {
  me = await generateKeyPair();
});

/** The worker's session as the handlers see it: unlocked with `me`'s keys and the given client. */
function worker(server: Parameters<typeof fakeClient>[0], unlocked = true) {
  const { client, calls } = fakeClient(server);
  const lock = vi.fn(async () => undefined);
  const session = {
    unlocked: () =>
      unlocked
        ? {
            client,
            owner: { userId: ME, serverUrl: 'https://vault.example' },
            me: { userId: ME, privateKey: me.privateKey, publicKey: me.publicKey },
          }
        : undefined,
    lock,
  } as unknown as VaultSession;
  const engine = { run: vi.fn(async () => ({ ok: true })) } as unknown as SyncEngine;
  const work = createUnlockedWork({ db: () => openCache(), session, engine });
  const handlers = {
    ...createSecretHandlers(work),
    ...createShareHandlers(work, createBadge()),
    ...createClipboardHandlers(),
  };
  return { handlers, work, calls, lock, engine };
}

describe('the worker’s secret, share and clipboard handlers', () => {
  it('refuses while locked', async () => {
    const { handlers } = worker({}, false);
    await expect(handlers.revealSecret({ secretId: uuid() })).rejects.toMatchObject({ code: 'locked' });
  });

  it('locks the vault when the server says the session expired, as a failed sync does', async () => {
    const { handlers, lock } = worker({ search: () => Promise.reject(new VaultError('session_expired')) });
    await expect(handlers.searchRecipients({ q: 'bo' })).rejects.toMatchObject({ code: 'session_expired' });
    expect(lock).toHaveBeenCalledWith('session_expired');
  });

  it('asks for a sync after every write, so the list shows Shared Yes/No and the status', async () => {
    const { handlers, engine } = worker({
      disableSecret: () => Promise.reject(new VaultError('stale_revision')),
      enableSecret: async () => secret(),
    });
    await expect(handlers.setSecretStatus({ secretId: uuid(), baseRevision: 1, enabled: false })).rejects.toMatchObject(
      { code: 'stale_revision' },
    );
    expect(engine.run).not.toHaveBeenCalled();
    await handlers.setSecretStatus({ secretId: uuid(), baseRevision: 1, enabled: true });
    expect(engine.run).toHaveBeenCalled();
  });

  it('shows the saved access list when the server is unreachable', async () => {
    const secretId = uuid();
    const list = { secretId, accessRevision: 3, owner: { id: ME, name: 'Me', username: 'me' }, entries: [] };
    await (
      await openCache()
    ).put('access', { secretId, accessRevision: 3, list, fetchedAt: '2025-01-01T00:00:00.000Z' });
    const { handlers } = worker({ getAccess: () => Promise.reject(new VaultError('unreachable')) });
    expect(await handlers.getAccessList({ secretId })).toEqual({ list, savedAt: '2025-01-01T00:00:00.000Z' });
  });

  it('after a copy, sets the alarm that clears the clipboard in 30 seconds', async () => {
    const { handlers } = worker({});
    const before = Date.now();
    await handlers.clearClipboardSoon(undefined as never);
    const alarm = await fakeBrowser.alarms.get(CLIPBOARD_ALARM);
    expect(alarm!.scheduledTime).toBeGreaterThanOrEqual(before + 30_000);
    expect(alarm!.scheduledTime).toBeLessThan(before + 31_000);
  });

  it('when the alarm fires in Chrome, clears the clipboard through a short-lived offscreen page', async () => {
    const offscreen = {
      hasDocument: vi.fn(async () => false),
      createDocument: vi.fn(async () => undefined),
      closeDocument: vi.fn(async () => undefined),
    };
    (fakeBrowser as unknown as { offscreen: typeof offscreen }).offscreen = offscreen;
    const sent: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void sent.push(m));
    try {
      await onClipboardAlarm(CLIPBOARD_ALARM);
    } finally {
      delete (fakeBrowser as unknown as { offscreen?: unknown }).offscreen;
    }
    expect(offscreen.createDocument).toHaveBeenCalledWith(expect.objectContaining({ reasons: ['CLIPBOARD'] }));
    expect(sent).toEqual([CLEAR_MESSAGE]);
    expect(offscreen.closeDocument).toHaveBeenCalled();
  });
});

describe('clearWithCopyCommand', () => {
  it('puts an empty string on the clipboard through a copy command', () => {
    const data = new Map<string, string>([['text/plain', 'sk_live_copied']]);
    let listener: ((e: unknown) => void) | undefined;
    const doc = {
      addEventListener: (_: string, l: (e: unknown) => void) => (listener = l),
      removeEventListener: vi.fn(),
      execCommand: () => (
        listener?.({ clipboardData: { setData: (t: string, v: string) => data.set(t, v) }, preventDefault: vi.fn() }),
        true
      ),
    } as unknown as Document;
    expect(clearWithCopyCommand(doc)).toBe(true);
    expect(data.get('text/plain')).toBe('');
  });
});
