import { formatWhen, t } from '@/utils/i18n';
import { errorText } from '@/utils/vault/error-text';
import { VaultError, isOffline, type VaultProblem } from '@/utils/vault/errors';
import { OfflineIcon } from './icons';

/**
 * What the last refresh said, above the list: offline (the saved data is still shown, with its age) or a
 * server error with a retry. Nothing when the list is fresh.
 */
export function StatusBanner({
  error,
  lastSyncAt,
  onRetry,
}: {
  error?: VaultProblem;
  lastSyncAt?: string;
  onRetry: () => void;
}) {
  if (!error) return null;
  const offline = isOffline(error.code);
  return (
    <div class={`banner ${offline ? 'banner--offline' : 'banner--error'}`} role="status">
      {offline && <OfflineIcon />}
      <div class="banner__text">
        <strong>{offline ? t('offlineNotice') : errorText(VaultError.fromProblem(error))}</strong>
        <span>{lastSyncAt ? t('lastSynced', formatWhen(lastSyncAt)) : t('neverSynced')}</span>
      </div>
      <button type="button" class="link" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}
