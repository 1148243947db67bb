import { z } from './zod';
import { Id } from './common';
import { DirectoryUser, GroupView, UserRef } from './directory';
import { SecretSummary, type AccessName } from './secrets';

/**
 * Where a paged first load resumes: the cursor of its first page, then the last (name, id) it sent, the name
 * base64url-encoded. Opaque to clients, which only send back the `next` they were given.
 */
const PAGE_TOKEN = /^\d{1,18}\.[A-Za-z0-9_-]{0,1100}\.[0-9a-f-]{36}$/;

/** An opaque cursor; "0" or none asks for everything. `page` continues a first load. */
export const SyncQuery = z.strictObject({
  since: z
    .string()
    .regex(/^\d{1,18}$/, 'is not a sync cursor')
    .optional(),
  page: z.string().regex(PAGE_TOKEN, 'is not a sync page').optional(),
});

/**
 * A summary as the change feed sends it: its people by id, named once in the answer's `people`; the groups its
 * access summary names by id too, named once in `groupRefs`. A first load of 10,000 secrets owned by a handful
 * of people would otherwise repeat the same three objects 10,000 times. `named` and `lastUsedById` are left
 * out when there is nobody to name.
 */
export const SyncSecret = SecretSummary.omit({
  owner: true,
  createdBy: true,
  updatedBy: true,
  lastUsedBy: true,
  access: true,
}).extend({
  ownerId: Id,
  createdById: Id,
  updatedById: Id,
  lastUsedById: Id.optional(),
  access: z.object({ users: z.number().int(), groups: z.number().int(), named: z.array(Id).max(2).optional() }),
});
export type SyncSecret = z.infer<typeof SyncSecret>;

/** A group an access summary names: its name only (it may be a group the caller is not in). */
export const GroupRef = z.object({ id: Id, name: z.string() });
export type GroupRef = z.infer<typeof GroupRef>;

/**
 * What changed for the caller since the cursor. `full` means the client must replace its cache with this
 * answer (first load, or a cursor the server can no longer serve). A full answer comes in pages, in name
 * order: `next` is where the rest continues (ask again with `page`), null on the last page; the pages after
 * the first add to the cache and carry the first page's cursor, so changes made meanwhile come with the
 * next incremental pass.
 */
export const SyncResponse = z.object({
  cursor: z.string(),
  full: z.boolean(),
  secrets: z.array(SyncSecret),
  people: z.array(UserRef),
  groupRefs: z.array(GroupRef).default([]),
  removedSecrets: z.array(Id),
  groups: z.array(GroupView),
  removedGroups: z.array(Id),
  users: z.array(DirectoryUser),
  next: z.string().nullable(),
});
export type SyncResponse = z.infer<typeof SyncResponse>;

/** A change-feed answer with its people resolved: what the cache stores and the worker's helpers read. */
export type SyncBatch = Omit<SyncResponse, 'secrets' | 'people' | 'groupRefs' | 'next'> & { secrets: SecretSummary[] };

/** Sends people once: the wire form of a batch (the server's side). */
export function compactSync(batch: SyncBatch, next: string | null = null): SyncResponse {
  const people = new Map<string, UserRef>();
  const groupRefs = new Map<string, GroupRef>();
  const secrets = batch.secrets.map(({ owner, createdBy, updatedBy, lastUsedBy, access, ...s }): SyncSecret => {
    for (const p of [owner, createdBy, updatedBy, lastUsedBy]) if (p) people.set(p.id, p);
    for (const n of access.named)
      if (n.kind === 'user') people.set(n.id, { id: n.id, name: n.name, username: people.get(n.id)?.username ?? '' });
      else groupRefs.set(n.id, { id: n.id, name: n.name });
    return {
      ...s,
      ownerId: owner.id,
      createdById: createdBy.id,
      updatedById: updatedBy.id,
      ...(lastUsedBy ? { lastUsedById: lastUsedBy.id } : {}),
      access: {
        users: access.users,
        groups: access.groups,
        ...(access.named.length ? { named: access.named.map((n) => n.id) } : {}),
      },
    };
  });
  return { ...batch, secrets, people: [...people.values()], groupRefs: [...groupRefs.values()], next };
}

/** Resolves the people of a wire answer (the client's side); an id the answer does not name is unknown. */
export function expandSync({ people, groupRefs, next: _next, secrets, ...rest }: SyncResponse): SyncBatch {
  const byId = new Map(people.map((p) => [p.id, p]));
  const groupsById = new Map(groupRefs.map((g) => [g.id, g]));
  const ref = (id: string) => byId.get(id) ?? { id, name: 'Unknown user', username: '' };
  // An id the answer names nowhere is left out: the summary then counts that recipient among "N more".
  const named = (id: string): AccessName[] => {
    const user = byId.get(id);
    if (user) return [{ kind: 'user', id, name: user.name }];
    const group = groupsById.get(id);
    return group ? [{ kind: 'group', id, name: group.name }] : [];
  };
  return {
    ...rest,
    secrets: secrets.map(({ ownerId, createdById, updatedById, lastUsedById, access, ...s }) => ({
      ...s,
      owner: ref(ownerId),
      createdBy: ref(createdById),
      updatedBy: ref(updatedById),
      lastUsedBy: lastUsedById ? ref(lastUsedById) : null,
      access: { users: access.users, groups: access.groups, named: (access.named ?? []).flatMap(named) },
    })),
  };
}
