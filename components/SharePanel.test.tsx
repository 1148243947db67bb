import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { BOB, secret } from '@/test/fixtures';
import { CAROL, DAVE, DIRECTORY, accessList, userEntry } from '@/test/share-fixtures';
import type { AccessList } from '@/utils/contract';
import type { ShareOutcome, ShareRequest } from '@/utils/share/types';
import { VaultError, type ErrorCode } from '@/utils/vault/errors';
import { useSharePanel } from '@/entrypoints/popup/use-share-panel';
import type { ShareCalls } from '@/entrypoints/popup/worker-calls';
import { SharePanel, type SharePanelProps } from './SharePanel';

// The page keeps the panel's state and talks to the worker; here the test is the page's worker calls.
const worker = {
  lists: new Map<string, AccessList>(),
  share: undefined as unknown as (req: ShareRequest) => Promise<ShareOutcome>,
  searchError: undefined as undefined | Error,
  searches: [] as string[],
  shares: [] as ShareRequest[],
};
const calls: ShareCalls = {
  accessList: async (secretId) => ({ list: worker.lists.get(secretId)! }),
  share: (req) => (worker.shares.push(req), worker.share(req)),
};
async function search(q: string) {
  worker.searches.push(q);
  if (worker.searchError) throw worker.searchError;
  const results = DIRECTORY.filter((d) =>
    `${d.name} ${'username' in d ? d.username : ''}`.toLowerCase().includes(q.toLowerCase()),
  );
  return { results, matchesYou: 'alice example'.includes(q.toLowerCase()) };
}

/** The share page as the popup builds it, with the test's worker calls. */
function Page({
  secrets,
  onClose,
  onRotate,
  rotateKey,
  onExternal,
  lastCard,
  onCardChosen,
}: Pick<
  SharePanelProps,
  'secrets' | 'onClose' | 'onRotate' | 'rotateKey' | 'onExternal' | 'lastCard' | 'onCardChosen'
>) {
  const panel = useSharePanel(
    secrets.map((s) => s.id),
    undefined,
    calls,
  );
  return (
    <SharePanel
      secrets={secrets}
      panel={panel}
      search={search}
      onClose={onClose}
      onRotate={onRotate}
      rotateKey={rotateKey}
      onExternal={onExternal}
      lastCard={lastCard}
      onCardChosen={onCardChosen}
    />
  );
}

const PAYMENTS = secret({ name: 'Payments API' });
const MAPS = secret({ name: 'Maps API' });

beforeEach(() => {
  worker.lists = new Map([
    [PAYMENTS.id, accessList(PAYMENTS.id, [userEntry(BOB)])],
    [MAPS.id, accessList(MAPS.id, [userEntry(BOB, true), userEntry(DAVE)])],
  ]);
  worker.share = async (req) => ({ ok: true, lists: req.items.map((i) => accessList(i.secretId)) });
  worker.searchError = undefined;
  worker.searches = [];
  worker.shares = [];
});

async function openPanel(secrets = [PAYMENTS], rotateKey?: SharePanelProps['rotateKey']) {
  const user = userEvent.setup();
  const onClose = vi.fn();
  const onRotate = vi.fn();
  render(<Page secrets={secrets} onClose={onClose} onRotate={onRotate} rotateKey={rotateKey} />);
  if (secrets.length > 1) await user.click(await screen.findByRole('button', { name: 'Continue' }));
  await user.click(await screen.findByRole('button', { name: /^Internal/ }));
  return {
    user,
    onClose,
    onRotate,
    search: screen.getByRole('combobox', { name: 'Search users or groups' }) as HTMLInputElement,
  };
}
const shareButton = () => screen.getByRole('button', { name: 'Share' }) as HTMLButtonElement;
const recipient = (name: string) => screen.getByRole('group', { name });
const isNew = (name: string) => recipient(name).closest('li')!.textContent!.includes('New');
const checkbox = (name: string, perm: 'Can view' | 'Can edit') =>
  within(recipient(name)).getByRole('checkbox', { name: perm }) as HTMLInputElement;
