import { t } from '@/utils/i18n';
import { GlobeIcon } from './icons';

/** The Share screen's External card (globe icon): a link for someone without an account. */
export function ExternalCard({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" class="share-card" onClick={onClick}>
      <span class="share-card__icon">
        <GlobeIcon />
      </span>
      <span class="share-card__title">{t('externalCard')}</span>
      <span class="share-card__hint">{t('externalCardHint')}</span>
    </button>
  );
}
