import { VirtualList } from '@/components/VirtualList';
import { ROW_HEIGHT } from '@/utils/config';

/** The popup's list geometry (its row height, in a 560-pixel popup) with rows that are only text. */
export function ScrollFloor({ rows }: { rows: number }) {
  return (
    <VirtualList
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
