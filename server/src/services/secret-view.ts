import type { SecretSummary } from '../../../utils/contract';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';
import type { Visible } from './visibility';
import { userRefs } from './users';
import { namedRecipients, toSecretSummary } from './to-contract';

/** Turns visible rows into the API's summaries (no ciphertext, ever). */
export async function summaries(db: Db | Tx, items: Iterable<Visible>): Promise<SecretSummary[]> {
  const list = [...items];
  const named = list.flatMap((v) => namedRecipients(v.row));
  const refs = await userRefs(db, [
    ...list.flatMap((v) => [v.row.owner_id, v.row.created_by, v.row.updated_by, v.row.last_used_by ?? v.row.owner_id]),
    ...named.filter((n) => n.kind === 'user').map((n) => n.id),
  ]);
  const groupIds = [...new Set(named.filter((n) => n.kind === 'group').map((n) => n.id))];
  const groups = new Map<string, string>();
  for (let i = 0; i < groupIds.length; i += 500)
    for (const g of await db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('id', 'in', groupIds.slice(i, i + 500))
      .execute())
      groups.set(g.id, g.name);
  const ref = (id: string) => refs.get(id) ?? { id, name: 'Unknown user', username: '' };
  return list.map((v) => toSecretSummary(v.row, v, ref, (id) => groups.get(id)));
}

export async function summary(db: Db | Tx, v: Visible): Promise<SecretSummary> {
  return (await summaries(db, [v]))[0]!;
}
