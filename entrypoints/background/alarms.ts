import { browser } from 'wxt/browser';
import { SYNC_PERIOD_MINUTES } from '@/utils/config';

/** The periodic sync, so the cache stays fresh between popup openings. */
export const SYNC_ALARM = 'vaultshare:sync';

/**
 * Creates the periodic alarm unless it exists. Alarms outlive the worker, and re-creating one on every
 * worker start would push its next run back each time.
 */
export async function ensureSyncAlarm(): Promise<void> {
  if (await browser.alarms.get(SYNC_ALARM)) return;
  await browser.alarms.create(SYNC_ALARM, {
    periodInMinutes: SYNC_PERIOD_MINUTES,
    delayInMinutes: SYNC_PERIOD_MINUTES,
  });
}
