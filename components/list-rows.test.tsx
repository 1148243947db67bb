import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { ALICE, secret } from '@/test/fixtures';
import { ROW_HEIGHTS } from '@/utils/config';
import { SecretList } from './SecretList';

/**
 * Rows scrolling into view take over the elements of rows that left (keyed by slot) and skip redraws when
 * their props did not change: what the user sees must still be each row's own secret, in its place, with its
 * own controls and its own click.
 */
describe('SecretList rows while scrolling', () => {
  const SECRETS = Array.from({ length: 200 }, (_, i) =>
    secret({ name: `Secret ${String(i).padStart(3, '0')}`, url: `https://s${i}.example` }),
  );
  const height = ROW_HEIGHTS.compact;

  function scrollTo(index: number) {
    const scroller = document.querySelector('.vlist') as HTMLElement;
    scroller.scrollTop = index * height;
    fireEvent.scroll(scroller);
  }

  it('shows each row with its own secret, place, menu and click after scrolling back and forth', async () => {
    const onOpen = vi.fn();
    const onAction = vi.fn();
    render(<SecretList secrets={SECRETS} meId={ALICE.id} onOpen={onOpen} onAction={onAction} />);
    for (const at of [120, 37, 38, 150, 0, 199]) {
      scrollTo(at);
      const options = await screen.findAllByRole('option');
      // Every drawn row is the secret its position says, once.
      const seen = new Set<string>();
      for (const o of options) {
        const index = Math.round(parseFloat(o.style.top) / height);
        const s = SECRETS[index]!;
        expect(o.querySelector('.row__name')?.textContent).toBe(s.name);
        expect(o.textContent).toContain(s.url);
        expect(o.id).toBe(`secret-${s.id}`);
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
      }
      expect(seen.has(SECRETS[at]!.id)).toBe(true);
      // Each drawn row has its own actions menu, beside it.
      const menu = screen.getByRole('button', { name: `Actions for ${SECRETS[at]!.name}` });
      const row = screen.getByRole('option', { name: new RegExp(SECRETS[at]!.name) });
      // The menu sits in its row's control box, which is placed over that row.
      const box = menu.closest<HTMLElement>('.row-aside')!;
      expect(box.style.top).toBe(row.style.top);
      expect(box.style.height).toBe(row.style.height);
      fireEvent.click(row);
      expect(onOpen).toHaveBeenLastCalledWith(SECRETS[at]);
    }
    expect(onOpen).toHaveBeenCalledTimes(6);
  });
});
