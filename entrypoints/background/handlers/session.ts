import type { Handlers, SessionProtocol } from '@/utils/messaging';
import { readSettings, type Settings, type VaultSession } from '@/utils/session';
import { saveSettings } from '@/utils/session/store';

/**
 * Sign-in, enrollment, lock and unlock, and the settings. `opened` runs after every sign-in, enrollment
 * and unlock (the first sync, pending group members) without holding up the answer; `onSettings` after
 * the settings are saved (value matching turned on or off).
 */
export function createSessionHandlers(
  session: VaultSession,
  opened: () => void,
  onSettings: (settings: Settings) => void = () => undefined,
): Handlers<SessionProtocol> {
  const then = <T>(value: T) => (opened(), value);
  return {
    getStatus: () => session.status(),
    signIn: (d) => session.signIn(d).then(then),
    enrollStart: (d) => session.enrollStart(d),
    enroll: (d) => session.enroll(d).then(then),
    unlock: (d) => session.unlock(d.password).then(then),
    lock: () => session.lock('manual'),
    signOut: () => session.signOut(),
    getSettings: () => readSettings(),
    async saveSettings(d) {
      const current = await readSettings();
      const settings = {
        ...current,
        autoLockMinutes: d.autoLockMinutes ?? current.autoLockMinutes,
        matchByValue: d.matchByValue ?? current.matchByValue,
      };
      await saveSettings(settings);
      await session.checkIdle();
      onSettings(settings);
      return settings;
    },
  };
}
