import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import { elementScroll, observeElementOffset, Virtualizer, type VirtualizerOptions } from '@tanstack/virtual-core';
import type { VirtualListProps } from '@/components/VirtualList';

/**
 * The popup's virtual list on TanStack Virtual's framework-agnostic core, behind the same props as
 * components/VirtualList.tsx: the alternative the virtual-list bench weighs against the hand-written one
 * (docs/architecture.md says which the popup uses and why). The Preact binding is what @tanstack/react-virtual
 * does for React: one Virtualizer per list, its options renewed on every render, a re-render on its change.
 */
export function TanStackVirtualList({
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
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // The offset is reported at once after a scroll the list itself writes (keyboard selection), as the
  // hand-written list does, instead of waiting for the scroll event (which some DOMs never send).
  const reportOffset = useRef<(offset: number, isScrolling: boolean) => void>(undefined);
  const options: VirtualizerOptions<HTMLDivElement, HTMLDivElement> = {
    count,
    overscan,
    getScrollElement: () => ref.current,
    estimateSize: () => rowHeight,
    scrollToFn: (offset, opts, instance) => {
      elementScroll(offset, opts, instance);
      if (ref.current) reportOffset.current?.(ref.current.scrollTop, false);
    },
    // The scroller's height is the `height` prop (its style says so): no ResizeObserver needed to know it.
    observeElementRect: (_, cb) => cb({ width: 0, height }),
    observeElementOffset: (instance, cb) => {
      reportOffset.current = cb;
      return observeElementOffset(instance, cb);
    },
    initialRect: { width: 0, height },
    onChange: () => rerender(0),
  };
  const [virtualizer] = useState(() => new Virtualizer(options));
  virtualizer.setOptions(options);

  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  // A new row height (a denser or roomier setting) invalidates every row's size.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  // Keep the active row in view when the keyboard moves it.
  useLayoutEffect(() => {
    if (activeIndex >= 0 && activeIndex < count) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [virtualizer, activeIndex, rowHeight, height, count]);

  const rows: ComponentChildren[] = [];
  const asides: ComponentChildren[] = [];
  for (const item of virtualizer.getVirtualItems()) {
    rows.push(
      renderRow(
        item.index,
        { position: 'absolute', top: `${item.start}px`, height: `${rowHeight}px`, left: 0, right: 0 },
        // No slots here: each row is its own (the floor's plain rows key by index anyway).
        item.index,
      ),
    );
    if (renderAside) asides.push(renderAside(item.index, item.start, item.index));
  }

  return (
    <div ref={ref} class="vlist" style={{ height: `${height}px`, overflowY: 'auto', position: 'relative' }}>
      <div
        id={id}
        class="vlist__rows"
        role="listbox"
        aria-label={label}
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}
      >
        {rows}
      </div>
      {renderAside && asides}
    </div>
  );
}
