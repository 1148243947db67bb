import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { CAROL, accessList, groupEntry, userEntry } from '@/test/share-fixtures';
import { VaultError } from '@/utils/vault/errors';
import { AccessView, SecretDetails } from './SecretDetails';

const worker = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('@/utils/messaging', () => ({ sendMessage: worker.sendMessage }));

const PAYMENTS = secret({
  name: 'Payments API',
  clientId: 'pay-123',
  shared: true,
  lastUsedAt: '2025-01-03T10:00:00.000Z',
  notes: 'Rotate yearly',
});
let reveal: () => Promise<{ clientSecret: string }>;

beforeEach(() => {
  reveal = async () => ({ clientSecret: 'sk_live_visible' });
  worker.sendMessage.mockReset();
  worker.sendMessage.mockImplementation(async (type: string) => {
    if (type === 'getAccessList')
      return { list: accessList(PAYMENTS.id, [userEntry(BOB), groupEntry('Ops', true, [CAROL, BOB])]) };
    if (type === 'revealSecret') return reveal();
    if (type === 'clearClipboardSoon') return undefined;
    throw new Error(`unexpected ${type}`);
  });
});

const show = () => screen.getByRole('button', { name: 'Show' });

describe('SecretDetails', () => {
  it('shows every field, last use, and who created and changed it', () => {
    render(<SecretDetails secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    for (const text of ['pay-123', 'https://api.payments.example/v1', 'POST', 'Rotate yearly', 'Yes', 'Enabled'])
      expect(screen.getByText(text)).toBeTruthy();
    expect(screen.getByText('Last use').nextElementSibling!.textContent).not.toBe('Never');
    expect(screen.getByText('Created').nextElementSibling!.textContent).toMatch(/^You, /);
    expect(screen.getByText('Last changed').nextElementSibling!.textContent).toMatch(/^You, /);
  });

  it('keeps the client secret hidden until Show, with the warning to make sure nobody is looking', async () => {
    const user = userEvent.setup();
    render(<SecretDetails secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    expect(screen.queryByText('sk_live_visible')).toBeNull();
    expect(screen.getByRole('img', { name: 'Hidden until you choose Show' })).toBeTruthy();
    expect(
      screen.getByText('Make sure nobody is looking at your screen before you show or copy the client secret.'),
    ).toBeTruthy();
    await user.click(show());
    expect(await screen.findByText('sk_live_visible')).toBeTruthy();
    expect(worker.sendMessage).toHaveBeenCalledWith('revealSecret', { secretId: PAYMENTS.id });
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByText('sk_live_visible')).toBeNull();
  });

  it('copies the client secret and has it cleared from the clipboard in 30 seconds', async () => {
    const user = userEvent.setup(); // installs its own clipboard, which this test watches
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    render(<SecretDetails secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Client secret copied. The clipboard will be cleared in 30 seconds.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('sk_live_visible');
    expect(worker.sendMessage).toHaveBeenCalledWith('clearClipboardSoon');
    expect(screen.queryByText('sk_live_visible')).toBeNull(); // copying does not show it
  });

  it('says why the value cannot be shown (an older value than this device has seen)', async () => {
    reveal = () => Promise.reject(new VaultError('old_value'));
    const user = userEvent.setup();
    render(<SecretDetails secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    await user.click(show());
    expect(await screen.findByText(/older client secret than this device has already seen/)).toBeTruthy();
  });

  it('cannot show or copy the client secret of a disabled secret', () => {
    render(<SecretDetails secret={{ ...PAYMENTS, status: 'disabled' }} meId={ALICE.id} onClose={vi.fn()} />);
    expect((show() as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Copy' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists who has access: the owner first, then users and groups with Can view / Can edit', async () => {
    render(<SecretDetails secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    const section = screen.getByRole('region', { name: 'Users with access to information' });
    await within(section).findByText('Bob Builder');
    const items = within(section).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Alice Example (You)');
    expect(items[0]!.textContent).toContain('Owner');
    expect(items[1]!.textContent).toContain('Bob Builder');
    expect(items[1]!.textContent).toContain('Can view');
    expect(items[1]!.textContent).not.toContain('Can edit');
    expect(items[2]!.textContent).toContain('Ops');
    expect(items[2]!.textContent).toContain('Group · 2 members');
    expect(items[2]!.textContent).toContain('Can edit');
  });

  it('expands a group to its members', async () => {
    const user = userEvent.setup();
    render(<SecretDetails secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    const toggle = await screen.findByRole('button', { name: /^Ops/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Carol Danvers')).toBeNull();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const members = screen.getByRole('list', { name: 'Ops' });
    expect(within(members).getByText('Carol Danvers')).toBeTruthy();
    expect(within(members).getAllByRole('listitem')[1]!.textContent).toContain('pending');
  });

  it('offers, in its menu, only what this user may do', async () => {
    const user = userEvent.setup();
    const viewer = secret({ name: 'CRM', owner: BOB });
    render(<SecretDetails secret={viewer} meId={ALICE.id} onClose={vi.fn()} onAction={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Actions for CRM' }));
    expect(screen.getAllByRole('menuitem').map((m) => m.textContent)).toEqual([
      'Who has access?',
      'Copy client ID',
      'Copy client secret',
    ]);
  });

  it('goes back with Escape', async () => {
    const onClose = vi.fn();
    render(<SecretDetails secret={PAYMENTS} meId={ALICE.id} onClose={onClose} />);
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('the who-has-access view shows the list alone, and says when the server was unreachable', async () => {
    worker.sendMessage.mockImplementation(async () => ({
      list: accessList(PAYMENTS.id, [userEntry(BOB)]),
      savedAt: '2025-01-03T09:00:00.000Z',
    }));
    render(<AccessView secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'Who has access: Payments API' })).toBeTruthy();
    expect(await screen.findByText('Bob Builder')).toBeTruthy();
    expect(screen.getByText(/^Saved list from .* — the server could not be reached\.$/)).toBeTruthy();
    expect(screen.queryByText('Client secret')).toBeNull();
  });

  it('shows an error when the list cannot be fetched at all', async () => {
    worker.sendMessage.mockImplementation(async () => Promise.reject(new VaultError('forbidden')));
    render(<AccessView secret={PAYMENTS} meId={ALICE.id} onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe("You don't have permission to do that."));
  });
});
