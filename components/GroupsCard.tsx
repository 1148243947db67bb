import { useId } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { GroupIcon } from './icons';

/** The options page's way to the Groups view (which lives in the popup's pages). */
export function GroupsCard({ onOpen }: { onOpen: () => void }) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span class="card__icon">
          <GroupIcon />
        </span>{' '}
        {t('groupsTitle')}
      </h2>
      <p class="muted">{t('groupsCardHint')}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={onOpen}>
          {t('openGroups')}
        </button>
      </div>
    </section>
  );
}
