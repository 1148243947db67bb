import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { VirtualList } from './VirtualList';

describe('VirtualList', () => {
  it('places rows with lengths a browser reads (pixels, not bare numbers)', () => {
    render(
      <VirtualList
        id="list"
        count={100}
        rowHeight={94}
        height={480}
        activeIndex={-1}
        label="Rows"
        renderRow={(i, style) => (
          <div key={i} role="option" aria-selected="false" style={style}>
            Row {i}
          </div>
        )}
      />,
    );
    const listbox = screen.getByRole('listbox', { name: 'Rows' });
    expect(listbox.style.height).toBe('9400px');
    expect((listbox.parentElement as HTMLElement).style.height).toBe('480px');
    const second = screen.getByRole('option', { name: 'Row 1' });
    expect(second.style.top).toBe('94px');
    expect(second.style.height).toBe('94px');
  });
});
