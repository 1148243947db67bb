import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { CheckIcon } from './icons';
import { useFocusOnMount } from './use-focus-on-mount';
import { ViewHeader } from './ViewHeader';

type SecretSavedProps = {
  title: string;
  secret: SecretSummary;
  offerShare: boolean;
  onShare: (s: SecretSummary) => void;
  onDone: (s: SecretSummary) => void;
};

/** "API secret saved", then the offer to share it (after an Add) or the way back (after an Edit). */
export function SecretSaved({ title, secret, offerShare, onShare, onDone }: SecretSavedProps) {
  const first = useFocusOnMount<HTMLButtonElement>();
  return (
    <section class="details form-view" aria-labelledby="form-title">
      <ViewHeader id="form-title" title={title} sub={secret.name} onBack={() => onDone(secret)} focusKey="saved" />
      <div class="details__body share-done">
        <div class="share-done__mark" role="status">
          <span class="share-done__icon">
            <CheckIcon size={28} />
          </span>
          <h3>{t('secretSaved')}</h3>
        </div>
        {offerShare && <p>{t('offerShare')}</p>}
        <div class="actions">
          {offerShare ? (
            <>
              <button ref={first} type="button" class="primary" onClick={() => onShare(secret)}>
                {t('shareButton')}
              </button>
              <button type="button" class="secondary" onClick={() => onDone(secret)}>
                {t('notNow')}
              </button>
            </>
          ) : (
            <button ref={first} type="button" class="primary" onClick={() => onDone(secret)}>
              {t('close')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
