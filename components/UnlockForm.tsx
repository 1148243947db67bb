import { useState } from 'preact/hooks';
import type { Account, LockReason } from '@/utils/session';
import { t, type MessageKey } from '@/utils/i18n';
import { Field, FormError } from './Field';
import { LockIcon } from './icons';
import { useAction } from './use-action';

const WHY: Record<LockReason, MessageKey> = {
  manual: 'lockedManual',
  idle: 'lockedIdle',
  restart: 'lockedRestart',
  session_expired: 'lockedExpired',
};

export type UnlockFormProps = {
  account: Account;
  reason: LockReason;
  onUnlock: (password: string) => Promise<unknown>;
  onSignOut: () => void;
  /** A right-click action waits for the unlock: say that it will continue. */
  continuing?: boolean;
};

/** The locked state: whose vault, why it locked, a password field, and a way out (sign out). */
export function UnlockForm({ account, reason, onUnlock, onSignOut, continuing }: UnlockFormProps) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  return (
    <form
      class="card unlock"
      onSubmit={(e) => {
        e.preventDefault();
        void run(onUnlock(password)).then(() => setPassword(''));
      }}
    >
      <div class="card__icon">
        <LockIcon size={28} />
      </div>
      <h1>{t('lockedTitle')}</h1>
      <p class="muted">{t(WHY[reason])}</p>
      {continuing && <p class="notice notice--ok">{t('unlockContinues')}</p>}
      <p class="account-line">{t('accountLine', account.username, new URL(account.serverUrl).host)}</p>
      <Field
        label={t('passwordLabel')}
        type="password"
        value={password}
        onValue={setPassword}
        autoComplete="current-password"
        autoFocus
        required
      />
      <FormError text={error} />
      <button type="submit" class="primary" disabled={busy || !password}>
        {busy ? t('unlocking') : t('unlock')}
      </button>
      <button type="button" class="link" onClick={onSignOut}>
        {t('signOut')}
      </button>
    </form>
  );
}
