import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/preact';
import { LIVE_SYNC_MS } from '@/utils/config';
import { useLiveSync } from './use-live-sync';

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
});
