import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onInstalled } from './onboarding';

describe('onboarding', () => {
  it('opens the options page (sign in or enroll) on install, and not on an update', () => {
    const open = vi.fn(() => Promise.resolve());
    fakeBrowser.runtime.openOptionsPage = open;
    onInstalled({ reason: 'update' });
    expect(open).not.toHaveBeenCalled();
    onInstalled({ reason: 'install' });
    expect(open).toHaveBeenCalledOnce();
  });
});
