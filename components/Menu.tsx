import type { ComponentChildren, CSSProperties } from 'preact';
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';

export type MenuItem = { id: string; label: string };

export type MenuButtonProps = {
  /** The button's accessible name, for example "Actions for Stripe production". */
  label: string;
  icon: ComponentChildren;
  items: readonly MenuItem[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSelect: (id: string) => void;
  tabIndex?: number;
  class?: string;
  style?: CSSProperties;
};

const MENU_WIDTH = 200;

/**
 * A menu button (WAI-ARIA APG "menu button"): the menu opens below the button (above when there is no
 * room), focus moves to its first item, arrows and Home/End move, a letter jumps to the next item starting
 * with it, Enter picks, Escape or Tab closes and returns focus to where it was when the menu opened.
 * Fixed positioning keeps it whole inside the scrolling list.
 */
export function MenuButton({
  label,
  icon,
  items,
  open,
  onOpenChange,
  onSelect,
  tabIndex,
  class: cls,
  style,
}: MenuButtonProps) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [place, setPlace] = useState<{ top: number; left: number }>();

  useLayoutEffect(() => {
    if (!open || !button.current) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : button.current;
    const r = button.current.getBoundingClientRect();
    const height = items.length * 34 + 10;
    const below = r.bottom + 4 + height <= window.innerHeight;
    setPlace({ top: below ? r.bottom + 4 : Math.max(4, r.top - 4 - height), left: Math.max(4, r.right - MENU_WIDTH) });
  }, [open, items.length]);
  // Callers pass a new closure each render; reading it through a ref keeps the effects below from re-running.
  const change = useRef(onOpenChange);
  change.current = onOpenChange;
  // A layout effect, so the focus is in the menu before it is painted and the next key lands there.
  useLayoutEffect(() => {
    if (!open || !place) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node))
        change.current(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open, place]);

  const close = () => {
    onOpenChange(false);
    (returnTo.current ?? button.current)?.focus();
  };
  function onKeyDown(e: KeyboardEvent) {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') close();
    else if (e.key.length === 1 && /\S/.test(e.key)) {
      const next = [...all.slice(at + 1), ...all.slice(0, at + 1)].find((el) =>
        el.textContent?.toLowerCase().startsWith(e.key.toLowerCase()),
      );
      next?.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        class={`icon-button ${cls ?? ''}`}
        style={style}
        tabIndex={tabIndex}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => onOpenChange(!open)}
      >
        {icon}
      </button>
      {open && place && (
        <div
          ref={menu}
          id={id}
          role="menu"
          aria-label={label}
          class="menu"
          style={{ top: `${place.top}px`, left: `${place.left}px`, width: `${MENU_WIDTH}px` }}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              class="menu__item"
              onClick={() => (close(), onSelect(item.id))}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
