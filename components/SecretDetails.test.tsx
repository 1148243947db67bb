import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { CAROL, accessList, groupEntry, userEntry } from '@/test/share-fixtures';
import { VaultError } from '@/utils/vault/errors';
import type { AccessState } from './AccessList';
import { AccessView, SecretDetails, type SecretDetailsProps } from './SecretDetails';

const PAYMENTS = secret({
  name: 'Payments API',
  clientId: 'pay-123',
  shared: true,
  lastUsedAt: '2025-01-03T10:00:00.000Z',
  notes: 'Rotate yearly',
});
// The page fetches the list and opens the value; here the test hands the view both.
const LOADED: AccessState = {
  result: { list: accessList(PAYMENTS.id, [userEntry(BOB), groupEntry('Ops', true, [CAROL, BOB])]) },
  loading: false,
};
const reveal = vi.fn<() => Promise<string>>();
const copy = vi.fn<(value: string) => Promise<void>>();

beforeEach(() => {
  reveal.mockReset();
  reveal.mockResolvedValue('sk_live_visible');
  copy.mockReset();
  copy.mockResolvedValue(undefined);
});

function details(props: Partial<SecretDetailsProps> = {}) {
  return render(
    <SecretDetails
      secret={PAYMENTS}
      meId={ALICE.id}
      access={LOADED}
      reveal={reveal}
      copy={copy}
      onClose={vi.fn()}
      {...props}
    />,
  );
}
const show = () => screen.getByRole('button', { name: 'Show' });

