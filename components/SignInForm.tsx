import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { isPlainRemote } from '@/utils/vault/server-url';
import { Field, FormError } from './Field';
import { useAction } from './use-action';

export type SignInValues = { serverUrl: string; username: string; password: string };

export type SignInFormProps = {
  initial: { serverUrl: string; username: string };
  /** Called synchronously in the submit handler: it may need the click's user gesture. */
  onSignIn: (values: SignInValues) => Promise<unknown>;
  onEnrollInstead: () => void;
};

/** Sign in: the vault server's address, username and password. */
export function SignInForm({ initial, onSignIn, onEnrollInstead }: SignInFormProps) {
  const [serverUrl, setServerUrl] = useState(initial.serverUrl);
  const [username, setUsername] = useState(initial.username);
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void run(onSignIn({ serverUrl, username, password }));
      }}
    >
      <h1>{t('signInTitle')}</h1>
      <Field
        label={t('serverLabel')}
        hint={t('serverHint')}
        value={serverUrl}
        onValue={setServerUrl}
        type="text"
        inputMode="url"
        autoComplete="url"
        required
      />
      {isPlainRemote(serverUrl) && (
        <p class="notice notice--warn" role="status">
          {t('plainHttpWarning')}
        </p>
      )}
      <Field
        label={t('usernameLabel')}
        value={username}
        onValue={setUsername}
        autoComplete="username"
        autoCapitalize="none"
        required
      />
      <Field
        label={t('passwordLabel')}
        type="password"
        value={password}
        onValue={setPassword}
        autoComplete="current-password"
        required
      />
      <FormError text={error} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('signingIn') : t('signIn')}
      </button>
      <p class="muted">
        {t('firstTime')}{' '}
        <button type="button" class="link" onClick={onEnrollInstead}>
          {t('enrollLink')}
        </button>
      </p>
    </form>
  );
}
