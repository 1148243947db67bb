import { compactSync, type GroupView, type SyncResponse } from '../../../utils/contract';
import { read, type Tx } from '../db/tx';
import type { Ctx } from './context';
import { visibleSecrets } from './visibility';
import { visiblePage, type PageKey } from './visible-page';
import { summaries } from './secret-view';
import { groupView } from './groups';
import { directoryUsers } from './directory';
import { groupSecretIds } from './changes';

/** Past this many changes a full answer is cheaper than replaying them. */
const MAX_CHANGES = 5000;

/**
 * Secrets per page of a first load. The first page is small so the popup can draw its first screen while
 * the rest arrives; the later ones are larger, because each request costs a round trip and a transaction.
 */
export const FIRST_PAGE = 250;
export const NEXT_PAGES = 2500;

async function maxSeq(tx: Tx): Promise<number> {
  const r = await tx
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

async function groupViews(tx: Tx, userId: string, ids: string[]): Promise<{ views: GroupView[]; gone: string[] }> {
  const views: GroupView[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const v = await groupView(tx, id, userId);
    // A group the user is no longer in (nor manages) leaves their cache even if they could still find it.
    if (v && (v.isMember || v.isManager)) views.push(v);
    else gone.push(id);
  }
  return { views, gone };
}

const encodePage = (cursor: string, k: PageKey) =>
  `${cursor}.${Buffer.from(k.name, 'utf8').toString('base64url')}.${k.id}`;

function decodePage(token: string): { cursor: string; after: PageKey } {
  const [cursor, name, id] = token.split('.') as [string, string, string];
  return { cursor, after: { name: Buffer.from(name, 'base64url').toString('utf8'), id } };
}

/**
 * One page of a full answer. The first carries the user's groups and clears the client's cache; the others
 * carry the first page's cursor, so whatever changed while the pages were read comes with the next pass.
 */
async function fullPage(
  ctx: Ctx,
  tx: Tx,
  userId: string,
  cursor: string,
  after: PageKey | undefined,
): Promise<SyncResponse> {
  const limit = after ? NEXT_PAGES : FIRST_PAGE;
  const page = await visiblePage(tx, ctx.store.dialect, userId, after, limit);
  const last = page.length === limit ? page[page.length - 1]!.row : undefined;
  const next = last ? encodePage(cursor, { name: last.name, id: last.id }) : null;
  const secrets = await summaries(tx, page);
  if (after)
    return compactSync(
      { cursor, full: false, secrets, removedSecrets: [], groups: [], removedGroups: [], users: [] },
      next,
    );
  const ids = (await tx.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute()).map(
    (r) => r.group_id,
  );
  const { views } = await groupViews(tx, userId, ids);
  return compactSync(
    { cursor, full: true, secrets, removedSecrets: [], groups: views, removedGroups: [], users: [] },
    next,
  );
}

/**
 * What changed for a user since `since`: the change rows addressed to them (or to everyone) are re-read as
 * they stand now, so a secret that left their view comes back as removed. Cost follows the changes. With
 * `page`, the next page of a first load instead.
 */
export async function sync(ctx: Ctx, userId: string, since: string | undefined, page?: string): Promise<SyncResponse> {
  return read(ctx.store, async (tx) => {
    if (page) {
      const { cursor, after } = decodePage(page);
      return fullPage(ctx, tx, userId, cursor, after);
    }
    const top = await maxSeq(tx);
    const from = since ? Number(since) : 0;
    if (!from || from > top) return fullPage(ctx, tx, userId, String(top), undefined);
    const changes = await tx
      .selectFrom('changes')
      .select(['seq', 'entity', 'entity_id'])
      .where('user_id', 'in', [userId, ''])
      .where('seq', '>', from)
      .where('seq', '<=', top)
      .limit(MAX_CHANGES + 1)
      .execute();
    if (changes.length > MAX_CHANGES) return fullPage(ctx, tx, userId, String(top), undefined);
    const ids = (entity: string) => [...new Set(changes.filter((c) => c.entity === entity).map((c) => c.entity_id))];
    const marks = changes
      .filter((c) => c.entity === 'group_secrets')
      .map((c) => ({ groupId: c.entity_id, seq: Number(c.seq) }));
    const throughGroups = await groupSecretIds(tx, marks, { from, to: top }, MAX_CHANGES + 1);
    const secretIds = [...new Set([...ids('secret'), ...throughGroups])];
    if (secretIds.length > MAX_CHANGES) return fullPage(ctx, tx, userId, String(top), undefined);
    const visible = await visibleSecrets(tx, userId, secretIds);
    const { views, gone } = await groupViews(tx, userId, ids('group'));
    return compactSync({
      cursor: String(top),
      full: false,
      secrets: await summaries(tx, visible.values()),
      removedSecrets: secretIds.filter((id) => !visible.has(id)),
      groups: views,
      removedGroups: gone,
      users: await directoryUsers(tx, ids('user')),
    });
  });
}
