import { useEffect, useRef } from 'preact/hooks';
import { LIVE_SYNC_MS } from '@/utils/config';

/**
 * Keeps an open page live (the popup, the options page): while `active` (unlocked), runs `sync` every `every`
 * milliseconds, and not while the page is hidden. The interval ends with the page, so closed pages cost the
 * server nothing.
 */
export function useLiveSync(active: boolean, sync: () => void, every = LIVE_SYNC_MS): void {
  const latest = useRef(sync);
  latest.current = sync;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => document.visibilityState !== 'hidden' && latest.current(), every);
    return () => clearInterval(timer);
  }, [active, every]);
}
