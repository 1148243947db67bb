import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCROLL_QUIET_MS } from '@/utils/config';
import { createQuietGate } from './quiet-gate';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** Whether `p` has settled after the timers moved on by `ms`. */
async function settledAfter(p: Promise<void>, ms: number) {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(ms);
  return done;
}

describe('background work waits while a page scrolls', () => {
  it('lets work through at once when no page has scrolled', async () => {
    expect(await settledAfter(createQuietGate().quiet(), 0)).toBe(true);
  });

  it('holds work until the scrolling has stopped for the quiet time, however long it goes on', async () => {
    const gate = createQuietGate();
    gate.scrolled();
    const waiting = gate.quiet();
    // The page keeps scrolling for three quiet times: the work waits all along.
    for (let t = 0; t < 3 * SCROLL_QUIET_MS; t += 250) {
      expect(await settledAfter(waiting, 250)).toBe(false);
      gate.scrolled();
    }
    expect(await settledAfter(waiting, SCROLL_QUIET_MS - 1)).toBe(false);
    expect(await settledAfter(waiting, 1)).toBe(true);
  });

  it('opens at once when the work is needed now (a right-click)', async () => {
    const gate = createQuietGate();
    gate.scrolled();
    const waiting = gate.quiet();
    gate.open();
    // The timer already set runs out; nothing more is awaited after it.
    expect(await settledAfter(waiting, SCROLL_QUIET_MS)).toBe(true);
    expect(await settledAfter(gate.quiet(), 0)).toBe(true);
  });
});
