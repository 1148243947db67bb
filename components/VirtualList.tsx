import type { ComponentChildren, CSSProperties } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export type VirtualListProps = {
  id: string;
  count: number;
  /** Every row has this height in pixels; fixed heights are what make the arithmetic O(1). */
  rowHeight: number;
  /** The visible height in pixels. */
  height: number;
  /** The row kept in view (keyboard selection). */
  activeIndex: number;
  renderRow: (index: number, style: CSSProperties) => ComponentChildren;
  label: string;
  /** Rows drawn above and below the visible ones, so fast scrolling does not show blanks. */
  overscan?: number;
  /** The active row's element id, announced while the list itself has focus. */
  activeId?: string;
  onKeyDown?: (e: KeyboardEvent) => void;
  /**
   * Controls drawn beside a row (its checkbox and actions button), outside the listbox: an option's
   * children are presentational, so a button inside one would be neither announced nor reachable.
   */
  renderAside?: (index: number, top: number) => ComponentChildren;
};

/**
 * A list that renders only the rows in view, so 10,000 secrets cost as much as twenty. Rows are placed
 * absolutely inside a spacer as tall as the whole list, which keeps the native scrollbar honest. Lengths are
 * written with their unit: Preact 11 sets a style's number as it is, and the browser ignores a bare 94.
 */
export function VirtualList({
  id,
  count,
  rowHeight,
  height,
  activeIndex,
  renderRow,
  label,
  overscan = 6,
  activeId,
  onKeyDown,
  renderAside,
}: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // Keep the active row in view when the keyboard moves it.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    setScrollTop(el.scrollTop);
  }, [activeIndex, rowHeight, height]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ComponentChildren[] = [];
  const asides: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      renderRow(i, { position: 'absolute', top: `${i * rowHeight}px`, height: `${rowHeight}px`, left: 0, right: 0 }),
    );
    if (renderAside) asides.push(renderAside(i, i * rowHeight));
  }

  // The scroller is a plain box holding the listbox and, beside it, the rows' controls: both scroll together.
  return (
    <div
      ref={ref}
      class="vlist"
      style={{ height: `${height}px`, overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div
        id={id}
        class="vlist__rows"
        role="listbox"
        aria-label={label}
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ height: `${count * rowHeight}px`, position: 'relative' }}
      >
        {rows}
      </div>
      {renderAside && asides}
    </div>
  );
}
