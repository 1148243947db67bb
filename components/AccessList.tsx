import type { AccessList as AccessListData } from '@/utils/contract';
import { useId, useState } from 'preact/hooks';
import { formatFingerprint } from '@/utils/crypto/fingerprint';
import { formatWhen, t, tCount } from '@/utils/i18n';
import { UserIcon } from './icons';
import type { AccessListResult } from '@/utils/share/types';
import { GroupItem, Permissions } from './AccessGroup';

/** A secret's access list as the page has it: loading, loaded (perhaps the saved copy), or failed. */
export type AccessState = { result?: AccessListResult; error?: string; loading: boolean };

/**
 * The list itself: the owner first, then users, then groups, each with Can view / Can edit. With a
 * `limit`, only the first ones and "and N more", which shows the rest in place.
 */
export function AccessEntries({
  list,
  meId,
  limit,
  showKeys,
}: {
  list: AccessListData;
  meId: string;
  limit?: number;
  /** Each user's key fingerprint under their name, to compare over another channel. */
  showKeys?: boolean;
}) {
  const [all, setAll] = useState(false);
  const you = (id: string) => (id === meId ? ` (${t('ownerYou')})` : '');
  const hidden = limit === undefined || all ? 0 : Math.max(0, list.entries.length - limit);
  const entries = hidden ? list.entries.slice(0, limit) : list.entries;
  return (
    <ul class="access">
      <li class="access__item">
        <span class="access__person">
          <UserIcon />
          <span class="access__who">
            <span class="access__name" title={list.owner.name}>
              {list.owner.name}
              {you(list.owner.id)}
            </span>
            <span class="access__sub" title={list.owner.username}>
              {list.owner.username}
            </span>
          </span>
        </span>
        <span class="perms">
          <span class="perm perm--owner">{t('accessOwner')}</span>
        </span>
      </li>
      {entries.map((e) =>
        e.recipientKind === 'group' ? (
          <GroupItem key={e.recipientId} entry={e} />
        ) : (
          <li key={e.recipientId} class="access__item">
            <span class="access__person">
              <UserIcon />
              <span class="access__who">
                <span class="access__name" title={e.name}>
                  {e.name}
                  {you(e.recipientId)}
                </span>
                <span class="access__sub" title={[e.username, e.email].filter(Boolean).join(' · ')}>
                  {[e.username, e.email].filter(Boolean).join(' · ')}
                </span>
              </span>
            </span>
            <Permissions canEdit={e.canEdit} />
            {showKeys && e.fingerprint && (
              <code class="fingerprint mono access__fingerprint" aria-label={t('fingerprintOf', e.name)}>
                {formatFingerprint(e.fingerprint)}
              </code>
            )}
          </li>
        ),
      )}
      {list.entries.length === 0 && <li class="access__none muted">{t('nobodyElse')}</li>}
      {hidden > 0 && (
        <li class="access__more">
          <button type="button" class="link" onClick={() => setAll(true)}>
            {tCount(hidden, 'andMoreOne', 'andMoreOther')}
          </button>
        </li>
      )}
    </ul>
  );
}

/** "Users with access to information": the list, the saved copy's notice, or why there is none. */
export function AccessSection({
  secretId,
  access,
  meId,
  headingLevel = 3,
  limit,
}: {
  secretId: string;
  access: AccessState;
  meId: string;
  headingLevel?: 2 | 3;
  /** In the details: the first few after the owner, and "and N more". */
  limit?: number;
}) {
  const { result, error, loading } = access;
  const [showKeys, setShowKeys] = useState(false);
  const keysId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="access-section" aria-labelledby={`access-${secretId}`} aria-busy={loading}>
      <Heading id={`access-${secretId}`} class="section-title">
        {t('accessTitle')}
      </Heading>
      {result?.savedAt && <p class="notice notice--warn">{t('accessSaved', formatWhen(result.savedAt))}</p>}
      {result ? (
        <>
          <AccessEntries list={result.list} meId={meId} limit={limit} showKeys={showKeys} />
          {result.list.entries.some((e) => e.recipientKind === 'user' && e.fingerprint) && (
            <div class="access__keys">
              <button
                type="button"
                class="link small"
                aria-expanded={showKeys}
                aria-controls={keysId}
                onClick={() => setShowKeys(!showKeys)}
              >
                {t(showKeys ? 'hideFingerprints' : 'compareFingerprints')}
              </button>
              <p id={keysId} class="muted small" hidden={!showKeys}>
                {t('fingerprintHowTo')}
              </p>
            </div>
          )}
        </>
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
