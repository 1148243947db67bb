import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALICE, BOB, secret, syncResponse } from '@/test/fixtures';
import { linkView } from '@/test/link-fixtures';
import { accessList } from '@/test/share-fixtures';
import { applySync, openCache } from '@/utils/cache';
import type { LinkView, SharingPolicy } from '@/utils/contract';
import type { LinkDraft } from '@/utils/links/external-link';
import { VaultError } from '@/utils/vault/errors';
import { App } from '@/entrypoints/popup/App';

// The popup's pages with the worker played by the test: the External card, its screen, the sharing center,
// and a secret's external shares in its details, each asking the worker what a user's click asks for.
const worker = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('@/utils/messaging', () => ({ sendMessage: worker.sendMessage, connectEvents: () => () => undefined }));

const SERVER = 'https://vault.example';
const PAYMENTS = secret({ name: 'Payments API' });
const CRM = secret({ name: 'CRM Sandbox', owner: BOB, permissions: { view: true, edit: false, share: false } });
const URL_OF = (l: LinkView) => `${SERVER}/s/${l.id}#fragment-key`;
let policy: SharingPolicy;
let links: LinkView[];
let pageSize: number;
const calls = (type: string) => worker.sendMessage.mock.calls.filter((c) => c[0] === type).map((c) => c[1] as unknown);

beforeEach(async () => {
  policy = { external: true, maxLinkSeconds: 7 * 86_400, baseUrl: null };
  links = [];
  pageSize = 25;
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
  worker.sendMessage.mockImplementation(async (type: string, data: Record<string, string>) => {
    if (type === 'sync') return { ok: true, applied: { full: false, upserted: 0, removed: 0 }, at: 'now' };
    if (type === 'getAccessList') return { list: accessList(data.secretId!, []) };
    if (type === 'getSharingPolicy') return policy;
    if (type === 'createExternalLink') {
      const d = data as unknown as LinkDraft;
      const link = linkView({
        secretId: d.secretId,
        secretName: PAYMENTS.name,
        recipientEmail: d.recipientEmail,
        expiresAt: d.expiresAt,
        maxAccesses: d.maxAccesses,
        remainingAccesses: d.maxAccesses,
        hasCode: !!d.accessCode,
      });
      links.push(link);
      return { link, url: URL_OF(link) };
    }
    if (type === 'listExternalLinks') {
      // Pages of `pageSize`, as the worker hands the server's on; the cursor is the last id sent.
      const mine = links.filter((l) => !data.secretId || l.secretId === data.secretId);
      const from = data.cursor ? mine.findIndex((l) => l.id === data.cursor) + 1 : 0;
      const page = mine.slice(from, from + pageSize);
      return { links: page, next: from + pageSize < mine.length ? page.at(-1)!.id : null };
    }
    if (type === 'emailExternalLink')
      return { ...links.find((l) => l.id === data.linkId)!, lastEmailedAt: new Date().toISOString() };
    if (type === 'copyExternalLink') return { url: URL_OF(links.find((l) => l.id === data.linkId)!) };
    if (type === 'revokeExternalLink') {
      const l = links.find((x) => x.id === data.linkId)!;
      Object.assign(l, { status: 'revoked', revokedAt: new Date().toISOString() });
      return l;
    }
    if (type === 'clearClipboardSoon') return undefined;
    return new Promise(() => undefined);
  });
});

const at = (hash: string) => {
  location.hash = hash;
  render(<App />);
};

