import { useEffect, useState } from 'preact/hooks';
import type { GroupSecrets } from '@/utils/contract';
import { t, tCount } from '@/utils/i18n';
import { errorText } from '@/utils/vault/error-text';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * "Remove <member> from <group>?", reminding the manager which API secrets the member could read through
 * the group (those the manager can see, by name, and how many others), and that opened values may be kept.
 */
export function RemoveMemberDialog({
  memberName,
  groupName,
  loadExposure,
  busy,
  onConfirm,
  onCancel,
}: {
  memberName: string;
  groupName: string;
  loadExposure: () => Promise<GroupSecrets>;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [exposure, setExposure] = useState<GroupSecrets>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    loadExposure().then(
      (x) => live && setExposure(x),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => void (live = false);
  }, [loadExposure]);
  const none = exposure && !exposure.items.length && !exposure.othersCount;
  return (
    <ConfirmDialog
      title={t('confirmRemoveMemberTitle', memberName, groupName)}
      confirmLabel={t('remove')}
      cancelLabel={t('cancel')}
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{t('confirmRemoveMemberBody')}</p>
      {error ? (
        <p class="form-error">{error}</p>
      ) : !exposure ? (
        <p class="muted" role="status">
          {t('exposureLoading')}
        </p>
      ) : none ? (
        <p>{t('exposureNone')}</p>
      ) : (
        <>
          <p>{t('memberCouldRead')}</p>
          <ul class="exposure">
            {exposure.items.map((s) => (
              <li key={s.id}>{s.name}</li>
            ))}
            {exposure.othersCount > 0 && (
              <li class="muted">{tCount(exposure.othersCount, 'exposureOthersOne', 'exposureOthersOther')}</li>
            )}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}
