import type { ComponentType } from 'preact';
import { VirtualList, type VirtualListProps } from '@/components/VirtualList';
import { ROW_HEIGHT } from '@/utils/config';

/**
 * The popup's list geometry (its row height, in a 560-pixel popup) with rows that are only text, drawn by
 * the product's virtual list or by another `List` behind the same props (the TanStack Virtual alternative).
 */
export function ScrollFloor({ rows, List = VirtualList }: { rows: number; List?: ComponentType<VirtualListProps> }) {
  return (
    <List
      id="floor"
      count={rows}
      rowHeight={ROW_HEIGHT}
      height={480}
      activeIndex={-1}
      label="floor"
      renderRow={(i, style) => (
        <div key={i} role="option" aria-selected="false" style={style}>
          Row {i}
        </div>
      )}
    />
  );
}
