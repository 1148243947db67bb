import { useEffect, useRef } from 'preact/hooks';

/**
 * Focuses the element once it is mounted. Preact, unlike React, leaves `autoFocus` to the browser, which
 * ignores it for elements added after the page loaded (every popup screen is).
 */
export function useAutoFocus<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
