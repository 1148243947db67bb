import { formatFingerprint } from '@/utils/crypto/fingerprint';
import { formatWhen, t } from '@/utils/i18n';
import type { Account } from '@/utils/session';

/** The signed-in account: who, where, the key fingerprint colleagues can compare, and Lock / Sign out. */
export function AccountCard({
  account,
  fingerprint,
  onLock,
  onSignOut,
  lastSyncAt,
}: {
  account: Account;
  fingerprint: string;
  onLock: () => void;
  onSignOut: () => void;
  /** When this page last heard from the vault (it syncs every few seconds while open). */
  lastSyncAt?: string;
}) {
  return (
    <section class="card" aria-labelledby="account-title">
      <h1 id="account-title">{t('signedInAs', account.name)}</h1>
      <p class="muted">{t('signedInHint')}</p>
      <dl class="details__fields">
        <div class="details__field">
          <dt>{t('usernameLabel')}</dt>
          <dd>{account.username}</dd>
        </div>
        <div class="details__field">
          <dt>{t('serverLabel')}</dt>
          <dd>{account.serverUrl}</dd>
        </div>
        <div class="details__field">
          <dt>{t('fingerprintLabel')}</dt>
          <dd class="mono">{formatFingerprint(fingerprint)}</dd>
        </div>
      </dl>
      <p class="muted small">{lastSyncAt ? t('lastSynced', formatWhen(lastSyncAt)) : t('neverSynced')}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={onLock}>
          {t('lock')}
        </button>
        <button type="button" class="danger" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </div>
      <p class="muted small">{t('signOutHint')}</p>
    </section>
  );
}
