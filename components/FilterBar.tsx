import { t, type MessageKey } from '@/utils/i18n';
import { FILTERS, type Filter } from '@/utils/list-query';

const LABELS: Record<Filter, MessageKey> = {
  all: 'filterAll',
  mine: 'filterMine',
  shared: 'filterShared',
  disabled: 'filterDisabled',
};

/** The four filters as a row of toggle buttons, each with how many secrets it holds. */
export function FilterBar({
  value,
  counts,
  onChange,
}: {
  value: Filter;
  counts: Record<Filter, number>;
  onChange: (f: Filter) => void;
}) {
  return (
    <div class="filters" role="group" aria-label={t('filtersLabel')}>
      {FILTERS.map((f) => (
        <button key={f} type="button" class="filter" aria-pressed={f === value} onClick={() => onChange(f)}>
          {t(LABELS[f])} <span class="filter__count">{counts[f]}</span>
        </button>
      ))}
    </div>
  );
}
