import { t } from '@/utils/i18n';
import { LockIcon } from './icons';
import { useAutoFocus } from './use-autofocus';

/** The signed-out popup: what Vaultshare is, and the way to the sign-in page. */
export function SignedOutCard({ onSignIn }: { onSignIn: () => void }) {
  const button = useAutoFocus<HTMLButtonElement>();
  return (
    <div class="card signed-out">
      <div class="card__icon">
        <LockIcon size={28} />
      </div>
      <h1>{t('signedOutTitle')}</h1>
      <p class="muted">{t('signedOutBody')}</p>
      <button ref={button} type="button" class="primary" onClick={onSignIn}>
        {t('signIn')}
      </button>
    </div>
  );
}
