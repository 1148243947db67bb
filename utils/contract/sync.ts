import { z } from './zod';
import { Id } from './common';
import { DirectoryUser, GroupView } from './directory';
import { SecretSummary } from './secrets';

/** An opaque cursor; "0" or none asks for everything. */
export const SyncQuery = z.strictObject({ since: z.string().regex(/^\d{1,18}$/, 'is not a sync cursor').optional() });

/**
 * What changed for the caller since the cursor. `full` means the client must replace its cache with this
 * answer (first load, or a cursor the server can no longer serve).
 */
export const SyncResponse = z.object({
  cursor: z.string(),
  full: z.boolean(),
  secrets: z.array(SecretSummary),
  removedSecrets: z.array(Id),
  groups: z.array(GroupView),
  removedGroups: z.array(Id),
  users: z.array(DirectoryUser),
});
export type SyncResponse = z.infer<typeof SyncResponse>;
