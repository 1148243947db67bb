import { z } from './zod';
import { Id } from './common';
import { DirectoryUser, GroupView, UserRef } from './directory';
import { SecretSummary } from './secrets';

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
 * A summary as the change feed sends it: its people by id, named once in the answer's `people`. A first load
 * of 10,000 secrets owned by a handful of people would otherwise repeat the same three objects 10,000 times.
 */
export const SyncSecret = SecretSummary.omit({ owner: true, createdBy: true, updatedBy: true }).extend({
  ownerId: Id,
  createdById: Id,
  updatedById: Id,
});
export type SyncSecret = z.infer<typeof SyncSecret>;

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
  removedSecrets: z.array(Id),
  groups: z.array(GroupView),
  removedGroups: z.array(Id),
  users: z.array(DirectoryUser),
  next: z.string().nullable(),
});
export type SyncResponse = z.infer<typeof SyncResponse>;

/** A change-feed answer with its people resolved: what the cache stores and the worker's helpers read. */
export type SyncBatch = Omit<SyncResponse, 'secrets' | 'people' | 'next'> & { secrets: SecretSummary[] };

/** Sends people once: the wire form of a batch (the server's side). */
export function compactSync(batch: SyncBatch, next: string | null = null): SyncResponse {
  const people = new Map<string, UserRef>();
  const secrets = batch.secrets.map(({ owner, createdBy, updatedBy, ...s }) => {
    for (const p of [owner, createdBy, updatedBy]) people.set(p.id, p);
    return { ...s, ownerId: owner.id, createdById: createdBy.id, updatedById: updatedBy.id };
  });
  return { ...batch, secrets, people: [...people.values()], next };
}

/** Resolves the people of a wire answer (the client's side); an id the answer does not name is unknown. */
export function expandSync({ people, next: _next, secrets, ...rest }: SyncResponse): SyncBatch {
  const byId = new Map(people.map((p) => [p.id, p]));
  const ref = (id: string) => byId.get(id) ?? { id, name: 'Unknown user', username: '' };
  return {
    ...rest,
    secrets: secrets.map(({ ownerId, createdById, updatedById, ...s }) => ({
      ...s,
      owner: ref(ownerId),
      createdBy: ref(createdById),
      updatedBy: ref(updatedById),
    })),
  };
}
