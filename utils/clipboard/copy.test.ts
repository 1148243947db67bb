import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './copy';

const worker = vi.hoisted(() => ({ sendMessage: vi.fn(async () => undefined) }));
vi.mock('@/utils/messaging', () => ({ sendMessage: worker.sendMessage }));

const writeText = vi.fn(async (_text: string) => undefined);
beforeEach(() => {
  vi.useFakeTimers();
  writeText.mockClear();
  worker.sendMessage.mockClear();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => vi.useRealTimers());

describe('copyText', () => {
  it('clears a copied client secret 30 seconds later, from the page and through the worker', async () => {
    await copyText('sk_live_copied', true);
    expect(writeText.mock.calls).toEqual([['sk_live_copied']]);
    expect(worker.sendMessage).toHaveBeenCalledWith('clearClipboardSoon');
    vi.advanceTimersByTime(29_999);
    expect(writeText).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(writeText.mock.calls[1]).toEqual(['']);
  });

  it('leaves a client ID on the clipboard: it is not secret', async () => {
    await copyText('client-id-1', false);
    vi.advanceTimersByTime(60_000);
    expect(writeText.mock.calls).toEqual([['client-id-1']]);
    expect(worker.sendMessage).not.toHaveBeenCalled();
  });
});
