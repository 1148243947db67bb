import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALICE, BOB, group, secret, syncResponse, uuid } from '@/test/fixtures';
import type { GroupMember, GroupView, SecretSummary } from '@/utils/contract';
import type { SyncChanges } from '@/utils/sync';
import { createBadge } from './badge';

const owner = { userId: ALICE.id, serverUrl: 'https://vault.example' };
const badgeText = () => fakeBrowser.action.getBadgeText({});
/** A sync pass as the engine reports it: `appeared` is what the cache did not hold before. */
const pass = (appeared: SecretSummary[], over: Partial<SyncChanges> = {}): SyncChanges => ({
  response: syncResponse({ secrets: appeared }),
  owner,
  firstLoad: false,
  appeared,
  ...over,
});

describe('badge', () => {
  it('counts secrets colleagues newly share with me, not my own', async () => {
    const badge = createBadge();
    const [fromBob, another, mine] = [secret({ owner: BOB }), secret({ owner: BOB }), secret({ owner: ALICE })];
    await badge.noteChanges(pass([fromBob, mine]));
    expect(await badgeText()).toBe('1');
    await badge.noteChanges(pass([another]));
    expect(await badgeText()).toBe('2');
  });

  it('does not count a change to a secret already shared with me', async () => {
    const badge = createBadge();
    const fromBob = secret({ owner: BOB });
    await badge.noteChanges({ ...pass([]), response: syncResponse({ secrets: [{ ...fromBob, name: 'Renamed' }] }) });
    expect(await badgeText()).toBe('');
  });

  it('does not count the first load after sign-in, and starts that account from zero', async () => {
    const badge = createBadge();
    await badge.noteChanges(pass([secret({ owner: BOB })]));
    await badge.noteChanges(pass([secret({ owner: BOB }), secret({ owner: BOB })], { firstLoad: true }));
    expect(await badgeText()).toBe('');
  });

  it('uncounts a share that was taken back before I looked', async () => {
    const badge = createBadge();
    const fromBob = secret({ owner: BOB });
    await badge.noteChanges(pass([fromBob]));
    await badge.noteChanges({ ...pass([]), response: syncResponse({ removedSecrets: [fromBob.id] }) });
    expect(await badgeText()).toBe('');
  });

  it('opening the popup hands over the new ids and clears the badge; storage keeps ids only', async () => {
    const badge = createBadge();
    const fromBob = secret({ owner: BOB, name: 'Salesforce sandbox' });
    await badge.noteChanges(pass([fromBob]));
    expect(await fakeBrowser.storage.local.get()).toEqual({ newShares: [fromBob.id] });
    expect(await badge.take()).toEqual([fromBob.id]);
    expect(await badgeText()).toBe('');
    expect(await badge.take()).toEqual([]);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });

  it('shows the count again after the browser restarts', async () => {
    await createBadge().noteChanges(pass([secret({ owner: BOB })]));
    await fakeBrowser.action.setBadgeText({ text: '' });
    await createBadge().restore();
    expect(await badgeText()).toBe('1');
  });
});

describe('badge: people waiting for my approval', () => {
  const KEY = group().publicKey;
  const person = (over: Partial<GroupMember> = {}): GroupMember => {
    const id = uuid();
    return {
      user: { id, name: `Person ${id.slice(-2)}`, username: `p${id.slice(-2)}` },
      pending: true,
      manager: false,
      publicKey: KEY,
      fingerprint: 'a'.repeat(64),
      addedBy: null,
      addedAt: '2026-11-30T10:00:00.000Z',
      ...over,
    };
  };
  const managed = (members: GroupMember[], over: Partial<GroupView> = {}) =>
    group({ isManager: true, myGrant: { recipientKind: 'user' } as GroupView['myGrant'], members, ...over });
  const groupsPass = (groups: GroupView[], over: Partial<SyncChanges['response']> = {}, firstLoad = false) =>
    pass([], { firstLoad, response: syncResponse({ groups, ...over }) });

  it('counts pending members of groups I manage and hold the key of, even on the first load', async () => {
    const badge = createBadge();
    const ops = managed([person(), person(), person({ pending: false })]);
    await badge.noteChanges(
      groupsPass(
        [
          ops,
          // not mine to decide: a group I only belong to, one whose key I do not hold yet
          group({ members: [person()] }),
          managed([person()], { myGrant: null }),
          // not enrolled yet: nothing to grant to, so nothing to decide
          managed([person({ publicKey: null })]),
        ],
        { full: true },
        true,
      ),
    );
    expect(await badgeText()).toBe('2');
  });

  it('adds them to new shares; opening the popup uncounts the shares, not the people waiting', async () => {
    const badge = createBadge();
    await badge.noteChanges(groupsPass([managed([person()])], { full: true }, true));
    await badge.noteChanges(pass([secret({ owner: BOB })]));
    expect(await badgeText()).toBe('2');
    await badge.take();
    expect(await badgeText()).toBe('1');
  });

  it('uncounts someone approved or refused, a group I no longer manage, and a group that is gone', async () => {
    const badge = createBadge();
    const [a, b, c] = [person(), person(), person()];
    const ops = managed([a, b]);
    const web = managed([c]);
    const third = managed([person()]);
    await badge.noteChanges(groupsPass([ops, web, third], { full: true }, true));
    expect(await badgeText()).toBe('4');
    // a delta carries only what changed: ops after approving a, web after I stopped managing it
    await badge.noteChanges(
      groupsPass([
        { ...ops, members: [{ ...a, pending: false }, b] },
        { ...web, isManager: false },
      ]),
    );
    expect(await badgeText()).toBe('2');
    await badge.noteChanges(groupsPass([], { removedGroups: [third.id] }));
    expect(await badgeText()).toBe('1');
    // restarted, the count comes back from storage; signed out, nothing is counted
    await fakeBrowser.action.setBadgeText({ text: '' });
    await createBadge().restore();
    expect(await badgeText()).toBe('1');
    await badge.clear();
    expect(await badgeText()).toBe('');
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });
});
