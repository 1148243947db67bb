import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AccountCard } from '@/components/AccountCard';
import { EnrollForm } from '@/components/EnrollForm';
import { GroupsCard } from '@/components/GroupsCard';
import { SettingsCard } from '@/components/SettingsCard';
import { SignInForm } from '@/components/SignInForm';
import { ThemeCard } from '@/components/ThemeCard';
import { UnlockForm } from '@/components/UnlockForm';
import { useLiveSync } from '@/components/use-live-sync';
import { ValueMatchingCard } from '@/components/ValueMatchingCard';
import type { ValueIndexStatus } from '@/utils/match/indexer';
import { t } from '@/utils/i18n';
import { connectEvents, sendMessage } from '@/utils/messaging';
import { readStoredStatus } from '@/utils/session/status';
import { readSettings } from '@/utils/session/store';
import type { SessionStatus, Settings } from '@/utils/session/types';
import type { SyncReport } from '@/utils/sync';
import { readDensity, saveDensity, type Density } from '@/utils/density';
import { readTheme, saveTheme, type Theme } from '@/utils/theme';
import { checkCode, enroll, signIn } from './sign-in-actions';

/** The Groups view is one of the popup's pages; from here it opens in a tab of its own. */
const openGroups = () => void browser.tabs.create({ url: browser.runtime.getURL('/popup.html#/groups') });

/** The options page: sign in or enroll, unlock, the account with Lock and Sign out, groups, the settings, the theme. */
export function App() {
  const [status, setStatus] = useState<SessionStatus>();
  const [settings, setSettings] = useState<Settings>();
  const [mode, setMode] = useState<'signIn' | 'enroll'>('signIn');
  const [theme, setTheme] = useState<Theme>('system');
  const [density, setDensity] = useState<Density>('compact');
  const [indexStatus, setIndexStatus] = useState<ValueIndexStatus>();
  const [lastSyncAt, setLastSyncAt] = useState<string>();
  const onReport = useCallback((r: SyncReport) => r.ok && setLastSyncAt(r.at), []);

  useEffect(() => {
    void readStoredStatus().then((s) => setStatus((current) => current ?? s));
    void readSettings().then(setSettings);
    void readTheme().then(setTheme);
    void readDensity().then(setDensity);
    const disconnect = connectEvents((e) => {
      if (e.type === 'status') setStatus(e.status);
      if (e.type === 'valueIndex') setIndexStatus(e.status);
      if (e.type === 'synced') onReport(e.report);
    });
    sendMessage('getStatus').then(setStatus, () => undefined);
    return disconnect;
  }, [onReport]);
  useEffect(() => void readSettings().then(setSettings), [status?.state]);
  // The events say when the index moves on; this is where it stands when the page opens or the vault unlocks.
  useEffect(() => {
    if (status?.state === 'unlocked') sendMessage('getValueIndexStatus').then(setIndexStatus, () => undefined);
  }, [status?.state]);
  // Live like the open popup: a share given meanwhile reaches this browser (and its value index) while the page
  // is open, from a first pass at opening or unlocking on; a closed page asks nothing.
  const liveSync = useCallback(() => void sendMessage('sync').then(onReport, () => undefined), [onReport]);
  const unlocked = status?.state === 'unlocked';
  useEffect(() => void (unlocked && liveSync()), [unlocked, liveSync]);
  useLiveSync(unlocked, liveSync);

  if (!status || !settings) return null;
  const initial = { serverUrl: settings.serverUrl, username: settings.username };
  const signOut = () => void sendMessage('signOut');
  return (
    <main class="options-page">
      <header class="options-head">
        <img src="/icon/48.png" width="32" height="32" alt="" />
        <span>{t('extName')}</span>
      </header>
      {status.state === 'signedOut' &&
        (mode === 'signIn' ? (
          <SignInForm initial={initial} onSignIn={signIn} onEnrollInstead={() => setMode('enroll')} />
        ) : (
          <EnrollForm
            initial={initial}
            onCheckCode={checkCode}
            onEnroll={enroll}
            onSignInInstead={() => setMode('signIn')}
          />
        ))}
      {status.state === 'locked' && (
        <UnlockForm
          account={status.account}
          reason={status.reason}
          onUnlock={(password) => sendMessage('unlock', { password })}
          onSignOut={signOut}
        />
      )}
      {status.state === 'unlocked' && (
        <>
          <AccountCard
            account={status.account}
            fingerprint={status.fingerprint}
            onLock={() => void sendMessage('lock')}
            onSignOut={signOut}
            lastSyncAt={lastSyncAt}
          />
          <GroupsCard onOpen={openGroups} />
          <SettingsCard
            settings={settings}
            onSave={(autoLockMinutes) => sendMessage('saveSettings', { autoLockMinutes }).then(setSettings)}
          />
          <ValueMatchingCard
            enabled={settings.matchByValue}
            status={indexStatus}
            onChange={(matchByValue) => void sendMessage('saveSettings', { matchByValue }).then(setSettings)}
          />
        </>
      )}
      <ThemeCard
        theme={theme}
        onChange={(next) => void saveTheme(next).then(() => setTheme(next))}
        density={density}
        onDensity={(next) => void saveDensity(next).then(() => setDensity(next))}
      />
    </main>
  );
}