describe('external sharing in the popup', () => {
  it('the owner’s Share screen shows External when the administrator allows it', async () => {
    at(`#/share/${PAYMENTS.id}`);
    await userEvent.click(await screen.findByRole('button', { name: /^External/ }));
    await waitFor(() => expect(location.hash).toBe(`#/external/${PAYMENTS.id}`));
    expect(await screen.findByRole('heading', { name: 'Share externally' })).toBeTruthy();
    expect(screen.getByText('Your administrator allows links to last at most 7 days.')).toBeTruthy();
  });

  it('no External card when the administrator has turned external sharing off', async () => {
    policy = { ...policy, external: false };
    at(`#/share/${PAYMENTS.id}`);
    await screen.findByRole('button', { name: /^Internal/ });
    await waitFor(() => expect(calls('getSharingPolicy')).toHaveLength(1));
    expect(screen.queryByRole('button', { name: /^External/ })).toBeNull();
  });

  it('no External screen for a secret the user may not share', async () => {
    at(`#/external/${CRM.id}`);
    expect(await screen.findByText(/This API secret is not in your list/)).toBeTruthy();
    expect(calls('createExternalLink')).toEqual([]);
  });

  it('creates a link, copies it, emails it, and the center then lists it', async () => {
    const user = userEvent.setup();
    at(`#/external/${PAYMENTS.id}`);
    await user.type(await screen.findByLabelText(/^Recipient's email/), 'dana@partner.example');
    await user.type(screen.getByLabelText('Access code'), 'amber-falcon-42');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(await screen.findByRole('heading', { name: 'Link created' })).toBeTruthy();
    expect(calls('createExternalLink')).toEqual([
      expect.objectContaining({
        secretId: PAYMENTS.id,
        recipientEmail: 'dana@partner.example',
        maxAccesses: 1,
        accessCode: 'amber-falcon-42',
      }),
    ]);
    const link = links[0]!;
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    await screen.findByText('Link copied. The clipboard will be cleared in 30 seconds.');
    expect(await navigator.clipboard.readText()).toBe(URL_OF(link));
    expect(calls('clearClipboardSoon')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Email it to dana@partner.example' }));
    await screen.findByText('Sent to dana@partner.example. Remember to give them the access code another way.');
    expect(calls('emailExternalLink')).toEqual([{ linkId: link.id }]);

    await user.click(screen.getByRole('button', { name: 'Manage in the sharing center' }));
    await waitFor(() => expect(location.hash).toBe('#/links'));
    const item = await screen.findByRole('listitem', { name: 'Payments API' });
    expect(within(item).getByText('Active')).toBeTruthy();
    expect(item.textContent).toContain('dana@partner.example');
  });

  it('the worker’s refusal is said in words on the screen', async () => {
    const base = worker.sendMessage.getMockImplementation()!;
    worker.sendMessage.mockImplementation(async (type: string, data: Record<string, string>) =>
      type === 'createExternalLink' ? Promise.reject(new VaultError('expiry_too_late')) : base(type, data),
    );
    const user = userEvent.setup();
    at(`#/external/${PAYMENTS.id}`);
    await user.type(await screen.findByLabelText(/^Recipient's email/), 'dana@partner.example');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That expiration is later than your administrator allows. Choose an earlier one.',
    );
  });

  it('the header leads to the sharing center, where Revoke ends a link after its confirmation', async () => {
    links = [linkView({ secretId: PAYMENTS.id, secretName: 'Payments API' })];
    const user = userEvent.setup();
    at('#/');
    await user.click(await screen.findByRole('button', { name: 'Sharing center' }));
    const item = await screen.findByRole('listitem', { name: 'Payments API' });
    await user.click(within(item).getByRole('button', { name: 'Copy link' }));
    await screen.findByText('Link copied. The clipboard will be cleared in 30 seconds.');
    expect(await navigator.clipboard.readText()).toBe(URL_OF(links[0]!));
    await user.click(within(item).getByRole('button', { name: 'Revoke' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));
    await screen.findByText('The link for dana@partner.example no longer works.');
    expect(within(item).getByText('Revoked')).toBeTruthy();
    expect(within(item).queryByRole('button')).toBeNull();
  });

  it('the sharing center shows a page of links, and Show more links adds the next until there are no more', async () => {
    pageSize = 2;
    links = ['ana', 'ben', 'cy'].map((who) => linkView({ recipientEmail: `${who}@partner.example` }));
    const user = userEvent.setup();
    at('#/links');
    await screen.findByText('ben@partner.example');
    expect(screen.queryByText('cy@partner.example')).toBeNull();
    expect(screen.getAllByRole('listitem', { name: 'Payments API' })).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Show more links' }));
    await screen.findByText('cy@partner.example');
    expect(screen.getAllByRole('listitem', { name: 'Payments API' })).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Show more links' })).toBeNull();
    expect(calls('listExternalLinks')).toEqual([{}, { cursor: links[1]!.id }]);
  });

  it('a next page that cannot be had is said in words, and Show more links stays to try again', async () => {
    pageSize = 1;
    links = ['ana', 'ben'].map((who) => linkView({ recipientEmail: `${who}@partner.example` }));
    const base = worker.sendMessage.getMockImplementation()!;
    let offline = true;
    worker.sendMessage.mockImplementation(async (type: string, data: Record<string, string>) =>
      type === 'listExternalLinks' && data.cursor && offline
        ? Promise.reject(new VaultError('unreachable'))
        : base(type, data),
    );
    const user = userEvent.setup();
    at('#/links');
    await screen.findByText('ana@partner.example');
    await user.click(screen.getByRole('button', { name: 'Show more links' }));
    await screen.findByText("Can't reach the vault server. Check the address, or try again when it's back.");
    expect(screen.queryByText('ben@partner.example')).toBeNull();
    offline = false;
    await user.click(screen.getByRole('button', { name: 'Show more links' }));
    await screen.findByText('ben@partner.example');
  });

  it('a secret’s details show its active external shares beside who has access', async () => {
    links = [
      linkView({ secretId: PAYMENTS.id, recipientEmail: 'dana@partner.example' }),
      linkView({ secretId: PAYMENTS.id, recipientEmail: 'old@partner.example', status: 'expired' }),
    ];
    at(`#/details/${PAYMENTS.id}`);
    const region = await screen.findByRole('region', { name: 'External shares' });
    expect(region.textContent).toContain('dana@partner.example');
    expect(region.textContent).not.toContain('old@partner.example');
    expect(calls('listExternalLinks')).toEqual([{ secretId: PAYMENTS.id }]);
  });

  it('a secret shared with the user asks for no external shares', async () => {
    at(`#/details/${CRM.id}`);
    await screen.findByRole('heading', { name: 'CRM Sandbox' });
    expect(calls('listExternalLinks')).toEqual([]);
  });
});
