import { tCount } from '@/utils/i18n';

/** The External screen's expiration choices; `custom` is a date and time the user picks. */
export type ExpiryChoice = '1h' | '24h' | '1w' | '30d' | 'custom';

/** Each preset's lifetime in seconds, shortest first. */
export const EXPIRY_PRESETS: readonly { choice: Exclude<ExpiryChoice, 'custom'>; seconds: number }[] = [
  { choice: '1h', seconds: 3600 },
  { choice: '24h', seconds: 86_400 },
  { choice: '1w', seconds: 7 * 86_400 },
  { choice: '30d', seconds: 30 * 86_400 },
];

/** The presets the administrator's maximum allows; a longer one is not offered at all. */
export const presetsWithin = (maxSeconds: number) => EXPIRY_PRESETS.filter((p) => p.seconds <= maxSeconds);

/** 24 hours when allowed (a link should not outlive its use), else the longest preset allowed, else a date. */
export function defaultExpiry(maxSeconds: number): ExpiryChoice {
  const allowed = presetsWithin(maxSeconds);
  return allowed.some((p) => p.choice === '24h') ? '24h' : (allowed.at(-1)?.choice ?? 'custom');
}

/** A date as `<input type="datetime-local">` writes it, in the computer's own time zone, to the minute. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type ExpiryResult =
  { expiresAt: string } | { error: 'linkExpiryCustomRequired' | 'linkExpiryPast' | 'linkExpiryTooLate' };

/**
 * When a link made now ends. A custom date and time is read in the computer's time zone and must lie in
 * the future and within the administrator's maximum.
 */
export function expiryFor(choice: ExpiryChoice, custom: string, maxSeconds: number, now = new Date()): ExpiryResult {
  if (choice !== 'custom') {
    const preset = EXPIRY_PRESETS.find((p) => p.choice === choice)!;
    return { expiresAt: new Date(now.getTime() + Math.min(preset.seconds, maxSeconds) * 1000).toISOString() };
  }
  // `datetime-local` values carry no zone, and `Date` reads such a string as local time, which is what was meant.
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(custom) ? new Date(custom) : undefined;
  if (!at || Number.isNaN(at.getTime())) return { error: 'linkExpiryCustomRequired' };
  if (at.getTime() <= now.getTime()) return { error: 'linkExpiryPast' };
  if (at.getTime() > now.getTime() + maxSeconds * 1000) return { error: 'linkExpiryTooLate' };
  return { expiresAt: at.toISOString() };
}

/** A lifetime in words: "30 days", "12 hours", "90 minutes" (the administrator sets whole minutes at least). */
export function lifetimeText(seconds: number): string {
  if (seconds % 86_400 === 0) return tCount(seconds / 86_400, 'durationDaysOne', 'durationDaysOther');
  if (seconds % 3600 === 0) return tCount(seconds / 3600, 'durationHoursOne', 'durationHoursOther');
  return tCount(Math.round(seconds / 60), 'durationMinutesOne', 'durationMinutesOther');
}
