import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * `value` once it has stopped changing for `ms`: one search per pause in typing, not one per keystroke. The
 * timer starts as soon as the render is committed (a layout effect), not after the next paint as `useEffect`
 * would: that waited for a frame before the pause even began counting.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useLayoutEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
