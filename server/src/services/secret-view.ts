import type { SecretSummary } from '../../../utils/contract';
import type { Db } from '../db/connect';
import type { Tx } from '../db/tx';
import type { Visible } from './visibility';
import { userRefs } from './users';
import { toSecretSummary } from './to-contract';

/** Turns visible rows into the API's summaries (no ciphertext, ever). */
export async function summaries(db: Db | Tx, items: Iterable<Visible>): Promise<SecretSummary[]> {
  const list = [...items];
  const refs = await userRefs(
    db,
    list.flatMap((v) => [v.row.owner_id, v.row.created_by, v.row.updated_by]),
  );
  const ref = (id: string) => refs.get(id) ?? { id, name: 'Unknown user', username: '' };
  return list.map((v) => toSecretSummary(v.row, v, ref));
}

export async function summary(db: Db | Tx, v: Visible): Promise<SecretSummary> {
  return (await summaries(db, [v]))[0]!;
}