const WARNING = 'Users with editing permission can disable the API secret.';

describe('SharePanel', () => {
  it('starts from the Internal card (computer icon); no External card unless the page offers it', async () => {
    render(<Page secrets={[PAYMENTS]} onClose={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'Share' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Internal/ }).querySelector('svg')).toBeTruthy();
    expect(screen.queryByText(/External/)).toBeNull();
  });

  it('shows the External card (globe icon) beside Internal when offered, and opens it', async () => {
    const onExternal = vi.fn();
    render(<Page secrets={[PAYMENTS]} onClose={vi.fn()} onExternal={onExternal} />);
    const cards = screen.getAllByRole('button', { name: /^(Internal|External)/ });
    expect(cards.map((c) => c.textContent)).toEqual([
      'InternalUsers and groups of your organisation',
      'ExternalA link for someone without an account, for a limited time',
    ]);
    expect(cards[1]!.querySelector('svg circle')).toBeTruthy();
    await userEvent.setup().click(cards[1]!);
    expect(onExternal).toHaveBeenCalled();
  });

  it('marks the last card chosen and focuses it, so Enter takes it again; remembers each new choice', async () => {
    const onExternal = vi.fn();
    const onCardChosen = vi.fn();
    const user = userEvent.setup();
    const view = render(
      <Page
        secrets={[PAYMENTS]}
        onClose={vi.fn()}
        onExternal={onExternal}
        lastCard="external"
        onCardChosen={onCardChosen}
      />,
    );
    const external = screen.getByRole('button', { name: /^External/ });
    expect(external.textContent).toContain('Your last choice');
    expect(screen.getByRole('button', { name: /^Internal/ }).textContent).not.toContain('Your last choice');
    expect(document.activeElement).toBe(external);
    await user.keyboard('{Enter}');
    expect(onExternal).toHaveBeenCalledTimes(1);
    expect(onCardChosen).toHaveBeenLastCalledWith('external');
    view.unmount();

    render(
      <Page
        secrets={[PAYMENTS]}
        onClose={vi.fn()}
        onExternal={onExternal}
        lastCard="internal"
        onCardChosen={onCardChosen}
      />,
    );
    const internal = screen.getByRole('button', { name: /^Internal/ });
    expect(internal.textContent).toContain('Your last choice');
    expect(document.activeElement).toBe(internal);
    await user.keyboard('{Enter}');
    expect(onCardChosen).toHaveBeenLastCalledWith('internal');
    expect(await screen.findByRole('combobox')).toBeTruthy();
  });

  it('marks no card when there is no choice (External not offered)', async () => {
    render(<Page secrets={[PAYMENTS]} onClose={vi.fn()} lastCard="external" />);
    expect(screen.queryByText('Your last choice')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Internal/ }));
  });

  it('a batch offers no External card: a link shares one secret', async () => {
    render(<Page secrets={[PAYMENTS, MAPS]} onClose={vi.fn()} onExternal={vi.fn()} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('button', { name: /^Internal/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^External/ })).toBeNull();
  });

  it('shows the current recipients when it opens, with their permissions', async () => {
    await openPanel();
    expect(await screen.findByText('Bob Builder')).toBeTruthy();
    expect(checkbox('Bob Builder', 'Can view').checked).toBe(true);
    expect(checkbox('Bob Builder', 'Can edit').checked).toBe(false);
    expect(shareButton().disabled).toBe(true);
  });

  it('searches once per pause in typing, hides who is listed, shows group sizes, and adds with Can view', async () => {
    const { user, search } = await openPanel();
    await screen.findByText('Bob Builder');
    await user.type(search, 'o');
    const results = await screen.findByRole('listbox', { name: 'Search users or groups' });
    await waitFor(() => expect(within(results).getAllByRole('option').length).toBeGreaterThan(0));
    const names = within(results)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names.some((n) => n?.includes('Bob Builder'))).toBe(false); // already on the list
    expect(names).toContain('OpsGroup · 3 members');
    expect(names).toContain('On-call (mine)Private group · 1 member');
    expect(worker.searches).toEqual(['o']);

    await user.clear(search);
    await user.type(search, 'carol');
    await waitFor(() => expect(worker.searches).toEqual(['o', 'carol'])); // not one per keystroke
    await user.click(await screen.findByRole('option', { name: /Carol Danvers/ }));
    expect(checkbox('Carol Danvers', 'Can view').checked).toBe(true);
    expect(checkbox('Carol Danvers', 'Can edit').checked).toBe(false);
    expect(isNew('Carol Danvers')).toBe(true);
    expect(search.value).toBe('');
    expect(shareButton().disabled).toBe(false);
  });

  it('moves through results with the arrows and adds with Enter', async () => {
    const { user, search } = await openPanel();
    await user.type(search, 'a');
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowDown}');
    const active = screen.getByRole('option', { selected: true });
    expect(search.getAttribute('aria-activedescendant')).toBe(active.id);
    const name = active.querySelector('.access__name')!.textContent!;
    await user.keyboard('{Enter}');
    expect(recipient(name)).toBeTruthy();
    expect(document.activeElement).toBe(search);
  });

  it('warns that editors can disable the secret while Can edit is checked', async () => {
    const { user } = await openPanel();
    await screen.findByText('Bob Builder');
    expect(screen.queryByText(WARNING)).toBeNull();
    await user.click(checkbox('Bob Builder', 'Can edit'));
    expect(screen.getByText(WARNING)).toBeTruthy();
    await user.click(checkbox('Bob Builder', 'Can edit'));
    expect(screen.queryByText(WARNING)).toBeNull();
  });

  it('shows no key fingerprint on each recipient (only when a key changed, or on request in details)', async () => {
    await openPanel();
    await screen.findByText('Bob Builder');
    expect(within(recipient('Bob Builder').closest('li')!).queryByRole('button', { name: /fingerprint/i })).toBeNull();
    expect(screen.queryByText(/aaaa aaaa/)).toBeNull();
  });

  it('enables Share only when something changed', async () => {
    const { user } = await openPanel();
    await screen.findByText('Bob Builder');
    expect(shareButton().disabled).toBe(true);
    await user.click(checkbox('Bob Builder', 'Can edit'));
    expect(shareButton().disabled).toBe(false);
    await user.click(checkbox('Bob Builder', 'Can edit')); // back as it was
    expect(shareButton().disabled).toBe(true);
  });

  it('removes a recipient with the trash icon only after a confirmation', async () => {
    const { user } = await openPanel();
    await user.click(await screen.findByRole('button', { name: 'Remove Bob Builder' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Bob Builder?' });
    expect(within(dialog).getByText('They lose access when you click Share.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('Bob Builder')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove Bob Builder' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(screen.queryByText('Bob Builder')).toBeNull();
    expect(screen.getByText('Not shared with anyone yet. Search above to add users or groups.')).toBeTruthy();
    expect(shareButton().disabled).toBe(false);
  });

  it('applies every change at once, then says "Shared" with Close', async () => {
    const { user, search, onClose } = await openPanel();
    await screen.findByText('Bob Builder');
    await user.type(search, 'carol');
    await user.click(await screen.findByRole('option', { name: /Carol Danvers/ }));
    await user.click(checkbox('Carol Danvers', 'Can edit'));
    await user.click(shareButton());
    expect(await screen.findByRole('heading', { name: 'Shared' })).toBeTruthy();
    const [req] = worker.shares;
    expect(req!.items).toEqual([
      {
        secretId: PAYMENTS.id,
        baseRevision: 1,
        entries: [
          { recipientKind: 'user', recipientId: BOB.id, canEdit: false },
          { recipientKind: 'user', recipientId: CAROL.id, canEdit: true },
        ],
      },
    ]);
    expect(Object.keys(req!.keys)).toEqual([`user:${CAROL.id}`]); // a key only for the new recipient
    expect(screen.queryByText(/may still have the client secret/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('after removing someone, reminds that they may still hold the value and offers to change it', async () => {
    const { user, onRotate } = await openPanel();
    await user.click(await screen.findByRole('button', { name: 'Remove Bob Builder' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(shareButton());
    expect(await screen.findByText(/^Bob Builder may still have the client secret/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Change the client secret' }));
    expect(onRotate).toHaveBeenCalledWith(PAYMENTS);
  });

  it('after removing someone, offers to replace the key; once replaced it says so and the offer goes', async () => {
    const rotateKey = vi.fn(async (_secretId: string) => {});
    const { user } = await openPanel([PAYMENTS], rotateKey);
    await user.click(await screen.findByRole('button', { name: 'Remove Bob Builder' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(shareButton());
    await screen.findByText(/^Bob Builder may still have the client secret/);
    expect(screen.getByText(/^Replace its encryption key too/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Replace the key' }));
    expect(rotateKey).toHaveBeenCalledExactlyOnceWith(PAYMENTS.id);
    expect(
      await screen.findByText('The key was replaced: values saved from now on open only for those who have access.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Replace the key' })).toBeNull();
    expect(screen.queryByText(/^Replace its encryption key too/)).toBeNull();
  });

  it('a key replacement that fails says why in words and can be tried again', async () => {
    const rotateKey = vi
      .fn<(secretId: string) => Promise<void>>()
      .mockRejectedValueOnce(new VaultError('unreachable'))
      .mockResolvedValueOnce(undefined);
    const { user } = await openPanel([PAYMENTS], rotateKey);
    await user.click(await screen.findByRole('button', { name: 'Remove Bob Builder' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(shareButton());
    await user.click(await screen.findByRole('button', { name: 'Replace the key' }));
    expect(
      await screen.findByText("Can't reach the vault server. Check the address, or try again when it's back."),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Replace the key' }));
    await screen.findByText(/^The key was replaced/);
    expect(rotateKey).toHaveBeenCalledTimes(2);
  });

  it('a share that removes nobody offers neither to change the client secret nor to replace the key', async () => {
    const rotateKey = vi.fn(async (_secretId: string) => {});
    const { user, search } = await openPanel([PAYMENTS], rotateKey);
    await user.type(search, 'carol');
    await user.click(await screen.findByRole('option', { name: /Carol/ }));
    await user.click(shareButton());
    await screen.findByRole('heading', { name: 'Shared' });
    expect(screen.queryByRole('button', { name: 'Replace the key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change the client secret' })).toBeNull();
    expect(rotateKey).not.toHaveBeenCalled();
  });

  it.each<[ErrorCode, string]>([
    ['unreachable', "Can't reach the vault server. Check the address, or try again when it's back."],
    ['session_expired', 'Your session expired. Sign in again.'],
    ['unknown_recipient', 'One of the recipients no longer exists. Remove them from the list and try again.'],
    [
      'recipient_not_enrolled',
      "One of the people you chose hasn't enrolled yet, so nothing can be shared with them. Remove them and try again.",
    ],
    ['group_disabled', 'One of the groups you chose is disabled and cannot be shared with. Remove it and try again.'],
    [
      'recipient_key_changed',
      'The key of one of the recipients changed after you picked them. Remove them, search for them again, and share again.',
    ],
    ['secret_disabled', 'This API secret is disabled. Enable it first.'],
  ])('says what went wrong (%s) and keeps the changes, since nothing was applied', async (code, text) => {
    worker.share = () => Promise.reject(new VaultError(code));
    const { user, search } = await openPanel();
    await user.type(search, 'carol');
    await user.click(await screen.findByRole('option', { name: /Carol Danvers/ }));
    await user.click(shareButton());
    expect((await screen.findByRole('alert')).textContent).toBe(text);
    expect(isNew('Carol Danvers')).toBe(true);
    expect(screen.queryByRole('heading', { name: 'Shared' })).toBeNull();
  });

  it('when someone else changed the list meanwhile (409), reloads it and keeps the user’s changes on top', async () => {
    worker.share = async () => {
      worker.lists.set(PAYMENTS.id, accessList(PAYMENTS.id, [userEntry(BOB), userEntry(DAVE)], 2));
      throw new VaultError('stale_access_revision');
    };
    const { user, search } = await openPanel();
    await user.type(search, 'carol');
    await user.click(await screen.findByRole('option', { name: /Carol Danvers/ }));
    await user.click(shareButton());
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Someone else changed who has access meanwhile/);
    expect(await screen.findByText('Dave Lister')).toBeTruthy();
    expect(isNew('Carol Danvers')).toBe(true);
    worker.share = async (req) => ({ ok: true, lists: req.items.map((i) => accessList(i.secretId)) });
    await user.click(shareButton());
    await screen.findByRole('heading', { name: 'Shared' });
    expect(worker.shares[1]!.items[0]!.baseRevision).toBe(2);
  });

  it('refuses a recipient whose key changed until the user confirms the new fingerprint', async () => {
    const current = '0123456789abcdef'.repeat(4);
    worker.share = async (req) =>
      req.confirmed?.[`user:${CAROL.id}`] === current
        ? { ok: true, lists: [] }
        : { ok: false, keyChanges: [{ key: `user:${CAROL.id}`, name: CAROL.name, pinned: 'f'.repeat(64), current }] };
    const { user, search } = await openPanel();
    await user.type(search, 'carol');
    await user.click(await screen.findByRole('option', { name: /Carol Danvers/ }));
    await user.click(shareButton());
    expect(await screen.findByText('The key of Carol Danvers has changed')).toBeTruthy();
    expect(
      screen.getByText('0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef'),
    ).toBeTruthy();
    expect(shareButton().disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'It matches: share' }));
    expect(await screen.findByRole('heading', { name: 'Shared' })).toBeTruthy();
  });

  it('says when the search cannot reach the server', async () => {
    worker.searchError = new VaultError('unreachable');
    const { user, search } = await openPanel();
    await user.type(search, 'carol');
    expect(
      await screen.findByText("Can't reach the vault server. Check the address, or try again when it's back."),
    ).toBeTruthy();
  });

  it('batch: confirms "Share 2 records?", lists who has access to both, and applies the change to each', async () => {
    const { user, search } = await openPanel([PAYMENTS, MAPS]);
    expect(await screen.findByText('Bob Builder')).toBeTruthy();
    expect(screen.queryByText('Dave Lister')).toBeNull(); // only on one of them
    expect(checkbox('Bob Builder', 'Can edit').checked).toBe(false); // not Can edit on both
    await user.type(search, 'carol');
    await user.click(await screen.findByRole('option', { name: /Carol Danvers/ }));
    await user.click(shareButton());
    await screen.findByRole('heading', { name: 'Shared' });
    const [req] = worker.shares;
    expect(req!.items.map((i) => [i.secretId, i.entries.map((e) => e.recipientId)])).toEqual([
      [PAYMENTS.id, [BOB.id, CAROL.id]],
      [MAPS.id, [BOB.id, DAVE.id, CAROL.id]],
    ]);
    expect(req!.items[1]!.entries[0]!.canEdit).toBe(true); // Bob keeps Can edit where he had it
  });

  it('batch: Cancel on "Share N records?" goes back', async () => {
    const onClose = vi.fn();
    render(<Page secrets={[PAYMENTS, MAPS]} onClose={onClose} />);
    expect(screen.getByRole('alertdialog', { name: 'Share 2 records?' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('names what the share changed: who was added with which permission, whose changed, who was removed', async () => {
    worker.lists.set(PAYMENTS.id, accessList(PAYMENTS.id, [userEntry(BOB), userEntry(DAVE)]));
    const { user, search } = await openPanel();
    await screen.findByText('Bob Builder');
    await user.type(search, 'carol');
    await user.click(await screen.findByRole('option', { name: /Carol Danvers/ }));
    await user.click(checkbox('Bob Builder', 'Can edit'));
    await user.click(screen.getByRole('button', { name: 'Remove Dave Lister' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(shareButton());
    const outcome = await screen.findByRole('status');
    expect(within(outcome).getByRole('heading', { name: 'Shared' })).toBeTruthy();
    expect(
      within(outcome)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Added: Carol Danvers (Can view)',
      'Permission changed: Bob Builder (Can edit)',
      'Removed: Dave Lister',
    ]);
  });

  it('says why Share is disabled while nothing changed', async () => {
    const { user } = await openPanel();
    await screen.findByText('Bob Builder');
    const hint = 'Nothing to share yet: add a user or group, change a permission, or remove someone.';
    expect(screen.getByText(hint)).toBeTruthy();
    expect(document.getElementById(shareButton().getAttribute('aria-describedby')!)!.textContent).toBe(hint);
    await user.click(checkbox('Bob Builder', 'Can edit'));
    expect(screen.queryByText(hint)).toBeNull();
    expect(shareButton().getAttribute('aria-describedby')).toBeNull();
  });

  it.each([
    [
      'Cancel',
      (user: ReturnType<typeof userEvent.setup>) => user.click(screen.getByRole('button', { name: 'Cancel' })),
    ],
    [
      'Back',
      (user: ReturnType<typeof userEvent.setup>) =>
        user.click(screen.getByRole('button', { name: 'Back to the list' })),
    ],
  ])('asks "Discard changes?" on %s with a change not applied yet', async (_, leave) => {
    const { user, onClose } = await openPanel();
    await user.click(await screen.findByRole('button', { name: 'Remove Bob Builder' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await leave(user);
    const dialog = screen.getByRole('alertdialog', { name: 'Discard changes?' });
    expect(within(dialog).getByText(/has not been shared yet/)).toBeTruthy();
    // A hurried Enter keeps the work: focus starts on "Keep editing", not on "Discard".
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.queryByText('Bob Builder')).toBeNull(); // the removal is still pending
    expect(shareButton().disabled).toBe(false);
    await leave(user);
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('leaves at once when nothing changed', async () => {
    const { user, onClose } = await openPanel();
    await screen.findByText('Bob Builder');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onClose).toHaveBeenCalled();
  });

  it('says so when the search matches the user themself', async () => {
    const { user, search } = await openPanel();
    await user.type(search, 'alice');
    expect(await screen.findByText('That is you: you already have access.')).toBeTruthy();
    expect(screen.queryByText(/No user or group matches/)).toBeNull();
  });

  it('shows results above the list without covering it, and Escape closes only the results', async () => {
    const { user, search, onClose } = await openPanel();
    await screen.findByText('Bob Builder');
    await user.type(search, 'carol');
    const results = await screen.findByRole('listbox', { name: 'Search users or groups' });
    await within(results).findByRole('option', { name: /Carol Danvers/ });
    // In the flow before the recipients: the list is pushed down, not overlaid.
    expect(results.compareDocumentPosition(recipient('Bob Builder')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(results.hidden).toBe(true);
    expect(search.value).toBe('carol');
    expect(search.getAttribute('aria-expanded')).toBe('false');
    expect(onClose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(search.value).toBe('');
    expect(onClose).not.toHaveBeenCalled();
    await user.type(search, 'c');
    expect(await within(results).findAllByRole('option')).not.toHaveLength(0); // typing opens them again
  });

  it('says in plain words that everyone on the list can view and what Can edit adds', async () => {
    await openPanel();
    await screen.findByText('Bob Builder');
    const fact =
      'Everyone on the list can view the API secret. Can edit also lets them edit and disable it. To take access away, use the trash icon.';
    expect(screen.getByText(fact)).toBeTruthy();
    expect(checkbox('Bob Builder', 'Can view').checked).toBe(true);
    expect(
      document.getElementById(checkbox('Bob Builder', 'Can view').getAttribute('aria-describedby')!)!.textContent,
    ).toBe(fact);
  });
});
