import type { DirectoryUser, GroupView, SecretSummary, SyncBatch } from '@/utils/contract';

/** Test data shaped by the contract; ids are UUIDs because the schemas check them. */
export const ALICE = { id: '00000000-0000-4000-8000-00000000a11c', name: 'Alice Example', username: 'alice' };
export const BOB = { id: '00000000-0000-4000-8000-000000000b0b', name: 'Bob Builder', username: 'bob' };

let n = 0;
/** A UUID v4 that is unique within the test run and readable in failures. */
export const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** An API secret as the server lists it, owned by Alice unless told otherwise. */
export function secret(over: Partial<SecretSummary> = {}): SecretSummary {
  const owner = over.owner ?? ALICE;
  return {
    id: uuid(),
    name: 'Payments API',
    url: 'https://api.payments.example/v1',
    clientId: 'pay-client',
    identifier: null,
    method: 'POST',
    tags: [],
    notes: '',
    status: 'enabled',
    owner,
    shared: false,
    permissions: { view: true, edit: owner.id === ALICE.id, share: owner.id === ALICE.id },
    access: { users: 0, groups: 0, named: [] },
    revision: 1,
    accessRevision: 1,
    valueRevision: 1,
    createdBy: owner,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedBy: owner,
    updatedAt: '2025-01-02T10:00:00.000Z',
    lastUsedAt: null,
    lastUsedBy: null,
    ...over,
  };
}

const KEY = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + 'A'.repeat(88);
const FP = 'a'.repeat(64);

export function directoryUser(over: Partial<DirectoryUser> = {}): DirectoryUser {
  return { kind: 'user', ...BOB, email: 'bob@example.com', publicKey: KEY, fingerprint: FP, ...over };
}

export function group(over: Partial<GroupView> = {}): GroupView {
  return {
    id: uuid(),
    kind: 'user',
    name: 'Platform team',
    description: '',
    enabled: true,
    membersCanView: true,
    owner: null,
    publicKey: KEY,
    fingerprint: FP,
    memberCount: 3,
    isMember: true,
    isManager: false,
    myGrant: null,
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...over,
  };
}

/** A change-feed answer as the client applies it (people resolved); incremental and empty unless told otherwise. */
export function syncResponse(over: Partial<SyncBatch> = {}): SyncBatch {
  return {
    cursor: '1',
    full: false,
    secrets: [],
    removedSecrets: [],
    groups: [],
    removedGroups: [],
    users: [],
    ...over,
  };
}
