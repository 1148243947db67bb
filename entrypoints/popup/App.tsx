import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { GearIcon, LockIcon } from '@/components/icons';
import { SecretDetails } from '@/components/SecretDetails';
import { SecretList, focusSearch } from '@/components/SecretList';
import { SignedOutCard } from '@/components/SignedOutCard';
import { StatusBanner } from '@/components/StatusBanner';
import { UnlockForm } from '@/components/UnlockForm';
import { usePopupState } from './use-popup-state';

const openOptions = () => void browser.runtime.openOptionsPage().then(() => window.close());

/** The toolbar popup: signed out, locked, or the list of API secrets with their details. */
export function App() {
  const { status, snapshot, sync, requestSync } = usePopupState();
  const [open, setOpen] = useState<SecretSummary>();

  if (!status) return null;
  if (status.state === 'signedOut') return <SignedOutCard onSignIn={openOptions} />;
  if (status.state === 'locked') {
    return <UnlockForm account={status.account} reason={status.reason} onUnlock={(password) => sendMessage('unlock', { password })} onSignOut={() => void sendMessage('signOut')} />;
  }

  const meId = status.account.userId;
  const secrets = snapshot?.secrets;
  const current = open && secrets?.find((s) => s.id === open.id);
  return (
    <div class="vault">
      <header class="topbar">
        <span class="topbar__title">{t('extName')}</span>
        <span class="topbar__user" title={status.account.serverUrl}>
          {status.account.name}
        </span>
        <button type="button" class="icon-button" aria-label={t('lock')} title={t('lock')} onClick={() => void sendMessage('lock')}>
          <LockIcon />
        </button>
        <button type="button" class="icon-button" aria-label={t('settings')} title={t('settings')} onClick={openOptions}>
          <GearIcon />
        </button>
      </header>
      <StatusBanner error={sync.error} lastSyncAt={snapshot?.meta?.lastSyncAt} onRetry={requestSync} />
      {!secrets ? null : secrets.length === 0 ? (
        <div class="empty empty--vault" role="status">
          <h1>{snapshot?.meta ? t('vaultEmptyTitle') : t('loadingVault')}</h1>
          {snapshot?.meta && <p class="muted">{t('vaultEmptyHint')}</p>}
        </div>
      ) : (
        <>
          <div hidden={!!current} class="list-holder">
            <SecretList secrets={secrets} meId={meId} onOpen={setOpen} />
          </div>
          {current && <SecretDetails secret={current} meId={meId} onClose={() => (setOpen(undefined), setTimeout(focusSearch))} />}
        </>
      )}
    </div>
  );
}
