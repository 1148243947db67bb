import { useId } from 'preact/hooks';
import { t, tCount } from '@/utils/i18n';
import type { ValueIndexStatus } from '@/utils/match/indexer';

/** Where the value index stands, in a sentence; nothing before the worker has said. */
function statusText(status: ValueIndexStatus | undefined): string {
  if (!status) return '';
  switch (status.state) {
    case 'off':
      return t('valueMatchingOff');
    case 'locked':
      return t('valueMatchingLocked');
    case 'building':
      return t('valueMatchingBuilding', status.indexed, status.outOf);
    case 'ready':
      return tCount(status.indexed, 'valueMatchingReadyOne', 'valueMatchingReadyOther');
  }
}

/**
 * Right-click matching by value: on, this browser fetches and opens the client secrets after unlock to
 * recognise a selected one; off, it fetches none and right-click matches the other fields. Shows how far
 * the index is.
 */
export function ValueMatchingCard({
  enabled,
  status,
  onChange,
}: {
  enabled: boolean;
  status: ValueIndexStatus | undefined;
  onChange: (enabled: boolean) => void;
}) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('valueMatchingTitle')}</h2>
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={enabled}
            aria-describedby={`${id}-hint`}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
          {t('valueMatchingLabel')}
        </label>
        <p id={`${id}-hint`} class="field__hint">
          {t('valueMatchingHint')}
        </p>
        <p class="field__hint" role="status">
          {enabled ? statusText(status) : t('valueMatchingOff')}
        </p>
      </div>
    </section>
  );
}
