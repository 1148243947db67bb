import { useEffect, useState } from 'preact/hooks';
import { REVEAL_SHOW_MS } from '@/utils/config';
import { t } from '@/utils/i18n';
import { errorText } from '@/utils/vault/error-text';
import { WarningIcon } from './icons';
import { LiveNote, type Note } from './LiveNote';

export type SecretValueProps = {
  enabled: boolean;
  /**
   * Opens the client secret (the page asks the worker); rejects with the vault's error. `verified` false: opened
   * from an unsigned (VEP/1) grant under the migration rule, shown as not yet verified.
   */
  reveal: () => Promise<string | { clientSecret: string; verified: boolean }>;
  /** Copies a client secret and has it cleared from the clipboard soon. */
  copy: (value: string) => Promise<void>;
};

/**
 * The client secret in the details view: one line of dots until Show, with Copy; while it is shown,
 * the warning to make sure nobody is looking. The value is asked for at each Show or Copy and lives only in this component's
 * state, so leaving the view forgets it.
 */
export function SecretValue({ enabled, reveal: open, copy }: SecretValueProps) {
  const [value, setValue] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const [unverified, setUnverified] = useState(false);
  useEffect(() => {
    if (!value) return;
    const timer = setTimeout(() => setValue(undefined), REVEAL_SHOW_MS);
    return () => clearTimeout(timer);
  }, [value]);

  async function reveal(): Promise<string | undefined> {
    setBusy(true);
    setNote(undefined);
    try {
      const r = await open();
      if (typeof r === 'string') return r;
      setUnverified(!r.verified);
      return r.clientSecret;
    } catch (e) {
      setNote({ text: errorText(e), error: true });
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  async function onShow() {
    if (value) return setValue(undefined);
    setValue(await reveal());
  }
  async function onCopy() {
    const v = value ?? (await reveal());
    if (!v) return;
    await copy(v).then(
      () => setNote({ text: t('copiedSecret') }),
      () => setNote({ text: t('copyFailed'), error: true }),
    );
  }

  return (
    <div class="secret-value">
      <div class="secret-value__row">
        {value ? (
          <code class="secret-value__text mono">{value}</code>
        ) : (
          <span class="secret-value__mask" aria-label={t('hiddenSecret')} role="img">
            ••••••••
          </span>
        )}
        <button
          type="button"
          class="secondary small-button"
          disabled={busy || !enabled}
          aria-pressed={!!value}
          onClick={() => void onShow()}
        >
          {value ? t('hide') : t('show')}
        </button>
        <button type="button" class="secondary small-button" disabled={busy || !enabled} onClick={() => void onCopy()}>
          {t('copy')}
        </button>
      </div>
      {(value || !enabled) && (
        <p class="notice notice--warn">
          <WarningIcon />
          <span>{enabled ? t('revealWarning') : t('error_secret_disabled')}</span>
        </p>
      )}
      {unverified && (
        <p class="notice notice--warn" role="status">
          <WarningIcon />
          <span>{t('notYetVerified')}</span>
        </p>
      )}
      <LiveNote note={note} />
    </div>
  );
}
