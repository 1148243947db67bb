import { useEffect, useState } from 'preact/hooks';
import { NOTE_MS } from '@/utils/config';
import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { copyText } from '@/utils/clipboard/copy';
import { errorCode, errorText } from '@/utils/vault/error-text';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import type { Note } from '@/components/LiveNote';
import type { RowAction } from '@/components/row-actions';
import type { Navigate } from './use-route';

/**
 * What the row menu and the details menu do: open a view, copy, or (after a confirmation) disable or
 * enable. Returns the handler, the outcome to show and the confirmation dialog when one is open.
 */
export function useSecretActions(navigate: Navigate) {
  const [note, setNote] = useState<Note>();
  const [confirm, setConfirm] = useState<SecretSummary>();
  const [busy, setBusy] = useState(false);
  const fail = (e: unknown) => setNote({ text: errorText(e), error: true });
  // An outcome is news for a moment, not a fixture of the list.
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(undefined), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  async function setStatus(s: SecretSummary) {
    const enabled = s.status !== 'enabled';
    setBusy(true);
    try {
      await sendMessage('setSecretStatus', { secretId: s.id, baseRevision: s.revision, enabled });
      setNote({ text: t(enabled ? 'enabledDone' : 'disabledDone', s.name) });
    } catch (e) {
      // Someone changed it meanwhile: fetch what they did, so the list shows it, and say so.
      if (errorCode(e) === 'stale_revision') void sendMessage('sync').catch(() => undefined);
      fail(e);
    } finally {
      setBusy(false);
      setConfirm(undefined);
    }
  }

  async function onAction(action: RowAction, s: SecretSummary) {
    setNote(undefined);
    if (action === 'details' || action === 'access' || action === 'edit') return navigate({ view: action, id: s.id });
    if (action === 'share') return navigate({ view: 'share', ids: [s.id] });
    if (action === 'disable' || action === 'enable') return setConfirm(s);
    try {
      if (action === 'copyClientId') {
        await copyText(s.clientId, false);
        return setNote({ text: t('copiedId') });
      }
      const { clientSecret } = await sendMessage('revealSecret', { secretId: s.id });
      await copyText(clientSecret, true);
      setNote({ text: t('copiedSecret') });
    } catch (e) {
      // The clipboard refusing (no focus, no permission) is not the vault's error: say it plainly.
      if (e instanceof DOMException) setNote({ text: t('copyFailed'), error: true });
      else fail(e);
    }
  }

  const disabling = confirm?.status === 'enabled';
  const dialog = confirm && (
    <ConfirmDialog
      title={t(disabling ? 'confirmDisable' : 'confirmEnable', confirm.name)}
      confirmLabel={t(disabling ? 'actionDisable' : 'actionEnable')}
      cancelLabel={t('cancel')}
      danger={disabling}
      busy={busy}
      onConfirm={() => void setStatus(confirm)}
      onCancel={() => setConfirm(undefined)}
    >
      <p>{t(disabling ? 'confirmDisableBody' : 'confirmEnableBody')}</p>
    </ConfirmDialog>
  );
  return {
    onAction: (a: RowAction, s: SecretSummary) => void onAction(a, s),
    note,
    clearNote: () => setNote(undefined),
    dialog,
  };
}
