import type { AccessList as AccessListData } from '@/utils/contract';
import { formatWhen, t } from '@/utils/i18n';
import { UserIcon } from './icons';
import type { AccessListResult } from '@/utils/share/types';
import { GroupItem, Permissions } from './AccessGroup';

/** A secret's access list as the page has it: loading, loaded (perhaps the saved copy), or failed. */
export type AccessState = { result?: AccessListResult; error?: string; loading: boolean };

/** The list itself: the owner first, then users, then groups, each with Can view / Can edit. */
export function AccessEntries({ list, meId }: { list: AccessListData; meId: string }) {
  const you = (id: string) => (id === meId ? ` (${t('ownerYou')})` : '');
  return (
    <ul class="access">
      <li class="access__item">
        <span class="access__person">
          <UserIcon />
          <span class="access__who">
            <span class="access__name">
              {list.owner.name}
              {you(list.owner.id)}
            </span>
            <span class="access__sub">{list.owner.username}</span>
          </span>
        </span>
        <span class="perms">
          <span class="perm perm--owner">{t('accessOwner')}</span>
        </span>
      </li>
      {list.entries.map((e) =>
        e.recipientKind === 'group' ? (
          <GroupItem key={e.recipientId} entry={e} />
        ) : (
          <li key={e.recipientId} class="access__item">
            <span class="access__person">
              <UserIcon />
              <span class="access__who">
                <span class="access__name">
                  {e.name}
                  {you(e.recipientId)}
                </span>
                <span class="access__sub">{[e.username, e.email].filter(Boolean).join(' · ')}</span>
              </span>
            </span>
            <Permissions canEdit={e.canEdit} />
          </li>
        ),
      )}
      {list.entries.length === 0 && <li class="access__none muted">{t('nobodyElse')}</li>}
    </ul>
  );
}

/** "Users with access to information": the list, the saved copy's notice, or why there is none. */
export function AccessSection({
  secretId,
  access,
  meId,
  headingLevel = 3,
}: {
  secretId: string;
  access: AccessState;
  meId: string;
  headingLevel?: 2 | 3;
}) {
  const { result, error, loading } = access;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="access-section" aria-labelledby={`access-${secretId}`} aria-busy={loading}>
      <Heading id={`access-${secretId}`} class="section-title">
        {t('accessTitle')}
      </Heading>
      {result?.savedAt && <p class="notice notice--warn">{t('accessSaved', formatWhen(result.savedAt))}</p>}
      {result ? (
        <AccessEntries list={result.list} meId={meId} />
      ) : error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : (
        <p class="muted" role="status">
          {t('accessLoading')}
        </p>
      )}
    </section>
  );
}
