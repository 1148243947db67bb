import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { ALICE, BOB, directoryUser, group, uuid } from '@/test/fixtures';
import type { DirectoryEntry, GroupMember, GroupView } from '@/utils/contract';
import { VaultError } from '@/utils/vault/errors';
import { GroupDetails, type GroupDetailsProps } from './GroupDetails';
import { GroupForm } from './GroupForm';
import { GroupsView } from './GroupsView';
import type { MemberSearch } from './MemberPicker';

const GRANT = {
  recipientKind: 'user' as const,
  recipientId: ALICE.id,
  recipientKeyFingerprint: 'a'.repeat(64),
  ephemeralPublicKey: 'e',
  iv: 'i',
  ct: 'c',
};
const CAROL = { id: uuid(), name: 'Carol Tester', username: 'carol' };

function member(user: { id: string; name: string; username: string }, over: Partial<GroupMember> = {}): GroupMember {
  return {
    user,
    pending: false,
    manager: false,
    publicKey: null,
    fingerprint: null,
    addedBy: ALICE,
    addedAt: '2026-03-01T09:30:00.000Z',
    ...over,
  };
}

/** alice's private group, which she owns and manages. */
const releaseManagers = (over: Partial<GroupView> = {}) =>
  group({
    kind: 'private',
    name: 'Release managers',
    description: 'Who ships on Thursdays',
    membersCanView: false,
    owner: ALICE,
    isManager: true,
    isMember: false,
    myGrant: GRANT,
    memberCount: 1,
    members: [member(BOB)],
    ...over,
  });

/** A stand-in for the share panel's search: a button per person it "finds", hiding those already listed. */
const fakeSearch =
  (people: DirectoryEntry[]): MemberSearch =>
  ({ listed, onAdd }) => (
    <div>
      {people
        .filter((p) => !listed.has(`${p.kind}:${p.id}`))
        .map((p) => (
          <button key={p.id} type="button" onClick={() => onAdd(p)}>
            Found {p.name}
          </button>
        ))}
    </div>
  );

describe('GroupsView', () => {
  it('lists private groups and user groups apart, each with description, count, status and my role', () => {
    render(
      <GroupsView
        meId={ALICE.id}
        groups={[
          group({ name: 'Ops', memberCount: 12, myGrant: GRANT }),
          releaseManagers({ memberCount: 2 }),
          group({ kind: 'private', name: 'Old crew', enabled: false, owner: BOB, isManager: true, memberCount: 1 }),
        ]}
        onOpen={vi.fn()}
        onNew={vi.fn()}
        onBack={vi.fn()}
      />,
    );
    const privateList = screen.getByRole('list', { name: 'Private groups' });
    const items = within(privateList).getAllByRole('button');
    expect(items.map((b) => b.textContent)).toEqual([
      'Old crewPrivate group · 1 member · Disabled · Manager',
      'Release managersWho ships on ThursdaysPrivate group · 2 members · Enabled · Owner',
    ]);
    expect(within(screen.getByRole('list', { name: 'User groups' })).getByRole('button').textContent).toBe(
      'OpsGroup · 12 members · Enabled · Member',
    );
  });

  it('says so when there are none, and while loading', () => {
    const { rerender } = render(<GroupsView meId={ALICE.id} onOpen={vi.fn()} onNew={vi.fn()} onBack={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toBe('Loading groups…');
    rerender(<GroupsView meId={ALICE.id} groups={[]} onOpen={vi.fn()} onNew={vi.fn()} onBack={vi.fn()} />);
    expect(screen.getByText(/You have no private groups yet/)).toBeTruthy();
    expect(screen.getByText('Your administrator has not added you to any user group.')).toBeTruthy();
  });

  it('opens a group, the New group form, and goes back with Escape', async () => {
    const props = { onOpen: vi.fn(), onNew: vi.fn(), onBack: vi.fn() };
    const g = releaseManagers();
    render(<GroupsView meId={ALICE.id} groups={[g]} {...props} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Release managers/ }));
    expect(props.onOpen).toHaveBeenCalledWith(g);
    await user.click(screen.getByRole('button', { name: 'New group' }));
    expect(props.onNew).toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(props.onBack).toHaveBeenCalled();
  });
});

