import { browser } from 'wxt/browser';

/** The alarm that locks the vault once the user has been away from it for the configured time. */
export const AUTO_LOCK_ALARM = 'vaultshare:auto-lock';

/** When the vault must lock, given the last activity. */
export const lockDeadline = (lastActivityAt: number, minutes: number) => lastActivityAt + minutes * 60_000;

/** Whether the deadline has passed (checked at worker start, since an alarm may fire late or not at all). */
export const isOverdue = (lastActivityAt: number, minutes: number, now: number) =>
  now >= lockDeadline(lastActivityAt, minutes);

/**
 * Sets the alarm at the deadline. An alarm, not a timer: a service worker sleeps after 30 seconds idle and
 * its timers die with it, while an alarm wakes it.
 */
export async function armAutoLock(lastActivityAt: number, minutes: number): Promise<void> {
  await browser.alarms.create(AUTO_LOCK_ALARM, { when: lockDeadline(lastActivityAt, minutes) });
}

/** Removes the alarm (locked or signed out: nothing left to lock). */
export async function disarmAutoLock(): Promise<void> {
  await browser.alarms.clear(AUTO_LOCK_ALARM);
}
