import { useState } from 'preact/hooks';
import { MIN_PASSWORD_LENGTH } from '@/utils/config';
import { t, tCount } from '@/utils/i18n';
import { Field, FormError } from './Field';
import { useAction } from './use-action';

/** Long enough to resist guessing once PBKDF2 slows each guess; a passphrase is easier than symbols. */

export type EnrollValues = { serverUrl: string; username: string; code: string };
export type Invite = { name: string; email: string; username: string };

export type EnrollFormProps = {
  initial: { serverUrl: string; username: string };
  /** Checks the code; called synchronously in the submit handler (it may ask for a permission). */
  onCheckCode: (values: EnrollValues) => Promise<Invite>;
  onEnroll: (values: EnrollValues & { password: string }) => Promise<unknown>;
  onSignInInstead: () => void;
};

/**
 * First-time enrollment in two steps: the invitation code is checked and names the person, then they
 * choose a password and the keys are made on this device.
 */
export function EnrollForm({ initial, onCheckCode, onEnroll, onSignInInstead }: EnrollFormProps) {
  const [values, setValues] = useState<EnrollValues>({ ...initial, code: '' });
  const [invite, setInvite] = useState<Invite>();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();
  const set = (k: keyof EnrollValues) => (v: string) => setValues({ ...values, [k]: v });

  function submit(e: Event) {
    e.preventDefault();
    if (!invite) return void run(onCheckCode(values)).then((found) => found && setInvite(found));
    if (password.length < MIN_PASSWORD_LENGTH)
      return setError(tCount(MIN_PASSWORD_LENGTH, 'passwordTooShortOne', 'passwordTooShortOther'));
    if (password !== confirm) return setError(t('passwordMismatch'));
    void run(onEnroll({ ...values, password }));
  }

  return (
    <form class="card" onSubmit={submit}>
      <h1>{t('enrollTitle')}</h1>
      {!invite ? (
        <>
          <p class="muted">{t('enrollIntro')}</p>
          <Field
            label={t('serverLabel')}
            hint={t('serverHint')}
            value={values.serverUrl}
            onValue={set('serverUrl')}
            inputMode="url"
            required
          />
          <Field
            label={t('usernameLabel')}
            value={values.username}
            onValue={set('username')}
            autoComplete="username"
            autoCapitalize="none"
            required
          />
          <Field
            label={t('codeLabel')}
            value={values.code}
            onValue={set('code')}
            autoComplete="one-time-code"
            required
          />
        </>
      ) : (
        <>
          <p class="account-line">{t('enrollingAs', invite.name, invite.email)}</p>
          <Field
            label={t('newPasswordLabel')}
            hint={tCount(MIN_PASSWORD_LENGTH, 'passwordHintOne', 'passwordHintOther')}
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="new-password"
            required
          />
          <Field
            label={t('confirmPasswordLabel')}
            type="password"
            value={confirm}
            onValue={setConfirm}
            autoComplete="new-password"
            required
          />
        </>
      )}
      <FormError text={error} />
      <button type="submit" class="primary" disabled={busy}>
        {invite ? (busy ? t('creatingKeys') : t('createKeys')) : busy ? t('checkingCode') : t('checkCode')}
      </button>
      <p class="muted">
        <button type="button" class="link" onClick={onSignInInstead}>
          {t('signInInstead')}
        </button>
      </p>
    </form>
  );
}
