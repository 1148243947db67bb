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
  /**
   * Draws row `index`. `slot` is the same for a row as long as it stays drawn, and is handed to a row coming
   * into view as another leaves: a row keyed by it reuses the leaving row's elements instead of making new ones.
   */
  renderRow: (index: number, style: CSSProperties, slot: number) => ComponentChildren;
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
  renderAside?: (index: number, top: number, slot: number) => ComponentChildren;
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
  // The first row in view, not the scroll offset: a scroll step within one row changes nothing drawn, so it
  // re-renders nothing (a wheel or touchpad sends many such steps).
  const [top, setTop] = useState(0);
  const onScroll = (el: HTMLElement) => setTop(Math.floor(el.scrollTop / rowHeight));

  // Keep the active row in view when the keyboard moves it.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    onScroll(el);
  }, [activeIndex, rowHeight, height]);

  // A partly scrolled first row leaves room for one more at the bottom: hence the + 1.
  const first = Math.max(0, top - overscan);
  const capacity = Math.ceil(height / rowHeight) + 1 + 2 * overscan;
  const last = Math.min(count, top + Math.ceil(height / rowHeight) + 1 + overscan);
  const rows: ComponentChildren[] = [];
  const asides: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      renderRow(
        i,
        { position: 'absolute', top: `${i * rowHeight}px`, height: `${rowHeight}px`, left: 0, right: 0 },
        i % capacity,
      ),
    );
    if (renderAside) asides.push(renderAside(i, i * rowHeight, i % capacity));
  }

  // The scroller is a plain box holding the listbox and, beside it, the rows' controls: both scroll together.
  return (
    <div
      ref={ref}
      class="vlist"
      style={{ height: `${height}px`, overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => onScroll(e.currentTarget)}
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
