import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DirectoryGroup } from '@/utils/contract';
import { directoryUser, uuid } from '@/test/fixtures';
import { RecipientSearch, type SearchRecipients } from './RecipientSearch';

const OPS: DirectoryGroup = {
  kind: 'group',
  id: uuid(),
  name: 'Bob fans',
  groupKind: 'private',
  memberCount: 4,
  publicKey: directoryUser().publicKey,
  fingerprint: directoryUser().fingerprint,
};
const search: SearchRecipients = async () => ({ results: [directoryUser(), OPS], matchesYou: false });

describe('RecipientSearch', () => {
  it('offers users and groups, and says so', async () => {
    render(<RecipientSearch search={search} listed={new Set()} onAdd={vi.fn()} />);
    const box = screen.getByRole('combobox', { name: 'Search users or groups' });
    expect(box.getAttribute('placeholder')).toBe('Name, username, email or group');
    await userEvent.setup().type(box, 'bob');
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      expect.stringContaining('Bob Builder'),
      expect.stringContaining('Bob fans'),
    ]);
  });

  it("people only (a group's members): asks for people and offers no group", async () => {
    const onAdd = vi.fn();
    render(<RecipientSearch search={search} listed={new Set()} onAdd={onAdd} usersOnly />);
    const box = screen.getByRole('combobox', { name: 'Search people' });
    expect(box.getAttribute('placeholder')).toBe('Name, username or email');
    const user = userEvent.setup();
    await user.type(box, 'bob');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('Bob Builder')]);
    await user.keyboard('{Enter}');
    expect(onAdd).toHaveBeenCalledWith(expect.objectContaining({ kind: 'user', username: 'bob' }));
  });
});
