import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';
import { BackIcon } from './icons';
import { useFocusOnMount } from './use-focus-on-mount';

/**
 * The head of every view opened from the list: Back, the title, and room for a menu. Focus starts on
 * Back, so Enter or Escape returns and Tab moves on into the view.
 */
export function ViewHeader(props: {
  id: string;
  title: string;
  sub?: string;
  onBack: () => void;
  children?: ComponentChildren;
  focusKey?: unknown;
  noFocus?: boolean;
}) {
  const { id, title, sub, onBack, children, focusKey, noFocus } = props;
  const back = useFocusOnMount<HTMLButtonElement>(focusKey, !noFocus);
  return (
    <header class="details__head">
      <button ref={back} type="button" class="icon-button" aria-label={t('back')} title={t('back')} onClick={onBack}>
        <BackIcon />
      </button>
      <div class="details__titles">
        <h2 id={id} title={title}>
          {title}
        </h2>
        {sub && (
          <p class="details__sub" title={sub}>
            {sub}
          </p>
        )}
      </div>
      {children}
    </header>
  );
}

/** Escape anywhere in a view goes back, unless something inside (a menu, a dialog) handled it first. */
export function onEscape(handler: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopPropagation();
    handler();
  };
}
