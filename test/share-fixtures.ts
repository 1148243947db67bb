import type { AccessEntry, AccessList, DirectoryEntry } from '@/utils/contract';
import { ALICE, BOB, uuid } from './fixtures';

const KEY = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + 'A'.repeat(88);
export const CAROL = { id: '00000000-0000-4000-8000-0000000ca201', name: 'Carol Danvers', username: 'carol' };
export const DAVE = { id: '00000000-0000-4000-8000-0000000da7e0', name: 'Dave Lister', username: 'dave' };
export const OPS_ID = '00000000-0000-4000-8000-0000000000a5';

/** A user on an access list. */
export const userEntry = (u: { id: string; name: string; username: string }, canEdit = false): AccessEntry => ({
  recipientKind: 'user',
  recipientId: u.id,
  name: u.name,
  username: u.username,
  email: `${u.username}@example.com`,
  groupKind: null,
  canView: true,
  canEdit,
  fingerprint: 'a'.repeat(64),
  members: null,
  memberCount: null,
});

/** A group on an access list, with its members. */
export const groupEntry = (name = 'Ops', canEdit = false, members = [CAROL, DAVE]): AccessEntry => ({
  recipientKind: 'group',
  recipientId: OPS_ID,
  name,
  username: null,
  email: null,
  groupKind: 'user',
  canView: true,
  canEdit,
  fingerprint: 'b'.repeat(64),
  members: members.map((m, i) => ({ ...m, pending: i === 1 })),
  memberCount: members.length,
});

export const accessList = (secretId: string, entries: AccessEntry[] = [], accessRevision = 1): AccessList => ({
  secretId,
  accessRevision,
  owner: ALICE,
  entries,
});

/** What the directory search can find. */
export const DIRECTORY: DirectoryEntry[] = [
  {
    kind: 'user',
    id: BOB.id,
    name: BOB.name,
    username: BOB.username,
    email: 'bob@example.com',
    publicKey: KEY,
    fingerprint: 'a'.repeat(64),
  },
  {
    kind: 'user',
    id: CAROL.id,
    name: CAROL.name,
    username: CAROL.username,
    email: 'carol@example.com',
    publicKey: KEY,
    fingerprint: 'c'.repeat(64),
  },
  {
    kind: 'user',
    id: DAVE.id,
    name: DAVE.name,
    username: DAVE.username,
    email: 'dave@example.com',
    publicKey: KEY,
    fingerprint: 'd'.repeat(64),
  },
  {
    kind: 'group',
    id: OPS_ID,
    name: 'Ops',
    groupKind: 'user',
    memberCount: 3,
    publicKey: KEY,
    fingerprint: 'b'.repeat(64),
  },
  {
    kind: 'group',
    id: uuid(),
    name: 'On-call (mine)',
    groupKind: 'private',
    memberCount: 1,
    publicKey: KEY,
    fingerprint: 'e'.repeat(64),
  },
];
