import type { LinkView } from '@/utils/contract';
import { formatWhen, t } from '@/utils/i18n';
import { GlobeIcon, WarningIcon } from './icons';
import { remainingText } from './LinkItem';

/**
 * A secret's active external shares, shown in its details beside "Users with access to information": who
 * each link is for, until when, and how many opens are left; the sharing center manages them.
 */
export function ExternalShares({
  links,
  paused,
  onManage,
}: {
  links: readonly LinkView[];
  /** The secret is disabled: its links refuse to open until it is enabled again. */
  paused?: boolean;
  onManage: () => void;
}) {
  const active = links.filter((l) => l.status === 'active');
  if (!active.length) return null;
  return (
    <section class="access-section" aria-labelledby="external-shares-title">
      <h3 id="external-shares-title" class="section-title">
        {t('externalSharesTitle')}
      </h3>
      <ul class="access">
        {active.map((l) => (
          <li key={l.id} class="access__item">
            <span class="access__person">
              <GlobeIcon size={16} />
              <span class="access__who">
                <span class="access__name">{l.recipientEmail}</span>
                <span class="access__sub">{t('externalShareLine', formatWhen(l.expiresAt), remainingText(l))}</span>
              </span>
            </span>
          </li>
        ))}
      </ul>
      {paused && (
        <p class="notice notice--warn" role="note">
          <WarningIcon />
          <span>{t('linkPaused')}</span>
        </p>
      )}
      <button type="button" class="link" onClick={onManage}>
        {t('openSharingCenter')}
      </button>
    </section>
  );
}
