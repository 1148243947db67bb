import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { errorText } from '@/utils/vault/error-text';
import { LiveNote, type Note } from './LiveNote';
import { formatFingerprint } from '@/utils/crypto/fingerprint';
import type { NamedPermission, ShareSummary } from '@/utils/share/plan';
import type { KeyChange } from '@/utils/share/types';
import { CheckIcon, WarningIcon } from './icons';
import { useFocusOnMount } from './use-focus-on-mount';

/**
 * A recipient's key changed since it was pinned: nothing was sent. The full fingerprint (all 16 groups)
 * is shown to compare out of band; only an explicit confirmation shares with the new key.
 */
export function KeyChangeNotice({
  changes,
  busy,
  onConfirm,
  onCancel,
}: {
  changes: readonly KeyChange[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const first = useFocusOnMount<HTMLButtonElement>();
  return (
    <div class="key-change" role="alert">
      {changes.map((c) => (
        <div key={c.key} class="key-change__item">
          <h3>
            <WarningIcon /> {t('keyChangedTitle', c.name)}
          </h3>
          <p>{t('keyChangedBody', c.name)}</p>
          <p class="muted small">{t('newFingerprint')}</p>
          <code class="fingerprint mono">{formatFingerprint(c.current)}</code>
        </div>
      ))}
      <div class="actions">
        <button ref={first} type="button" class="primary" disabled={busy} onClick={onConfirm}>
          {t('trustNewKey')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

const withPermission = (people: readonly NamedPermission[]) =>
  people.map((p) => t('nameWithPermission', p.name, t(p.canEdit ? 'canEdit' : 'canView'))).join(', ');

/** Who was added, whose permission changed and who was removed, one line each, only the lines that apply. */
function SummaryLines({ summary }: { summary: ShareSummary }) {
  const lines = [
    summary.added.length > 0 && t('outcomeAdded', withPermission(summary.added)),
    summary.changed.length > 0 && t('outcomeChanged', withPermission(summary.changed)),
    summary.removed.length > 0 && t('outcomeRemoved', summary.removed.join(', ')),
  ].filter((l): l is string => !!l);
  return (
    <ul class="share-done__summary">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/**
 * The end of a share: "Shared", what changed, and Close. When someone lost access, the reminder that
 * they may still hold the value, and the way to change it here once it is rotated at its provider.
 */
export function ShareDone({
  summary,
  onClose,
  onRotate,
  rotateKey,
}: {
  summary: ShareSummary;
  onClose: () => void;
  onRotate?: () => void;
  /** One secret (not a batch): offer to replace its item key, so what the removed kept opens no later value. */
  rotateKey?: () => Promise<void>;
}) {
  const close = useFocusOnMount<HTMLButtonElement>();
  const [rotation, setRotation] = useState<{ busy: boolean; note?: Note }>({ busy: false });
  async function replaceKey() {
    setRotation({ busy: true });
    try {
      await rotateKey!();
      setRotation({ busy: false, note: { text: t('rotateKeyDone') } });
    } catch (e) {
      setRotation({ busy: false, note: { text: errorText(e), error: true } });
    }
  }
  return (
    <div class="share-done">
      <div class="share-done__mark" role="status">
        <span class="share-done__icon">
          <CheckIcon size={28} />
        </span>
        <h3>{t('shared')}</h3>
        <SummaryLines summary={summary} />
      </div>
      {summary.removed.length > 0 && (
        <div class="notice notice--warn notice--block">
          <p>{t('removedReminder', summary.removed.join(', '))}</p>
          {onRotate && (
            <button type="button" class="link" onClick={onRotate}>
              {t('rotateNow')}
            </button>
          )}
          {rotateKey && (!rotation.note || rotation.note.error) && (
            <>
              <p>{t('rotateKeyHint')}</p>
              <button type="button" class="link" disabled={rotation.busy} onClick={() => void replaceKey()}>
                {t('rotateKeyNow')}
              </button>
            </>
          )}
          {rotateKey && <LiveNote note={rotation.note} />}
        </div>
      )}
      <div class="actions">
        <button ref={close} type="button" class="primary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
