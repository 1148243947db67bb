import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { SecretList } from './SecretList';

const CAROL = { id: '00000000-0000-4000-8000-0000000ca201', name: 'Carol Danvers', username: 'carol' };
const SECRETS = [
  secret({
    name: 'Payments API',
    url: 'https://api.payments.example',
    tags: ['billing', 'prod'],
    clientId: 'pay-123',
    identifier: 'PAY-PROD',
    shared: true,
  }),
  secret({ name: 'Maps API', url: 'https://maps.example/v2', tags: ['geo'], clientId: 'maps-client' }),
  secret({ name: 'CRM Sandbox', url: 'https://crm.example', owner: BOB, clientId: 'crm-sbx', shared: true }),
  secret({ name: 'Old Mailer', url: 'https://mail.example', status: 'disabled', clientId: 'mail-1' }),
  secret({ name: 'Weather', url: 'https://weather.example', owner: CAROL, clientId: 'wx', tags: ['public'] }),
];

function setup(secrets = SECRETS, density: 'compact' | 'roomy' = 'roomy') {
  const onOpen = vi.fn();
  const user = userEvent.setup();
  render(<SecretList secrets={secrets} meId={ALICE.id} onOpen={onOpen} density={density} />);
  return { onOpen, user, search: screen.getByRole('combobox', { name: 'Search API secrets' }) };
}
const rowNames = () => screen.queryAllByRole('option').map((o) => o.querySelector('.row__name')?.textContent);

describe('SecretList', () => {
  it('lists enabled secrets by name with URL, tags, owner, Shared and status', () => {
    setup();
    expect(rowNames()).toEqual(['CRM Sandbox', 'Maps API', 'Payments API', 'Weather']);
    const payments = screen.getByRole('option', { name: /Payments API/ });
    for (const text of ['https://api.payments.example', 'billing', 'prod', 'Owner: You', 'Shared: Yes', 'Enabled'])
      expect(payments.textContent).toContain(text);
    expect(screen.getByRole('option', { name: /CRM Sandbox/ }).textContent).toContain('Owner: Bob Builder');
    expect(screen.getByRole('option', { name: /Maps API/ }).textContent).toContain('Shared: No');
  });

  it('compact rows (the default) show name, Shared, URL and who has access on two lines, and say Disabled', async () => {
    render(<SecretList secrets={SECRETS} meId={ALICE.id} onOpen={vi.fn()} />);
    const payments = screen.getByRole('option', { name: /Payments API/ });
    expect(payments.classList.contains('row--compact')).toBe(true);
    expect(payments.textContent).toBe('Payments APIShared: Yeshttps://api.payments.exampleOnly you');
    expect(screen.getByRole('option', { name: /CRM Sandbox/ }).textContent).toContain('Bob Builder');
    await userEvent.click(screen.getByRole('button', { name: /^Disabled/ }));
    expect(screen.getByRole('option', { name: /Old Mailer/ }).textContent).toContain('Disabled');
  });

  it.each([
    ['name', 'maps', ['Maps API']],
    ['URL', 'crm.example', ['CRM Sandbox']],
    ['tag', 'billing', ['Payments API']],
    ['identifier', 'pay-prod', ['Payments API']],
    ['client ID', 'maps-client', ['Maps API']],
    ['owner', 'carol', ['Weather']],
    ['several words, all required', 'api prod', ['Payments API']],
  ])('search finds by %s', async (_field, query, expected) => {
    const { user, search } = setup();
    await user.type(search, query);
    expect(rowNames()).toEqual(expected);
  });

  it.each([
    ['Mine', ['Maps API', 'Payments API']],
    ['Shared with me', ['CRM Sandbox', 'Weather']],
    ['Disabled', ['Old Mailer']],
    ['All', ['CRM Sandbox', 'Maps API', 'Payments API', 'Weather']],
  ])('filter %s shows its secrets (disabled ones only under Disabled)', async (filter, expected) => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: new RegExp(`^${filter}`) }));
    expect(screen.getByRole('button', { name: new RegExp(`^${filter}`) }).getAttribute('aria-pressed')).toBe('true');
    expect(rowNames()).toEqual(expected);
  });

  it('shows how many secrets each filter holds', () => {
    setup();
    const counts = within(screen.getByRole('group', { name: 'Show' }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(counts).toEqual(['All 4', 'Mine 2', 'Shared with me 2', 'Disabled 1']);
  });

  it('moves with the arrows and opens the selected secret with Enter', async () => {
    const { user, onOpen } = setup();
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('CRM Sandbox');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('Payments API');
    await user.keyboard('{ArrowUp}');
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ name: 'Maps API' }));
  });

  it('opens a secret on click', async () => {
    const { user, onOpen } = setup();
    await user.click(screen.getByText('Weather'));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ name: 'Weather' }));
  });

  it('clears the search with Escape first, and only then lets Escape through', async () => {
    const { user, search } = setup();
    await user.type(search, 'maps');
    expect(fireEvent.keyDown(search, { key: 'Escape' })).toBe(false); // handled: the popup stays open
    expect((search as HTMLInputElement).value).toBe('');
    expect(rowNames()).toHaveLength(4);
    expect(fireEvent.keyDown(search, { key: 'Escape' })).toBe(true); // not handled: the browser closes the popup
  });

  it('says when nothing matches and offers to clear the search', async () => {
    const { user, search } = setup();
    await user.type(search, 'zebra');
    expect(screen.getByText('No API secret matches “zebra”')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(rowNames()).toHaveLength(4);
  });

  it('has a clear empty state for each filter', async () => {
    const { user } = setup([secret({ name: 'Mine only' })]);
    await user.click(screen.getByRole('button', { name: /^Shared with me/ }));
    expect(screen.getByText('Nothing has been shared with you yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Disabled/ }));
    expect(screen.getByText('No disabled API secrets.')).toBeTruthy();
  });

  it('draws only the rows in view for 10,000 secrets, and keeps the selected one drawn', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => secret({ name: `Secret ${String(i).padStart(5, '0')}` }));
    const { user } = setup(many);
    expect(screen.getAllByRole('option').length).toBeLessThan(40);
    expect(screen.getByText('10,000 API secrets shown')).toBeTruthy();
    for (let i = 0; i < 5; i++) await user.keyboard('{PageDown}');
    const selected = screen.getByRole('option', { selected: true });
    expect(selected.textContent).toContain('Secret 000');
    expect(screen.getAllByRole('option').length).toBeLessThan(40);
  });
});
