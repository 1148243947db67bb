import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { actionsFor } from './row-actions';
import { SecretList } from './SecretList';

const MINE = secret({ name: 'Payments API' });
const VIEWER = secret({ name: 'CRM Sandbox', owner: BOB, permissions: { view: true, edit: false, share: false } });
const EDITOR = secret({ name: 'Maps API', owner: BOB, permissions: { view: true, edit: true, share: false } });
const OFF = secret({ name: 'Old Mailer', status: 'disabled' });

describe('row actions: only what the user may do', () => {
  it.each([
    ['the owner', MINE, ['details', 'share', 'access', 'edit', 'disable', 'copyClientId', 'copySecret']],
    ['a viewer', VIEWER, ['details', 'access', 'copyClientId', 'copySecret']],
    ['an editor', EDITOR, ['details', 'access', 'edit', 'disable', 'copyClientId', 'copySecret']],
    [
      'the owner of a disabled secret (no reveal, so no copy)',
      OFF,
      ['details', 'share', 'access', 'edit', 'enable', 'copyClientId'],
    ],
  ])('%s', (_who, s, expected) => {
    expect(actionsFor(s)).toEqual(expected);
  });
});

function setup(secrets = [MINE, VIEWER, EDITOR]) {
  const onAction = vi.fn();
  const onToggleSelect = vi.fn();
  const user = userEvent.setup();
  const view = render(
    <SecretList
      secrets={secrets}
      meId={ALICE.id}
      onOpen={vi.fn()}
      onAction={onAction}
      selected={new Set([MINE.id])}
      onToggleSelect={onToggleSelect}
    />,
  );
  return { user, onAction, onToggleSelect, view, search: screen.getByRole('combobox', { name: 'Search API secrets' }) };
}
const menuItems = () => screen.getAllByRole('menuitem').map((m) => m.textContent);

describe('the three-dots menu on each row', () => {
  it('opens from the row’s button and lists the permitted actions', async () => {
    const { user, onAction } = setup();
    const button = screen.getByRole('button', { name: 'Actions for CRM Sandbox' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menuItems()).toEqual(['View details', 'Who has access?', 'Copy client ID', 'Copy client secret']);
    await user.click(screen.getByRole('menuitem', { name: 'Who has access?' }));
    expect(onAction).toHaveBeenCalledWith('access', VIEWER);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('is a real menu: focus on the first item, arrows, Home/End, a letter, Escape back to the button', async () => {
    const { user } = setup();
    const button = screen.getByRole('button', { name: 'Actions for Payments API' });
    await user.click(button);
    const focused = () => document.activeElement?.textContent;
    expect(focused()).toBe('View details');
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe('Share');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(focused()).toBe('Copy client secret'); // wraps around
    await user.keyboard('{Home}');
    expect(focused()).toBe('View details');
    await user.keyboard('{End}');
    expect(focused()).toBe('Copy client secret');
    await user.keyboard('e');
    expect(focused()).toBe('Edit');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('opens the active row’s menu from the search box with Shift+F10, and returns there', async () => {
    const { user, search, onAction } = setup();
    await user.click(search);
    await user.keyboard('{ArrowDown}'); // CRM Sandbox → Maps API (by name)
    await user.keyboard('{Shift>}{F10}{/Shift}');
    expect(screen.getByRole('menu', { name: 'Actions for Maps API' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(search);
    await user.keyboard('{Shift>}{F10}{/Shift}{ArrowDown}{Enter}');
    expect(onAction).toHaveBeenCalledWith('access', EDITOR);
  });

  it('keeps only the active row’s controls in the tab order', () => {
    setup();
    const buttons = screen.getAllByRole('button', { name: /^Actions for/ });
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
  });
});

describe('selecting rows for a batch share', () => {
  it('gives a checkbox to the secrets the user owns (only owners share), checked when selected', () => {
    setup();
    expect((screen.getByRole('checkbox', { name: 'Select Payments API' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('checkbox', { name: 'Select CRM Sandbox' })).toBeNull();
  });

  it('toggles with a click, or with Space on the list', async () => {
    const other = secret({ name: 'Zeta API' });
    const { user, onToggleSelect } = setup([MINE, other]);
    await user.click(screen.getByRole('checkbox', { name: 'Select Zeta API' }));
    expect(onToggleSelect).toHaveBeenLastCalledWith(other);
    const list = screen.getByRole('listbox', { name: 'API secrets' });
    list.focus();
    await user.keyboard(' ');
    expect(onToggleSelect).toHaveBeenLastCalledWith(MINE);
    expect(within(list).getAllByRole('option')).toHaveLength(2);
  });

  it('types a space in the search box rather than selecting', async () => {
    const { user, search, onToggleSelect } = setup();
    await user.type(search, 'payments api');
    expect((search as HTMLInputElement).value).toBe('payments api');
    expect(onToggleSelect).not.toHaveBeenCalled();
  });
});
