import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { draftFrom, draftOf, type SecretDraft } from '@/utils/secrets/draft';
import { validateDraft, type DraftErrors } from '@/utils/secrets/validate';
import { errorCode, errorText } from '@/utils/vault/error-text';
import { SecretFields } from './SecretFields';
import { SecretSaved } from './SecretSaved';
import { ViewHeader, onEscape } from './ViewHeader';

export type SecretFormProps = {
  /** The secret being edited; absent when adding. */
  secret?: SecretSummary;
  /** Fields to start an Add with (the right-click "Add it as a new API secret" fills one). */
  initial?: Partial<SecretDraft>;
  /** Sends the draft (a new secret, or the changes to `secret`); rejects with the vault's error. */
  save: (draft: SecretDraft) => Promise<SecretSummary>;
  onCancel: () => void;
  /** After "API secret saved": the user chose to share the new secret. */
  onShare: (secret: SecretSummary) => void;
  onDone: (secret: SecretSummary) => void;
};

/**
 * Add API secret and Edit with the product's fields. Each problem is shown next to its field
 * before anything is sent; then "API secret saved", and after an Add the offer to share it.
 */
export function SecretForm({ secret, initial, save, onCancel, onShare, onDone }: SecretFormProps) {
  const [draft, setDraft] = useState<SecretDraft>(() => (secret ? draftOf(secret) : draftFrom(initial)));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<SecretSummary>();
  const form = useRef<HTMLFormElement>(null);
  const update = (d: SecretDraft) => (setDraft(d), tried && setErrors(validateDraft(d, !secret)));
  const e = (k: keyof SecretDraft) => (errors[k] ? t(errors[k]) : undefined);
  // The first field at the start; the first invalid one after a refused Save.
  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>(tried ? '[aria-invalid="true"]' : 'input')?.focus();
  }, [tried, busy]);

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    const found = validateDraft(draft, !secret);
    setErrors(found);
    setTried(true);
    setFormError(undefined);
    if (Object.keys(found).length) return setFormError(t('formHasErrors'));
    setBusy(true);
    try {
      setSaved(await save(draft));
    } catch (err) {
      const code = errorCode(err);
      if (code === 'identifier_taken') setErrors({ identifier: 'formIdentifierTaken' });
      if (code === 'identifier_owner_only') setErrors({ identifier: 'identifierOwnerOnly' });
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const title = secret ? t('editTitle') : t('addTitle');
  if (saved)
    return (
      <SecretSaved
        title={title}
        secret={saved}
        offerShare={!secret && saved.permissions.share}
        onShare={onShare}
        onDone={onDone}
      />
    );
  return (
    <section class="details form-view" aria-labelledby="form-title" onKeyDown={onEscape(onCancel)}>
      <ViewHeader id="form-title" title={title} sub={secret?.name} onBack={onCancel} noFocus />
      <form ref={form} class="details__body secret-form" noValidate onSubmit={(ev) => void onSubmit(ev)}>
        <SecretFields
          draft={draft}
          update={update}
          error={e}
          editing={!!secret}
          identifierLocked={!!secret && !secret.permissions.share}
        />
        <div role="alert">{formError && <p class="form-error">{formError}</p>}</div>
        <div class="actions form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('saving') : t('save')}
          </button>
          <button type="button" class="secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
