import { browser } from 'wxt/browser';

/** The parts of the toolbar button's API the worker uses. */
export type ActionApi = {
  setPopup(details: { popup: string }): Promise<void>;
  openPopup?(): Promise<unknown>;
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
};

/** `action` in the Chrome (MV3) build, `browserAction` in the Firefox (MV2) build. */
export function actionApi(): ActionApi {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return (b.action ?? b.browserAction)!;
}
