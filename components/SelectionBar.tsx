import { t, tCount } from '@/utils/i18n';

/** Above the list while rows are checked: how many, Share them all, or clear the selection. */
export function SelectionBar({ count, onShare, onClear }: { count: number; onShare: () => void; onClear: () => void }) {
  if (!count) return null;
  return (
    <div class="selection-bar" role="region" aria-label={tCount(count, 'selectedCountOne', 'selectedCountOther')}>
      <span class="selection-bar__count">{tCount(count, 'selectedCountOne', 'selectedCountOther')}</span>
      <button type="button" class="primary small-button" onClick={onShare}>
        {t('actionShare')}
      </button>
      <button type="button" class="secondary small-button" onClick={onClear}>
        {t('clearSelection')}
      </button>
    </div>
  );
}
