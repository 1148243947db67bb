import type { Ref } from 'preact';
import { t } from '@/utils/i18n';
import { GlobeIcon } from './icons';

/** The Share screen's External card (globe icon): a link for someone without an account. */
export function ExternalCard({
  onClick,
  last,
  buttonRef,
}: {
  onClick: () => void;
  /** The user's last choice: marked, and focused so that Enter takes it. */
  last?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <button ref={buttonRef} type="button" class={`share-card${last ? ' share-card--last' : ''}`} onClick={onClick}>
      <span class="share-card__icon">
        <GlobeIcon />
      </span>
      <span class="share-card__title">{t('externalCard')}</span>
      <span class="share-card__hint">{t('externalCardHint')}</span>
      {last && <span class="share-card__last">{t('lastShareChoice')}</span>}
    </button>
  );
}
