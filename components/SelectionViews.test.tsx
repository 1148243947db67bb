import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, secret } from '@/test/fixtures';
import { NoMatchView } from './NoMatchView';
import { SelectionChooser } from './SelectionChooser';

const PROD = secret({
  name: 'Stripe production',
  url: 'https://api.stripe.com/v1',
  access: { users: 1, groups: 1, named: [] },
});
const TEST = secret({
  name: 'Stripe test mode',
  url: 'https://api.stripe.com/v1',
  owner: BOB,
  access: { users: 1, groups: 0, named: [] },
});

describe('SelectionChooser', () => {
  it('lists the matches with URL and who has access, and opens the one picked', async () => {
    const onPick = vi.fn();
    render(
      <SelectionChooser
        kind="share"
        ids={[PROD.id, TEST.id]}
        total={2}
        secrets={[PROD, TEST]}
        meId={ALICE.id}
        onPick={onPick}
        onList={vi.fn()}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Which API secret do you want to share?' })).toBeTruthy();
    expect(screen.getByText('2 API secrets match the selection.')).toBeTruthy();
    const buttons = screen.getAllByRole('button', { name: /Stripe/ });
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Stripe productionhttps://api.stripe.com/v1You + 1 user, 1 group',
      'Stripe test modehttps://api.stripe.com/v1Bob Builder + you',
    ]);
    expect(document.activeElement).toBe(buttons[0]);
    expect(buttons[0]!.querySelector('[title="Stripe production"]')).toBeTruthy(); // a cut name's full text
    await userEvent.click(buttons[1]!);
    expect(onPick).toHaveBeenCalledWith(TEST.id);
  });

  it('says when it shows only the first of many', () => {
    render(
      <SelectionChooser
        kind="access"
        ids={[PROD.id, TEST.id]}
        total={40}
        secrets={[PROD, TEST]}
        meId={ALICE.id}
        onPick={vi.fn()}
        onList={vi.fn()}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Which API secret do you want to check?' })).toBeTruthy();
    expect(screen.getByText('40 API secrets match the selection.')).toBeTruthy();
    expect(screen.getByText(/^Showing the first 2\./)).toBeTruthy();
  });
});

describe('NoMatchView', () => {
  it.each([
    [
      { name: 'HubSpot marketing' },
      'You selected “HubSpot marketing”.',
      'Add it, and it becomes the new API secret’s name.',
    ],
    [
      { url: 'https://api.hubapi.com' },
      'You selected “https://api.hubapi.com”.',
      'Add it, and it becomes the new API secret’s URL.',
    ],
    [
      { clientSecret: 'sk_live_do_not_show_me_1' },
      'The selection looks like a client secret, so it is not shown here.',
      'Add it, and it goes in the Client secret field, hidden.',
    ],
  ])('offers to add %j', async (prefill, said, goes) => {
    const onAdd = vi.fn();
    const { container } = render(<NoMatchView prefill={prefill} onAdd={onAdd} onList={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'No API secret matches the selection' })).toBeTruthy();
    expect(screen.getByText(said)).toBeTruthy();
    expect(screen.getByText(goes)).toBeTruthy();
    expect(container.textContent).not.toContain('sk_live');
    await userEvent.click(screen.getByRole('button', { name: 'Add it as a new API secret' }));
    expect(onAdd).toHaveBeenCalledWith(prefill);
  });

  it('without the selection (taken or expired) says to try again', () => {
    render(<NoMatchView prefill={undefined} onAdd={vi.fn()} onList={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Add it as a new API secret' })).toBeNull();
    expect(screen.getByText(/Select the text and right-click again/)).toBeTruthy();
  });

  it('says when matching by value is off, and only then', () => {
    const prefill = { clientSecret: 'sk_live_unknown_0001' };
    const { unmount } = render(<NoMatchView prefill={prefill} onAdd={vi.fn()} onList={vi.fn()} valueMatchingOff />);
    expect(screen.getByText(/Matching by value is off in the settings/)).toBeTruthy();
    unmount();
    render(<NoMatchView prefill={prefill} onAdd={vi.fn()} onList={vi.fn()} />);
    expect(screen.queryByText(/Matching by value is off/)).toBeNull();
  });
});
