import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SecretSummary } from '@/utils/contract';
import { MAX_LINK_ACCESSES } from '@/utils/contract/links';
import { t } from '@/utils/i18n';
import {
  EXPIRY_PRESETS,
  defaultExpiry,
  lifetimeText,
  presetsWithin,
  toLocalInput,
  type ExpiryChoice,
} from '@/utils/links/expiry';
import type { LinkDraft } from '@/utils/links/external-link';
import { linkDraftOf, suggestAccessCode, type LinkForm, type LinkFormErrors } from '@/utils/links/link-form';
import { Field, FormError } from './Field';
import { WarningIcon } from './icons';

const PRESET_LABELS = { '1h': 'expiry1h', '24h': 'expiry24h', '1w': 'expiry1w', '30d': 'expiry30d' } as const;

export type ExternalLinkFormProps = {
  secret: SecretSummary;
  /** The administrator's longest lifetime for a link, in seconds. */
  maxSeconds: number;
  busy: boolean;
  /** The worker's refusal, in words. */
  error?: string;
  onCreate: (draft: LinkDraft) => void;
  onCancel: () => void;
};

/**
 * The External card's fields: recipient's email, expiration within the administrator's maximum (which it
 * states), maximum accesses or unlimited, an optional access code. Every problem is shown at its field
 * before anything is sent; Create link hands a checked draft to the page.
 */
export function ExternalLinkForm({ secret, maxSeconds, busy, error, onCreate, onCancel }: ExternalLinkFormProps) {
  const [form, setForm] = useState<LinkForm>(() => ({
    recipientEmail: '',
    expiry: defaultExpiry(maxSeconds),
    customExpiry: '',
    maxAccesses: '1',
    unlimited: false,
    accessCode: '',
  }));
  const [errors, setErrors] = useState<LinkFormErrors>({});
  const [tried, setTried] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const update = (f: Partial<LinkForm>) => {
    const next = { ...form, ...f };
    setForm(next);
    if (tried) setErrors(linkDraftOf(secret.id, next, maxSeconds).errors ?? {});
  };
  const e = (k: keyof LinkFormErrors) => (errors[k] ? t(errors[k]) : undefined);
  useLayoutEffect(() => {
    ref.current?.querySelector<HTMLElement>(tried ? '[aria-invalid="true"]' : 'input')?.focus();
  }, [tried]);

  function submit(ev: Event) {
    ev.preventDefault();
    const checked = linkDraftOf(secret.id, form, maxSeconds);
    setErrors(checked.errors ?? {});
    setTried(true);
    if (checked.draft) onCreate(checked.draft);
  }

  const now = new Date();
  const presets = presetsWithin(maxSeconds);
  const disabled = secret.status !== 'enabled';
  return (
    <form ref={ref} class="secret-form link-form" noValidate onSubmit={submit}>
      <dl class="link-form__secret">
        <div class="details__field">
          <dt>{t('fieldName')}</dt>
          <dd>{secret.name}</dd>
        </div>
        <div class="details__field">
          <dt>{t('fieldUrl')}</dt>
          <dd>{secret.url}</dd>
        </div>
      </dl>
      <p class="notice notice--warn" role="note">
        <WarningIcon />
        <span>{t('linkValueAtSharing')}</span>
      </p>
      <Field label={t('linkRecipientEmail')} required error={e('recipientEmail')}>
        {(c) => (
          <input
            {...c}
            type="email"
            autocomplete="off"
            spellcheck={false}
            value={form.recipientEmail}
            onInput={(ev) => update({ recipientEmail: ev.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('linkExpiration')} hint={t('linkMaxLifetime', lifetimeText(maxSeconds))}>
        {(c) => (
          <select
            {...c}
            value={form.expiry}
            onChange={(ev) => update({ expiry: ev.currentTarget.value as ExpiryChoice })}
          >
            {EXPIRY_PRESETS.filter((p) => presets.includes(p)).map((p) => (
              <option key={p.choice} value={p.choice}>
                {t(PRESET_LABELS[p.choice])}
              </option>
            ))}
            <option value="custom">{t('expiryCustom')}</option>
          </select>
        )}
      </Field>
      {form.expiry === 'custom' && (
        <Field label={t('linkExpiryCustom')} required error={e('customExpiry')}>
          {(c) => (
            <input
              {...c}
              type="datetime-local"
              min={toLocalInput(now)}
              max={toLocalInput(new Date(now.getTime() + maxSeconds * 1000))}
              value={form.customExpiry}
              onInput={(ev) => update({ customExpiry: ev.currentTarget.value })}
            />
          )}
        </Field>
      )}
      <Field
        label={t('linkMaxAccesses')}
        error={e('maxAccesses')}
        hint={t('linkMaxAccessesHint', MAX_LINK_ACCESSES)}
        extra={
          <label class="check">
            <input
              type="checkbox"
              checked={form.unlimited}
              onChange={(ev) => update({ unlimited: ev.currentTarget.checked })}
            />
            {t('linkUnlimited')}
          </label>
        }
      >
        {(c) => (
          <input
            {...c}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_LINK_ACCESSES}
            disabled={form.unlimited}
            value={form.unlimited ? '' : form.maxAccesses}
            onInput={(ev) => update({ maxAccesses: ev.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label={t('linkAccessCode')}
        error={e('accessCode')}
        hint={t('linkAccessCodeHint')}
        extra={
          <button
            type="button"
            class="secondary small-button"
            onClick={() => update({ accessCode: suggestAccessCode() })}
          >
            {t('linkSuggestCode')}
          </button>
        }
      >
        {(c) => (
          <input
            {...c}
            autocomplete="off"
            spellcheck={false}
            value={form.accessCode}
            onInput={(ev) => update({ accessCode: ev.currentTarget.value })}
          />
        )}
      </Field>
      <FormError
        text={disabled ? t('error_secret_disabled') : tried && Object.keys(errors).length ? t('formHasErrors') : error}
      />
      <div class="actions form-actions">
        <button type="submit" class="primary" disabled={busy || disabled}>
          {busy ? t('linkCreating') : t('linkCreate')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
