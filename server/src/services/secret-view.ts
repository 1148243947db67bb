import type { SecretSummary } from '../../../utils/contract';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';
import type { Visible } from './visibility';
import { userRefs } from './users';

/** Turns visible rows into the API's summaries (no ciphertext, ever). */
export async function summaries(db: Db | Tx, items: Iterable<Visible>): Promise<SecretSummary[]> {
  const list = [...items];
  const refs = await userRefs(db, list.flatMap((v) => [v.row.owner_id, v.row.created_by, v.row.updated_by]));
  const ref = (id: string) => refs.get(id) ?? { id, name: 'Unknown user', username: '' };
  return list.map(({ row: r, isOwner, canEdit }) => ({
    id: r.id, name: r.name, url: r.url, clientId: r.client_id, identifier: r.identifier, method: r.method as SecretSummary['method'],
    tags: JSON.parse(r.tags) as string[], notes: r.notes, status: r.status,
    owner: ref(r.owner_id),
    shared: r.access_users + r.access_groups > 0,
    permissions: { view: true, edit: canEdit, share: isOwner },
    access: { users: r.access_users, groups: r.access_groups },
    revision: r.revision, accessRevision: r.access_revision, valueRevision: r.value_revision,
    createdBy: ref(r.created_by), createdAt: r.created_at, updatedBy: ref(r.updated_by), updatedAt: r.updated_at,
    lastUsedAt: r.last_used_at,
  }));
}

export async function summary(db: Db | Tx, v: Visible): Promise<SecretSummary> {
  return (await summaries(db, [v]))[0]!;
}
