import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { SecretList } from './SecretList';

const MINE = secret({ name: 'Payments API', shared: true, access: { users: 3, groups: 1, named: [] } });
const FROM_BOB = secret({ name: 'CRM Sandbox', owner: BOB, shared: true, access: { users: 1, groups: 0, named: [] } });

describe('list rows: who has access and what is new', () => {
  it('each row carries its one-line access summary; only new shares are marked', () => {
    render(<SecretList secrets={[MINE, FROM_BOB]} meId={ALICE.id} onOpen={vi.fn()} newIds={new Set([FROM_BOB.id])} />);
    const mine = screen.getByRole('option', { name: /Payments API/ });
    const bobs = screen.getByRole('option', { name: /CRM Sandbox/ });
    expect(mine.textContent).toContain('You + 3 users, 1 group');
    expect(bobs.textContent).toContain('Bob Builder + you');
    expect(bobs.textContent).toContain('Newly shared with you');
    expect(mine.textContent).not.toContain('New');
  });

  it('a click on the summary opens who has access, not the details', async () => {
    const onOpen = vi.fn();
    const onAction = vi.fn();
    render(<SecretList secrets={[MINE]} meId={ALICE.id} onOpen={onOpen} onAction={onAction} />);
    await userEvent.click(screen.getByTitle('Who has access: You + 3 users, 1 group. Show the full list'));
    expect(onAction).toHaveBeenCalledWith('access', MINE);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('a name or URL cut with "…" has its full text as a tooltip', () => {
    const long = secret({
      name: 'Payments API for the European subsidiary, production',
      url: 'https://a.example/' + 'x'.repeat(80),
    });
    render(<SecretList secrets={[long]} meId={ALICE.id} onOpen={vi.fn()} />);
    const row = screen.getByRole('option', { name: /Payments API/ });
    expect(row.querySelector('.row__name')!.getAttribute('title')).toBe(long.name);
    expect(row.querySelector('.row__url')!.getAttribute('title')).toBe(long.url);
  });

  it('names the people and groups when they are few, and the named summary opens who has access', async () => {
    const onAction = vi.fn();
    const named = secret({
      name: 'Ledger API',
      shared: true,
      access: {
        users: 1,
        groups: 1,
        named: [
          { kind: 'user', id: BOB.id, name: 'Bob Silva' },
          { kind: 'group', id: '00000000-0000-4000-8000-0000000ca11d', name: 'Payments on-call' },
        ],
      },
    });
    const many = secret({
      name: 'Billing API',
      shared: true,
      access: { users: 4, groups: 1, named: [{ kind: 'user', id: BOB.id, name: 'Bob Silva' }] },
    });
    render(<SecretList secrets={[named, many]} meId={ALICE.id} onOpen={vi.fn()} onAction={onAction} />);
    expect(screen.getByRole('option', { name: /Ledger API/ }).textContent).toContain(
      'You, Bob Silva and Payments on-call',
    );
    expect(screen.getByRole('option', { name: /Billing API/ }).textContent).toContain('You, Bob Silva and 4 more');
    await userEvent.click(screen.getByTitle('Who has access: You, Bob Silva and 4 more. Show the full list'));
    expect(onAction).toHaveBeenCalledWith('access', many);
  });

  it('the summary carries its full text as a tooltip, also where it opens nothing', () => {
    render(<SecretList secrets={[MINE]} meId={ALICE.id} onOpen={vi.fn()} />);
    const row = screen.getByRole('option', { name: /Payments API/ });
    expect(row.querySelector('.row__access')!.getAttribute('title')).toBe('You + 3 users, 1 group');
  });

  it('a secret a disabled user could read says so on its row, and no other row does', () => {
    const exposed = secret({ name: 'Legacy billing', readableByDisabledUser: true });
    render(<SecretList secrets={[exposed, MINE]} meId={ALICE.id} onOpen={vi.fn()} />);
    expect(screen.getByRole('option', { name: /Legacy billing/ }).textContent).toContain(
      'A disabled user could read this: rotate it',
    );
    expect(screen.getByRole('option', { name: /Payments API/ }).textContent).not.toContain('disabled user');
  });
});
