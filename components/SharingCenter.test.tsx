import { describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { linkView } from '@/test/link-fixtures';
import type { LinkView } from '@/utils/contract';
import { ExternalShares } from './ExternalShares';
import { SharingCenter, type SharingCenterProps } from './SharingCenter';

const ACTIVE = linkView({
  secretName: 'Payments API',
  recipientEmail: 'dana@partner.example',
  maxAccesses: 3,
  accesses: 1,
  remainingAccesses: 2,
  createdAt: '2026-03-01T09:00:00.000Z',
  log: [
    { at: '2026-03-01T10:00:00.000Z', network: '203.0.113.0/24', browser: 'Firefox', outcome: 'wrong_code' },
    { at: '2026-03-01T10:01:00.000Z', network: '203.0.113.0/24', browser: 'Firefox', outcome: 'opened' },
  ],
});
const FINISHED = linkView({
  secretName: 'Maps API',
  recipientEmail: 'erin@agency.example',
  accesses: 1,
  remainingAccesses: 0,
  status: 'finished',
  createdAt: '2026-03-05T09:00:00.000Z',
});
const EXPIRED = linkView({
  secretName: 'CRM',
  status: 'expired',
  hasCode: false,
  createdAt: '2026-02-01T09:00:00.000Z',
});
const REVOKED = linkView({
  secretName: 'Billing',
  status: 'revoked',
  revokedAt: '2026-03-02T09:00:00.000Z',
  maxAccesses: null,
  remainingAccesses: null,
});

function show(over: Partial<SharingCenterProps> = {}) {
  const props: SharingCenterProps = {
    links: [FINISHED, EXPIRED, ACTIVE, REVOKED],
    onCopy: vi.fn(),
    onResend: vi.fn(),
    onRevoke: vi.fn(),
    onBack: vi.fn(),
    ...over,
  };
  render(<SharingCenter {...props} />);
  return { props, user: userEvent.setup() };
}
const item = (name: string) => screen.getByRole('listitem', { name });
const fieldOf = (li: HTMLElement, label: string) =>
  within(li).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;

describe('the sharing center', () => {
  it('offers Show more links while older links remain, says when the next page is on its way', async () => {
    const onMore = vi.fn();
    const { user } = show({ hasMore: true, onMore });
    await user.click(screen.getByRole('button', { name: 'Show more links' }));
    expect(onMore).toHaveBeenCalledOnce();
    cleanup();
    const second = show({ hasMore: true, loadingMore: true, onMore });
    const loading = screen.getByRole('button', { name: 'Loading more links…' });
    expect(loading.getAttribute('aria-disabled')).toBe('true');
    await second.user.click(loading);
    expect(onMore).toHaveBeenCalledOnce(); // a second press while it loads asks for nothing more
    cleanup();
    show({ hasMore: false, onMore });
    expect(screen.queryByRole('button', { name: /more links/ })).toBeNull();
  });

  it('lists every external share with its status, active ones first', () => {
    show();
    expect(screen.getByRole('heading', { name: 'Sharing center' })).toBeTruthy();
    const names = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(names).toEqual(['Payments API', 'Billing', 'Maps API', 'CRM']);
    expect(within(item('Payments API')).getByText('Active')).toBeTruthy();
    expect(within(item('Maps API')).getByText('Finished')).toBeTruthy();
    expect(within(item('CRM')).getByText('Expired')).toBeTruthy();
    expect(within(item('Billing')).getByText('Revoked')).toBeTruthy();
  });

  it('shows recipient, created, expiration and remaining accesses', () => {
    show();
    const li = item('Payments API');
    expect(fieldOf(li, 'Recipient')).toBe('dana@partner.example');
    expect(fieldOf(li, 'Remaining accesses')).toBe('2 of 3');
    expect(fieldOf(li, 'Created')).toMatch(/2026/);
    expect(fieldOf(li, 'Expiration')).toMatch(/2026/);
    expect(fieldOf(item('Billing'), 'Remaining accesses')).toBe('Unlimited');
    expect(fieldOf(item('Billing'), 'Revoked on')).toMatch(/2026/);
  });

  it('each link’s access log: time, coarse network, browser, and refused codes', async () => {
    const { user } = show();
    const li = item('Payments API');
    await user.click(within(li).getByText('Access log: 2 entries'));
    const entries = within(li)
      .getAllByRole('listitem')
      .map((e) => e.textContent);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/Wrong access code.*203\.0\.113\.0\/24 · Firefox/);
    expect(entries[1]).toMatch(/Opened.*203\.0\.113\.0\/24 · Firefox/);
    expect(within(item('Maps API')).getByText('Access log: 0 entries')).toBeTruthy();
  });

  it('Copy link, Resend and Revoke only for an active link; Resend only with an access code', () => {
    show({ links: [ACTIVE, FINISHED, { ...ACTIVE, id: 'x', secretName: 'No code', hasCode: false }] });
    expect(
      within(item('Payments API'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Copy link', 'Resend', 'Revoke']);
    expect(within(item('No code')).queryByRole('button', { name: 'Resend' })).toBeNull();
    expect(within(item('Maps API')).queryAllByRole('button')).toEqual([]);
  });

  it('Revoke asks first; Cancel keeps the link, Revoke ends it', async () => {
    const { props, user } = show();
    const li = item('Payments API');
    await user.click(within(li).getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke the link for dana@partner.example?' });
    expect(dialog.textContent).toMatch(/The link to Payments API stops working at once/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(props.onRevoke).not.toHaveBeenCalled();
    await user.click(within(li).getByRole('button', { name: 'Revoke' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));
    expect(props.onRevoke).toHaveBeenCalledWith(ACTIVE);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('Copy link and Resend hand the link to the page; a busy link’s buttons wait', async () => {
    const { props, user } = show();
    await user.click(within(item('Payments API')).getByRole('button', { name: 'Copy link' }));
    await user.click(within(item('Payments API')).getByRole('button', { name: 'Resend' }));
    expect(props.onCopy).toHaveBeenCalledWith(ACTIVE);
    expect(props.onResend).toHaveBeenCalledWith(ACTIVE);
  });

  it('says when it is loading, empty or could not load', () => {
    const { props } = show({ links: undefined });
    expect(screen.getByText('Loading your external shares…')).toBeTruthy();
    cleanup();
    render(<SharingCenter {...props} links={[]} />);
    expect(screen.getByText(/You have not shared any link yet/)).toBeTruthy();
    cleanup();
    render(<SharingCenter {...props} links={undefined} error="You are offline." />);
    expect(screen.getByRole('alert').textContent).toBe('You are offline.');
  });

  it('says an active link is paused while its secret is disabled', () => {
    show({ links: [ACTIVE, FINISHED], disabledIds: new Set([ACTIVE.secretId, FINISHED.secretId]) });
    expect(within(item('Payments API')).getByRole('note').textContent).toMatch(/^Paused: this API secret is disabled/);
    expect(within(item('Maps API')).queryByRole('note')).toBeNull();
  });

  it('disables a link’s buttons while its action runs and shows the outcome', () => {
    show({ links: [ACTIVE], busyId: ACTIVE.id, note: { text: 'Sent to dana@partner.example.' } });
    for (const b of within(item('Payments API')).getAllByRole('button'))
      expect((b as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Sent to dana@partner.example.')).toBeTruthy();
  });
});

describe('a secret’s external shares in its details', () => {
  it('lists its active links with recipient, expiry and accesses left, and leads to the center', async () => {
    const onManage = vi.fn();
    const links: LinkView[] = [ACTIVE, FINISHED];
    render(<ExternalShares links={links} onManage={onManage} />);
    const region = screen.getByRole('region', { name: 'External shares' });
    expect(within(region).getAllByRole('listitem')).toHaveLength(1);
    expect(region.textContent).toMatch(/dana@partner\.example.*accesses left: 2 of 3/);
    expect(region.textContent).not.toMatch(/erin@/);
    await userEvent.setup().click(within(region).getByRole('button', { name: 'Manage in the sharing center' }));
    expect(onManage).toHaveBeenCalled();
  });

  it('says the links are paused while the secret is disabled', () => {
    render(<ExternalShares links={[ACTIVE]} paused onManage={vi.fn()} />);
    expect(screen.getByRole('note').textContent).toMatch(/^Paused: this API secret is disabled/);
  });

  it('is absent when no link is active', () => {
    const { container } = render(<ExternalShares links={[FINISHED]} onManage={vi.fn()} />);
    expect(container.textContent).toBe('');
  });
});
