import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/preact';
import { LIVE_SYNC_MS, SCROLL_NOTICE_MS } from '@/utils/config';
import { SCROLL_QUIET_MS, useLiveSync, useScrollNotice } from './use-live-sync';

function Live({ active, sync }: { active: boolean; sync: () => void }) {
  useLiveSync(active, sync);
  return null;
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('the open popup stays live', () => {
  it('asks for a sync every few seconds while unlocked, and stops when locked or closed', () => {
    const sync = vi.fn();
    const { rerender, unmount } = render(<Live active sync={sync} />);
    expect(LIVE_SYNC_MS).toBeLessThanOrEqual(10_000); // "every few seconds", not the background's 5 minutes
    vi.advanceTimersByTime(LIVE_SYNC_MS * 3);
    expect(sync).toHaveBeenCalledTimes(3);
    rerender(<Live active={false} sync={sync} />);
    vi.advanceTimersByTime(LIVE_SYNC_MS * 3);
    expect(sync).toHaveBeenCalledTimes(3);
    rerender(<Live active sync={sync} />);
    vi.advanceTimersByTime(LIVE_SYNC_MS);
    expect(sync).toHaveBeenCalledTimes(4);
    unmount(); // the popup closed: nothing more reaches the server
    vi.advanceTimersByTime(LIVE_SYNC_MS * 3);
    expect(sync).toHaveBeenCalledTimes(4);
  });

  it('waits while the list scrolls, then syncs once the scrolling has stopped', () => {
    const sync = vi.fn();
    render(<Live active sync={sync} />);
    const scroller = document.createElement('div');
    document.body.append(scroller);
    // Scrolling without a pause across the tick: no sync lands in it.
    for (let t = 0; t < LIVE_SYNC_MS + 2 * SCROLL_QUIET_MS; t += 100) {
      scroller.dispatchEvent(new Event('scroll'));
      vi.advanceTimersByTime(100);
    }
    expect(sync).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SCROLL_QUIET_MS);
    expect(sync).toHaveBeenCalledTimes(1);
    // One sync for the deferred tick, then the interval as before.
    vi.advanceTimersByTime(LIVE_SYNC_MS);
    expect(sync).toHaveBeenCalledTimes(2);
    scroller.remove();
  });
});

function Notice({ active, notify }: { active: boolean; notify: () => void }) {
  useScrollNotice(active, notify);
  return null;
}

describe('the worker hears that the list is being scrolled', () => {
  it('tells it at most once per notice interval while scrolling, and not while locked or closed', () => {
    const notify = vi.fn();
    const { rerender, unmount } = render(<Notice active notify={notify} />);
    const scroller = document.createElement('div');
    document.body.append(scroller);
    const scroll = (ms: number) => {
      for (let t = 0; t < ms; t += 10) {
        scroller.dispatchEvent(new Event('scroll'));
        vi.advanceTimersByTime(10);
      }
    };
    scroll(SCROLL_NOTICE_MS * 4);
    // A scroll event every 10 ms: one notice per interval, not one per event.
    expect(notify).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(SCROLL_QUIET_MS * 2);
    expect(notify).toHaveBeenCalledTimes(4); // still: nothing is sent
    rerender(<Notice active={false} notify={notify} />);
    scroll(SCROLL_NOTICE_MS * 2);
    expect(notify).toHaveBeenCalledTimes(4);
    rerender(<Notice active notify={notify} />);
    scroll(10);
    expect(notify).toHaveBeenCalledTimes(5);
    unmount();
    scroll(SCROLL_NOTICE_MS * 2);
    expect(notify).toHaveBeenCalledTimes(5);
    scroller.remove();
  });
});
