import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { PlusIcon, GearIcon, GlobeIcon, GroupIcon, LockIcon } from '@/components/icons';
import { LiveNote } from '@/components/LiveNote';
import { SecretList, focusSearch } from '@/components/SecretList';
import { SelectionBar } from '@/components/SelectionBar';
import { SignedOutCard } from '@/components/SignedOutCard';
import { StatusBanner } from '@/components/StatusBanner';
import { ApprovalBanner } from '@/components/ApprovalBanner';
import { UnlockForm } from '@/components/UnlockForm';
import type { Prefill } from '@/utils/match/prefill';
import { isGroupRoute, isSelectionRoute } from '@/utils/popup-route';
import { usePopupState, type FirstPaint } from './use-popup-state';
import { ApprovalsView, GroupsRouteView, RouteView, SelectionView } from './lazy-views';
import { useNewShares } from './use-new-shares';
import { usePendingApprovals } from './use-pending-approvals';
import { useDensity } from './use-density';
import { useRoute } from './use-route';
import { useSecretActions } from './use-secret-actions';
import { useSelection } from './use-selection';

const openOptions = () => void browser.runtime.openOptionsPage().then(() => window.close());

/**
 * The toolbar popup: signed out, locked, or the list of API secrets with their details. `first` is what
 * main.tsx read before rendering it (the stored session and the list's head).
 */
export function App({ first }: { first?: FirstPaint }) {
  const { status, snapshot, sync, requestSync } = usePopupState(first);
  // The view comes from the hash (#/details/<id>, #/share/<id>, #/choose/…), so the worker can open one.
  const [route, navigate] = useRoute();
  const actions = useSecretActions(navigate);
  const selection = useSelection(snapshot?.secrets);
  const [addInitial, setAddInitial] = useState<Prefill>();
  useEffect(() => void (route.view !== 'add' && setAddInitial(undefined)), [route.view]);
  const newIds = useNewShares(status?.state === 'unlocked');
  const approvals = usePendingApprovals(status?.state === 'unlocked', snapshot?.meta?.lastSyncAt);
  const density = useDensity();
  const listed = route.view === 'list';
  useEffect(() => void (listed && setTimeout(focusSearch)), [listed]);

  if (!status) return null;
  if (status.state === 'signedOut') return <SignedOutCard onSignIn={openOptions} />;
  if (status.state === 'locked') {
    return (
      <UnlockForm
        account={status.account}
        reason={status.reason}
        continuing={route.view === 'pending'}
        onUnlock={(password) => sendMessage('unlock', { password })}
        onSignOut={() => void sendMessage('signOut')}
      />
    );
  }

  const meId = status.account.userId;
  const secrets = snapshot?.secrets;
  return (
    <div class="vault">
      <header class="topbar">
        <span class="topbar__title">{t('extName')}</span>
        <span class="topbar__user" title={status.account.serverUrl}>
          {status.account.name}
        </span>
        <button
          type="button"
          class="icon-button"
          aria-label={t('addSecret')}
          title={t('addSecret')}
          onClick={() => navigate({ view: 'add' })}
        >
          <PlusIcon />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t('sharingCenter')}
          title={t('sharingCenter')}
          onClick={() => navigate({ view: 'links' })}
        >
          <GlobeIcon size={16} />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t('groupsTitle')}
          title={t('groupsTitle')}
          onClick={() => navigate({ view: 'groups' })}
        >
          <GroupIcon />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t('lock')}
          title={t('lock')}
          onClick={() => void sendMessage('lock')}
        >
          <LockIcon />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t('settings')}
          title={t('settings')}
          onClick={openOptions}
        >
          <GearIcon />
        </button>
      </header>
      <StatusBanner error={sync.error} lastSyncAt={snapshot?.meta?.lastSyncAt} onRetry={requestSync} />
      {route.view !== 'approvals' && (
        <ApprovalBanner pending={approvals.pending} onReview={() => navigate({ view: 'approvals' })} />
      )}
      <LiveNote note={actions.note} class="vault__note" />
      {actions.dialog}
      {!secrets ? null : secrets.length === 0 && listed ? (
        <div class="empty empty--vault" role="status">
          <h1>{snapshot?.meta ? t('vaultEmptyTitle') : t('loadingVault')}</h1>
          {snapshot?.meta && (
            <>
              <p class="muted">{t('vaultEmptyHint')}</p>
              <button type="button" class="primary" onClick={() => navigate({ view: 'add' })}>
                {t('addFirstSecret')}
              </button>
            </>
          )}
        </div>
      ) : (
        <>
          <div hidden={!listed} class="list-holder">
            <SelectionBar
              count={selection.selected.size}
              onShare={() => navigate({ view: 'share', ids: [...selection.selected] })}
              onClear={selection.clear}
            />
            <SecretList
              secrets={secrets}
              meId={meId}
              onOpen={(s) => navigate({ view: 'details', id: s.id })}
              onAction={actions.onAction}
              selected={selection.selected}
              onToggleSelect={selection.toggle}
              newIds={newIds}
              counts={snapshot?.counts}
              density={density}
            />
          </div>
          {route.view === 'list' ? null : route.view === 'approvals' ? (
            <ApprovalsView
              pending={approvals.pending}
              onChanged={approvals.refresh}
              onClose={() => navigate({ view: 'list' })}
            />
          ) : isGroupRoute(route) ? (
            <GroupsRouteView route={route} meId={meId} navigate={navigate} />
          ) : isSelectionRoute(route) ? (
            <SelectionView
              route={route}
              secrets={secrets}
              meId={meId}
              navigate={navigate}
              onAdd={(p) => (setAddInitial(p), navigate({ view: 'add' }))}
            />
          ) : (
            <RouteView
              route={route}
              secrets={secrets}
              meId={meId}
              navigate={navigate}
              onAction={actions.onAction}
              initial={addInitial}
              onShared={selection.clear}
            />
          )}
        </>
      )}
    </div>
  );
}
