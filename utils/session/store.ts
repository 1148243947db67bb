import { DEFAULT_AUTO_LOCK_MINUTES } from '@/utils/config';
import { settingsItem } from '@/utils/storage-items';
import type { Settings } from './types';

/** The settings, with defaults for a first run. */
export async function readSettings(): Promise<Settings> {
  const saved = await settingsItem.getValue();
  return { serverUrl: '', username: '', autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES, matchByValue: true, ...saved };
}

/** Saves the settings whole (the caller starts from {@link readSettings}). */
export const saveSettings = (settings: Settings) => settingsItem.setValue(settings);