describe('SecretDetails', () => {
  it('shows every field, last use, and who created and changed it', () => {
    details();
    for (const text of ['pay-123', 'https://api.payments.example/v1', 'POST', 'Rotate yearly', 'Yes', 'Enabled'])
      expect(screen.getByText(text)).toBeTruthy();
    expect(screen.getByText('Last use').nextElementSibling!.textContent).not.toBe('Never');
    expect(screen.getByText('Created').nextElementSibling!.textContent).toMatch(/^You, /);
    expect(screen.getByText('Last changed').nextElementSibling!.textContent).toMatch(/^You, /);
  });

  it('says who used it last: "Yesterday by Bob Silva", "by you", the time alone where the server did not say who', () => {
    const lastUse = () => screen.getByText('Last use').nextElementSibling!.textContent;
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const bob = { ...BOB, name: 'Bob Silva' };
    const { rerender } = details({ secret: { ...PAYMENTS, lastUsedAt: yesterday, lastUsedBy: bob } });
    expect(lastUse()).toBe('Yesterday by Bob Silva');
    const props = { meId: ALICE.id, access: LOADED, reveal, copy, onClose: vi.fn() };
    rerender(<SecretDetails {...props} secret={{ ...PAYMENTS, lastUsedAt: yesterday, lastUsedBy: ALICE }} />);
    expect(lastUse()).toBe('Yesterday by you');
    rerender(<SecretDetails {...props} secret={{ ...PAYMENTS, lastUsedBy: null }} />);
    expect(lastUse()).not.toMatch(/ by /);
    rerender(<SecretDetails {...props} secret={{ ...PAYMENTS, lastUsedAt: null, lastUsedBy: null }} />);
    expect(lastUse()).toBe('Never');
  });

  it('keeps the client secret hidden until Show, with the warning to make sure nobody is looking', async () => {
    const user = userEvent.setup();
    details();
    expect(screen.queryByText('sk_live_visible')).toBeNull();
    expect(screen.getByRole('img', { name: 'Hidden until you choose Show' }).textContent).toBe('••••••••');
    expect(screen.queryByText(/Make sure nobody is looking/)).toBeNull(); // only while it is shown
    await user.click(show());
    expect(await screen.findByText('sk_live_visible')).toBeTruthy();
    expect(screen.getByText('Make sure nobody is looking at your screen: the client secret is shown.')).toBeTruthy();
    expect(reveal).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByText('sk_live_visible')).toBeNull();
    expect(screen.queryByText(/Make sure nobody is looking/)).toBeNull();
  });

  it('copies the client secret and says the clipboard will be cleared in 30 seconds', async () => {
    const user = userEvent.setup();
    details();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Client secret copied. The clipboard will be cleared in 30 seconds.')).toBeTruthy();
    expect(copy).toHaveBeenCalledWith('sk_live_visible');
    expect(screen.queryByText('sk_live_visible')).toBeNull(); // copying does not show it
  });

  it('says when the clipboard refused the copy', async () => {
    copy.mockRejectedValue(new DOMException('denied'));
    details();
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText("Couldn't copy to the clipboard.")).toBeTruthy();
  });

  it('says why the value cannot be shown (an older value than this device has seen)', async () => {
    reveal.mockRejectedValue(new VaultError('old_value'));
    const user = userEvent.setup();
    details();
    await user.click(show());
    expect(await screen.findByText(/older client secret than this device has already seen/)).toBeTruthy();
  });

  it('cannot show or copy the client secret of a disabled secret', () => {
    details({ secret: { ...PAYMENTS, status: 'disabled' } });
    expect((show() as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Copy' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists who has access: the owner first, then users and groups with Can view / Can edit', async () => {
    details();
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

  it('puts who has access before the rarely used fields, the owner and three, then "and N more"', async () => {
    const many = ['Dan', 'Erin', 'Frank', 'Grace', 'Heidi'].map((name, i) =>
      userEntry({ id: `00000000-0000-4000-8000-00000000010${i}`, name, username: name.toLowerCase() }),
    );
    const user = userEvent.setup();
    details({ access: { result: { list: accessList(PAYMENTS.id, many) }, loading: false } });
    const section = screen.getByRole('region', { name: 'Users with access to information' });
    const lastUse = screen.getByText('Last use');
    expect(section.compareDocumentPosition(lastUse) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      screen.getByText('Client ID').compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    const names = () =>
      within(section)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(names()).toHaveLength(5); // the owner, three, and the button
    expect(names()[0]).toContain('Alice Example (You)');
    expect(screen.queryByText('Grace')).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'and 2 more' }));
    expect(within(section).getByText('Heidi')).toBeTruthy();
    expect(within(section).queryByRole('button', { name: /more$/ })).toBeNull();
  });

  it('the who-has-access view lists everyone at once', () => {
    const many = ['Dan', 'Erin', 'Frank', 'Grace', 'Heidi'].map((name, i) =>
      userEntry({ id: `00000000-0000-4000-8000-00000000010${i}`, name, username: name.toLowerCase() }),
    );
    render(
      <AccessView
        secret={PAYMENTS}
        meId={ALICE.id}
        access={{ result: { list: accessList(PAYMENTS.id, many) }, loading: false }}
        onClose={vi.fn()}
      />,
    );
    expect(screen.getByText('Heidi')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /more$/ })).toBeNull();
  });

  it('shows key fingerprints only when asked, with how to compare them', async () => {
    const user = userEvent.setup();
    details();
    const section = screen.getByRole('region', { name: 'Users with access to information' });
    expect(within(section).queryByText(/aaaa aaaa/)).toBeNull();
    const toggle = within(section).getByRole('button', { name: 'Compare key fingerprints' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(section).getByLabelText('Key fingerprint of Bob Builder').textContent).toBe(
      Array(16).fill('aaaa').join(' '),
    );
    expect(
      within(section).getByText(/^To be sure a key is really theirs, read its fingerprint to the person/),
    ).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Hide key fingerprints' }));
    expect(within(section).queryByText(/aaaa aaaa/)).toBeNull();
  });

  it('expands a group to its members', async () => {
    const user = userEvent.setup();
    details();
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
    details({ secret: viewer, onAction: vi.fn() });
    await user.click(screen.getByRole('button', { name: 'Actions for CRM' }));
    expect(screen.getAllByRole('menuitem').map((m) => m.textContent)).toEqual([
      'Who has access?',
      'Copy client ID',
      'Copy client secret',
    ]);
  });

  it('gives the header and the names on the access list their full text as a tooltip', () => {
    const long = { ...PAYMENTS, name: 'Payments API for the European subsidiary, production, with a long name' };
    details({ secret: long });
    expect(screen.getByRole('heading', { name: long.name }).getAttribute('title')).toBe(long.name);
    expect(screen.getByTitle('Bob Builder')).toBeTruthy();
    expect(screen.getByTitle('bob · bob@example.com')).toBeTruthy();
  });

  it('goes back with Escape', async () => {
    const onClose = vi.fn();
    details({ onClose });
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('the who-has-access view shows the list alone, and says when it is the saved copy', () => {
    const saved = { list: accessList(PAYMENTS.id, [userEntry(BOB)]), savedAt: '2025-01-03T09:00:00.000Z' };
    render(
      <AccessView secret={PAYMENTS} meId={ALICE.id} access={{ result: saved, loading: false }} onClose={vi.fn()} />,
    );
    expect(screen.getByRole('heading', { name: 'Who has access: Payments API' })).toBeTruthy();
    expect(screen.getByText('Bob Builder')).toBeTruthy();
    expect(screen.getByText(/^Saved list from .* — the server could not be reached\.$/)).toBeTruthy();
    expect(screen.queryByText('Client secret')).toBeNull();
  });

  it('says it is loading, then shows why there is no list', () => {
    const { rerender } = render(
      <AccessView secret={PAYMENTS} meId={ALICE.id} access={{ loading: true }} onClose={vi.fn()} />,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading who has access…');
    const error = "You don't have permission to do that.";
    rerender(<AccessView secret={PAYMENTS} meId={ALICE.id} access={{ error, loading: false }} onClose={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe(error);
  });
});
