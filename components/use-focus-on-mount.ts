import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Focuses the element when the view appears (or `key` changes), before it is painted: a keyboard user's
 * next key then lands where the view expects it, however fast it comes.
 */
export function useFocusOnMount<T extends HTMLElement>(key?: unknown, enabled = true) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    if (enabled) ref.current?.focus();
  }, [key, enabled]);
  return ref;
}
