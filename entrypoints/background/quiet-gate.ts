import { SCROLL_QUIET_MS } from '@/utils/config';

/**
 * Holds back background work while a page is being scrolled. Pages say so (`pageScrolling`, at most every
 * 250 ms while the user scrolls); `quiet()` resolves once none has for `quietMs`, at once when none has.
 * The worker shares the extension's renderer process and the machine's cores with the popup: its value index
 * rebuild (seconds of CPU for 10,000 secrets, started by the popup waking it) otherwise lands on the frames of
 * the list the user is scrolling.
 */
export function createQuietGate(quietMs = SCROLL_QUIET_MS, now: () => number = Date.now) {
  let lastScroll = -Infinity;
  return {
    /** A page is being scrolled. */
    scrolled(): void {
      lastScroll = now();
    },
    /** Lets work through at once, whatever was scrolled (a right-click needs the index now). */
    open(): void {
      lastScroll = -Infinity;
    },
    /** Resolves once no page has scrolled for `quietMs`. */
    async quiet(): Promise<void> {
      for (let wait = lastScroll + quietMs - now(); wait > 0; wait = lastScroll + quietMs - now())
        await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

export type QuietGate = ReturnType<typeof createQuietGate>;
