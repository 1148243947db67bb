import { useMemo, useRef, useState } from 'preact/hooks';
import { ROW_HEIGHTS } from '@/utils/config';
import type { Density } from '@/utils/density';
import type { SecretSummary } from '@/utils/contract';
import { t, tCount, type MessageKey } from '@/utils/i18n';
import { FilterBar } from './FilterBar';
import { ListAside, ListRow, type RowHandlers } from './list-rows';
import type { RowAction } from './row-actions';
import { SearchIcon } from './icons';
import { countByFilter, indexSecrets, querySecrets, type Filter } from '@/utils/list-query';
import { useAutoFocus } from './use-autofocus';
import { useHeight } from './use-height';
import { VirtualList } from './VirtualList';

const EMPTY: Record<Filter, MessageKey> = {
  all: 'emptyAll',
  mine: 'emptyMine',
  shared: 'emptyShared',
  disabled: 'emptyDisabled',
};
const rowId = (id: string) => `secret-${id}`;
const SEARCH_ID = 'secret-search';

/** Puts the focus back in the search box (after the details view closes). */
export const focusSearch = () => document.getElementById(SEARCH_ID)?.focus();

export type SecretListProps = {
  secrets: readonly SecretSummary[];
  meId: string;
  onOpen: (secret: SecretSummary) => void;
  /** The row actions menu; without it the rows have no menu. */
  onAction?: (action: RowAction, secret: SecretSummary) => void;
  /** Rows checked for a batch share, and how to toggle one. */
  selected?: ReadonlySet<string>;
  onToggleSelect?: (secret: SecretSummary) => void;
  /** Ids shared with the user since the popup was last opened: their rows are marked new. */
  newIds?: ReadonlySet<string>;
  /** The filters' counts while `secrets` is only the cache's first screen (the popup's first paint). */
  counts?: Record<Filter, number>;
  /** Compact rows (two lines, the default) or roomy ones (four). */
  density?: Density;
  /** Each row's height in pixels: rows are fixed-height so the virtual list can place them by arithmetic. */
  rowHeight?: number;
};

/** The keys that open the active row's actions menu from the search box or the list (as a context menu would). */
const isMenuKey = (e: KeyboardEvent) => e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');

/**
 * The popup's list: one search box over name, URL, tags, identifier, client ID and owner; the four
 * filters; virtualised rows. Focus stays in the search box and the arrows move the selection, Enter opens
 * it, Escape clears the search (and only then lets the popup close).
 */
