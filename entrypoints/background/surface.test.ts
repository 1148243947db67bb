import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createViewOpener } from './surface';

/** fake-browser's action cannot open popups: a stand-in that opens or refuses, as a browser would. */
function action(opens: boolean) {
  const popups: string[] = [];
  let current = 'popup.html';
  Object.assign(fakeBrowser.action, {
    setPopup: vi.fn(async ({ popup }: { popup: string }) => void (current = popup)),
    openPopup: vi.fn(async () => {
      if (!opens) throw new Error('Could not find an active browser window.');
      popups.push(current);
    }),
  });
  return { popups, current: () => current };
}

afterEach(() => void vi.restoreAllMocks());

describe('opening a view', () => {
  it('in the toolbar popup where the browser allows it, then puts the plain popup back', async () => {
    const a = action(true);
    expect(await createViewOpener().open('#/share/abc')).toBe('popup');
    expect(a.popups).toEqual(['popup.html#/share/abc']);
    expect(a.current()).toBe('popup.html');
  });

  it('otherwise in a small extension window, reused for the next view', async () => {
    const a = action(false);
    const create = vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue({ id: 5, tabs: [{ id: 9 }] } as never);
    const navigate = vi.spyOn(fakeBrowser.tabs, 'update').mockResolvedValue({} as never);
    const focus = vi.spyOn(fakeBrowser.windows, 'update').mockResolvedValue({} as never);
    const opener = createViewOpener();
    expect(await opener.open('#/access/abc')).toBe('window');
    expect(create).toHaveBeenCalledWith({
      type: 'popup',
      url: fakeBrowser.runtime.getURL('/popup.html#/access/abc'),
      width: 400,
      height: 600,
    });
    expect(a.current()).toBe('popup.html');
    await opener.open('#/share/def');
    expect(create).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(9, { url: fakeBrowser.runtime.getURL('/popup.html#/share/def') });
    expect(focus).toHaveBeenCalledWith(5, { focused: true });
  });

  it('opens a new window when the user closed the last one', async () => {
    action(false);
    const create = vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue({ id: 5, tabs: [{ id: 9 }] } as never);
    vi.spyOn(fakeBrowser.tabs, 'update').mockRejectedValue(new Error('No tab with id: 9.'));
    const opener = createViewOpener();
    await opener.open('#/access/abc');
    await opener.open('#/share/def');
    expect(create).toHaveBeenCalledTimes(2);
  });
});
