import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALICE, BOB, secret, syncResponse } from '@/test/fixtures';
import { accessList, userEntry } from '@/test/share-fixtures';
import { applySync, openCache } from '@/utils/cache';
import { App } from '@/entrypoints/popup/App';

// The popup's views are addressable by hash, so another page (the right-click flow) can open one directly.
const worker = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('@/utils/messaging', () => ({ sendMessage: worker.sendMessage, connectEvents: () => () => undefined }));

const SERVER = 'https://vault.example';
const PAYMENTS = secret({ name: 'Payments API' });
const CRM = secret({ name: 'CRM Sandbox', owner: BOB, permissions: { view: true, edit: false, share: false } });

beforeEach(async () => {
  await fakeBrowser.storage.local.set({
    account: { userId: ALICE.id, username: 'alice', name: 'Alice Example', serverUrl: SERVER },
  });
  await fakeBrowser.storage.session.set({
    session: { token: 't', expiresAt: 'x', me: { id: ALICE.id } },
    resume: { key: 'k', iv: 'i', ct: 'c' },
  });
  const db = await openCache();
  await applySync(db, syncResponse({ full: true, secrets: [PAYMENTS, CRM] }), { userId: ALICE.id, serverUrl: SERVER });
  db.close();
  worker.sendMessage.mockReset();
  worker.sendMessage.mockImplementation(async (type: string) => {
    if (type === 'sync') return { ok: true, applied: { full: false, upserted: 0, removed: 0 }, at: 'now' };
    if (type === 'getAccessList') return { list: accessList(PAYMENTS.id, [userEntry(BOB)]) };
    return new Promise(() => undefined);
  });
});

const at = (hash: string) => {
  location.hash = hash;
  render(<App />);
};

describe('popup routes', () => {
  it('#/share/<id> opens the share panel directly', async () => {
    at(`#/share/${PAYMENTS.id}`);
    expect(await screen.findByRole('heading', { name: 'Share' })).toBeTruthy();
    expect(screen.getByText('Payments API', { selector: '.details__sub' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Internal/ })).toBeTruthy();
  });

  it('#/share/<id>/internal (the right-click) opens straight into Internal, its search focused', async () => {
    at(`#/share/${PAYMENTS.id}/internal`);
    const search = await screen.findByRole('combobox', { name: 'Search users or groups' });
    expect(screen.queryByRole('button', { name: /^Internal/ })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(search));
  });

  it('#/share/<id>,<id> opens the batch share, starting with its confirmation', async () => {
    const other = secret({ name: 'Maps API' });
    const db = await openCache();
    await db.put('secrets', other);
    db.close();
    at(`#/share/${PAYMENTS.id},${other.id}`);
    expect(await screen.findByRole('alertdialog', { name: 'Share 2 records?' })).toBeTruthy();
  });

  it('#/share of a secret the user does not own says it is not there to share', async () => {
    at(`#/share/${CRM.id}`);
    expect(await screen.findByText(/This API secret is not in your list/)).toBeTruthy();
  });

  it('#/access/<id> opens who has access, alone', async () => {
    at(`#/access/${PAYMENTS.id}`);
    expect(await screen.findByRole('heading', { name: 'Who has access: Payments API' })).toBeTruthy();
    expect(await screen.findByText('Bob Builder')).toBeTruthy();
  });

  it('#/details/<id> opens the details; Back returns to the list and the hash follows', async () => {
    at(`#/details/${PAYMENTS.id}`);
    expect(await screen.findByRole('heading', { name: 'Payments API' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
    await waitFor(() => expect(location.hash).toBe('#/'));
    expect(screen.getByRole('combobox', { name: 'Search API secrets' })).toBeTruthy();
  });

  it('#/add opens the Add form, also from the toolbar button', async () => {
    at('#/');
    await userEvent.click(await screen.findByRole('button', { name: 'Add API secret' }));
    expect(await screen.findByRole('heading', { name: 'Add API secret' })).toBeTruthy();
    expect(location.hash).toBe('#/add');
  });

  it('an unknown id says so, with the way back', async () => {
    at('#/details/00000000-0000-4000-8000-00000000dead');
    expect(await screen.findByText(/This API secret is not in your list/)).toBeTruthy();
  });

  it('a row opens its details and sets the hash', async () => {
    at('#/');
    await userEvent.click(await screen.findByRole('option', { name: /^Payments API/ }));
    expect(location.hash).toBe(`#/details/${PAYMENTS.id}`);
  });
});
