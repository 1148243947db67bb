import { useEffect, useRef } from 'preact/hooks';
import { LIVE_SYNC_MS, SCROLL_NOTICE_MS, SCROLL_QUIET_MS } from '@/utils/config';

/**
 * How long after the last scroll a live sync waits: its answer and the worker's work on it (in the same
 * extension process) never land in the middle of a scroll, where they cost frames.
 */
export { SCROLL_QUIET_MS };

/**
 * Keeps an open page live (the popup, the options page): while `active` (unlocked), runs `sync` every `every`
 * milliseconds, and not while the page is hidden. A tick that falls while the user scrolls waits until the
 * scrolling has stopped for {@link SCROLL_QUIET_MS}. The interval ends with the page, so closed pages cost the
 * server nothing.
 */
export function useLiveSync(active: boolean, sync: () => void, every = LIVE_SYNC_MS): void {
  const latest = useRef(sync);
  latest.current = sync;
  useEffect(() => {
    if (!active) return;
    let lastScroll = -Infinity;
    let deferred: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => void (lastScroll = Date.now());
    const tick = () => {
      if (document.visibilityState === 'hidden' || deferred !== undefined) return;
      const wait = lastScroll + SCROLL_QUIET_MS - Date.now();
      if (wait <= 0) return latest.current();
      deferred = setTimeout(() => ((deferred = undefined), tick()), wait);
    };
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    const timer = setInterval(tick, every);
    return () => {
      clearInterval(timer);
      clearTimeout(deferred);
      document.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, [active, every]);
}

/**
 * While `active`, tells the worker (through `notify`) that this page is being scrolled, at most once every
 * {@link SCROLL_NOTICE_MS}: the worker holds back its background work (the value index it rebuilds at each
 * start, seconds of CPU for 10,000 secrets) until the page has been still for {@link SCROLL_QUIET_MS}.
 */
export function useScrollNotice(active: boolean, notify: () => void): void {
  const latest = useRef(notify);
  latest.current = notify;
  useEffect(() => {
    if (!active) return;
    let sentAt = -Infinity;
    const onScroll = () => {
      const now = Date.now();
      if (now - sentAt < SCROLL_NOTICE_MS) return;
      sentAt = now;
      latest.current();
    };
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => document.removeEventListener('scroll', onScroll, { capture: true });
  }, [active]);
}