export function SecretList({
  secrets,
  meId,
  onOpen,
  onAction,
  selected,
  onToggleSelect,
  newIds,
  counts: headCounts,
  density = 'compact',
  rowHeight = ROW_HEIGHTS[density],
}: SecretListProps) {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [active, setActive] = useState(0);
  const [menuFor, setMenuFor] = useState<string>();
  const input = useAutoFocus<HTMLInputElement>();
  const box = useRef<HTMLDivElement>(null);
  const height = useHeight(box, 400);
  const index = useMemo(() => indexSecrets(secrets), [secrets]);
  const counts = useMemo(() => headCounts ?? countByFilter(index, meId), [headCounts, index, meId]);
  const results = useMemo(() => querySecrets(index, query, filter, meId), [index, query, filter, meId]);
  const current = Math.min(active, results.length - 1);
  const activeSecret = results[current];
  // The rows' handlers read the latest props when used, so they stay one object and unchanged rows are not redrawn.
  const latest = useRef({ onOpen, onAction, onToggleSelect });
  latest.current = { onOpen, onAction, onToggleSelect };
  const handlers = useMemo<RowHandlers>(
    () => ({
      open: (i, secret) => (setActive(i), latest.current.onOpen(secret)),
      access: (i, secret) => (setActive(i), latest.current.onAction?.('access', secret)),
      action: (action, secret) => latest.current.onAction?.(action, secret),
      toggle: (secret) => latest.current.onToggleSelect?.(secret),
      menu: (i, secret, open) => (setActive(i), setMenuFor(open ? secret.id : undefined)),
    }),
    [],
  );

  const reset = (next: () => void) => (next(), setActive(0));
  function onKeyDown(e: KeyboardEvent) {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) setActive(Math.max(0, Math.min(results.length - 1, current + (moves[e.key] ?? 0))));
    else if (e.key === 'Enter' && activeSecret) onOpen(activeSecret);
    else if (isMenuKey(e) && activeSecret && onAction) setMenuFor(activeSecret.id);
    // Space types a space in the search box; in the list it checks the active row, as in a multi-select list.
    else if (e.key === ' ' && e.currentTarget !== input.current && activeSecret?.permissions.share && onToggleSelect)
      onToggleSelect(activeSecret);
    else if (e.key === 'Escape' && query) reset(() => setQuery(''));
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div class={onToggleSelect ? 'list-view list-view--select' : 'list-view'}>
      <div class="search">
        <SearchIcon />
        <input
          id={SEARCH_ID}
          ref={input}
          type="search"
          role="combobox"
          // No datalist: the listbox is ours. ARIA in HTML allows a search combobox without one, Preact 11's
          // input types only with a `list` attribute; undefined renders none.
          list={undefined}
          aria-label={t('searchLabel')}
          aria-controls="secret-list"
          aria-expanded="true"
          aria-autocomplete="list"
          aria-activedescendant={activeSecret ? rowId(activeSecret.id) : undefined}
          aria-keyshortcuts={onAction ? 'Shift+F10' : undefined}
          placeholder={t('searchPlaceholder')}
          value={query}
          onInput={(e) => reset(() => setQuery(e.currentTarget.value))}
          onKeyDown={onKeyDown}
        />
      </div>
      <FilterBar value={filter} counts={counts} onChange={(f) => reset(() => setFilter(f))} />
      <div class="sr-only" aria-live="polite">
        {tCount(results.length, 'resultCountOne', 'resultCountOther')}
      </div>
      <div class="list-box" ref={box}>
        {results.length > 0 ? (
          <VirtualList
            id="secret-list"
            label={t('listLabel')}
            count={results.length}
            rowHeight={rowHeight}
            height={height}
            activeIndex={current}
            activeId={activeSecret ? rowId(activeSecret.id) : undefined}
            onKeyDown={onKeyDown}
            renderAside={
              onAction &&
              ((i, top, slot) => {
                const secret = results[i]!;
                return (
                  <ListAside
                    key={`aside-${slot}`}
                    index={i}
                    secret={secret}
                    top={top}
                    rowHeight={rowHeight}
                    active={i === current}
                    selectable={!!onToggleSelect && secret.permissions.share}
                    selected={!!selected?.has(secret.id)}
                    menuOpen={menuFor === secret.id}
                    on={handlers}
                  />
                );
              })
            }
            renderRow={(i, style, slot) => {
              const secret = results[i]!;
              return (
                // Keyed by slot: a row scrolling into view takes over the elements of one that left.
                <ListRow
                  key={slot}
                  index={i}
                  id={rowId(secret.id)}
                  secret={secret}
                  meId={meId}
                  active={i === current}
                  style={style}
                  isNew={!!newIds?.has(secret.id)}
                  accessLink={!!onAction}
                  compact={density === 'compact'}
                  on={handlers}
                />
              );
            }}
          />
        ) : query ? (
          <div class="empty" role="status">
            <p>{t('noMatch', query)}</p>
            <button type="button" class="link" onClick={() => (reset(() => setQuery('')), input.current?.focus())}>
              {t('clearSearch')}
            </button>
          </div>
        ) : (
          <div class="empty" role="status">
            <p>{t(EMPTY[filter])}</p>
          </div>
        )}
      </div>
    </div>
  );
}