describe('GroupForm: New private group', () => {
  const setup = (onSave = vi.fn(async () => releaseManagers())) => {
    const props = { onSave, onCancel: vi.fn(), onDone: vi.fn() };
    render(<GroupForm {...props} search={fakeSearch([directoryUser(), directoryUser({ ...CAROL, email: 'c@x' })])} />);
    return { user: userEvent.setup(), ...props };
  };

  it('needs a name, says so next to the field, and sends nothing', async () => {
    const { user, onSave } = setup();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const name = screen.getByLabelText('Name (required)');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
      'Enter a name.',
    );
    expect(document.activeElement).toBe(name);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves name, description, visibility and the people found, then opens the new group', async () => {
    const { user, onSave, onDone } = setup();
    await user.type(screen.getByLabelText('Name (required)'), '  Release managers ');
    await user.type(screen.getByLabelText('Description'), 'Who ships on Thursdays');
    await user.click(screen.getByLabelText('Members can see who else is in the group'));
    await user.click(screen.getByRole('button', { name: 'Found Bob Builder' }));
    await user.click(screen.getByRole('button', { name: 'Found Carol Tester' }));
    // found people are listed, not offered again, and can be taken off before saving
    expect(screen.queryByRole('button', { name: 'Found Bob Builder' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Take Carol Tester off the list' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({
      name: 'Release managers',
      description: 'Who ships on Thursdays',
      membersCanView: true,
      members: [{ id: BOB.id, name: BOB.name, publicKey: directoryUser().publicKey }],
    });
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ name: 'Release managers' }));
  });

  it('a name the user already has is refused next to the name, in words', async () => {
    const { user, onDone } = setup(vi.fn(() => Promise.reject(new VaultError('group_name_taken'))));
    await user.type(screen.getByLabelText('Name (required)'), 'Release managers');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('You already have a private group with this name. Choose another one.'),
    ).toBeTruthy();
    expect(screen.getByText('You already have a private group with this name.')).toBeTruthy();
    expect(screen.getByLabelText('Name (required)').getAttribute('aria-invalid')).toBe('true');
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe('GroupDetails', () => {
  const setup = (g: GroupView, meId = ALICE.id, over: Partial<GroupDetailsProps> = {}) => {
    const props: GroupDetailsProps = {
      group: g,
      meId,
      search: fakeSearch([directoryUser({ ...CAROL, email: 'c@x' })]),
      onBack: vi.fn(),
      onUpdate: vi.fn(async () => undefined),
      onAddMembers: vi.fn(async () => undefined),
      onRemoveMember: vi.fn(async () => undefined),
      onSetManager: vi.fn(async () => undefined),
      loadExposure: vi.fn(async () => ({ items: [{ id: uuid(), name: 'Stripe live key' }], othersCount: 2 })),
      ...over,
    };
    render(<GroupDetails {...props} />);
    return { user: userEvent.setup(), ...props };
  };

  it('removing a member asks first and lists what they could read through the group', async () => {
    const { user, onRemoveMember, loadExposure } = setup(releaseManagers());
    await user.click(screen.getByRole('button', { name: 'Remove Bob Builder from the group' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Bob Builder from “Release managers”?' });
    expect(await within(dialog).findByText('Stripe live key')).toBeTruthy();
    expect(within(dialog).getByText('and 2 more API secrets that you cannot see')).toBeTruthy();
    expect(loadExposure).toHaveBeenCalledTimes(1);
    expect(onRemoveMember).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(onRemoveMember).toHaveBeenCalledWith(BOB.id);
    expect(await screen.findByText('Bob Builder was removed from the group.')).toBeTruthy();
  });

  it('Cancel keeps the member', async () => {
    const { user, onRemoveMember } = setup(releaseManagers());
    await user.click(screen.getByRole('button', { name: 'Remove Bob Builder from the group' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onRemoveMember).not.toHaveBeenCalled();
  });

  it('disabling asks first, saying what it does; enabling likewise', async () => {
    const { user, onUpdate } = setup(releaseManagers());
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Disable “Release managers”?' });
    expect(dialog.textContent).toContain('no longer offered when sharing');
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(onUpdate).toHaveBeenCalledWith({ enabled: false });
    expect(await screen.findByText('Group disabled.')).toBeTruthy();
  });

  it('edits name and description in place; a taken name is refused in words', async () => {
    const onUpdate = vi.fn(() => Promise.reject(new VaultError('group_name_taken')));
    const { user } = setup(releaseManagers(), ALICE.id, { onUpdate });
    await user.click(screen.getByRole('button', { name: 'Edit name and description' }));
    const name = screen.getByLabelText('Name (required)');
    await user.clear(name);
    await user.type(name, 'On-call');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onUpdate).toHaveBeenCalledWith({
      name: 'On-call',
      description: 'Who ships on Thursdays',
      membersCanView: false,
    });
    expect(
      await screen.findByText('You already have a private group with this name. Choose another one.'),
    ).toBeTruthy();
  });

  it('adds people found by the search, and makes a member a manager', async () => {
    const { user, onAddMembers, onSetManager } = setup(releaseManagers());
    await user.click(screen.getByRole('button', { name: 'Found Carol Tester' }));
    await user.click(screen.getByRole('button', { name: 'Add to group' }));
    expect(onAddMembers).toHaveBeenCalledWith([
      { id: CAROL.id, name: CAROL.name, publicKey: directoryUser().publicKey },
    ]);
    expect(await screen.findByText('Members added.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Make manager: Bob Builder' }));
    expect(onSetManager).toHaveBeenCalledWith(BOB.id, true);
  });

  it('shows pending members to managers, with who added them', () => {
    setup(
      releaseManagers({
        kind: 'user',
        owner: null,
        members: [member(BOB), member(CAROL, { pending: true, addedBy: null })],
      }),
    );
    const pending = screen.getByRole('list', { name: 'Waiting for the group key' });
    expect(pending.textContent).toMatch(/^Carol Tester pendingAdded by an administrator, /);
    expect(screen.getByRole('list', { name: 'Members' }).textContent).not.toContain('Carol');
  });

  it('offers a Review of each enrolled pending member, which opens the approvals (VEP/2: no key until approved)', async () => {
    const onReviewPending = vi.fn();
    setup(
      releaseManagers({
        kind: 'user',
        owner: null,
        members: [
          member(BOB),
          member(CAROL, { pending: true, addedBy: null, publicKey: directoryUser().publicKey }),
          member({ id: uuid(), name: 'Not Enrolled', username: 'ne' }, { pending: true, addedBy: null }),
        ],
      }),
      ALICE.id,
      { onReviewPending },
    );
    expect(screen.getByText(/until a manager approves them/)).toBeTruthy();
    // someone not yet enrolled has no key to approve: nothing to review yet
    expect(screen.queryByRole('button', { name: 'Review: Not Enrolled' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Review: Carol Tester' }));
    expect(onReviewPending).toHaveBeenCalledOnce();
  });

  it('a plain member of a hidden group sees the count only, and no way to change it', () => {
    setup(
      releaseManagers({
        owner: BOB,
        isManager: false,
        isMember: true,
        members: undefined,
        description: '',
        memberCount: 4,
      }),
    );
    expect(screen.getByText("4 members · Only the group's managers see its members.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Remove|Disable|Edit|Add to group|manager/ })).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByText(/Found/)).toBeNull();
  });

  it('a user group is read-only for its plain members', () => {
    setup(group({ name: 'Ops', members: [member(BOB)] }));
    expect(screen.getByText('Your administrator manages this group.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Remove|Disable|Edit|manager/ })).toBeNull();
  });
});
