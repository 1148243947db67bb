import { useState } from 'preact/hooks';
import type { Method } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { METHODS, type SecretDraft } from '@/utils/secrets/draft';
import { Field, bind } from './Field';

export type SecretFieldsProps = {
  draft: SecretDraft;
  update: (d: SecretDraft) => void;
  /** The message to show under a field, if it has one. */
  error: (k: keyof SecretDraft) => string | undefined;
  /** Editing keeps the client secret when it is left empty, so it is not required there. */
  editing: boolean;
  /** An editor who does not own the secret: only its owner sets the identifier (docs/api.md, "Edit"). */
  identifierLocked?: boolean;
};

/** The product's fields of an API secret, each with its label, hint and message. */
export function SecretFields({ draft, update, error: e, editing, identifierLocked }: SecretFieldsProps) {
  const [showSecret, setShowSecret] = useState(false);
  return (
    <>
      <Field label={t('fieldName')} required error={e('name')}>
        {(c) => <input {...c} {...bind(draft, update, 'name')} autocomplete="off" />}
      </Field>
      <Field label={t('fieldUrl')} required error={e('url')}>
        {(c) => <input {...c} {...bind(draft, update, 'url')} type="url" placeholder="https://" autocomplete="off" />}
      </Field>
      <Field label={t('fieldClientId')} required error={e('clientId')}>
        {(c) => <input {...c} {...bind(draft, update, 'clientId')} autocomplete="off" spellcheck={false} />}
      </Field>
      <Field
        label={t('fieldClientSecret')}
        required={!editing}
        error={e('clientSecret')}
        hint={editing ? t('clientSecretEditHint') : undefined}
        extra={
          <button
            type="button"
            class="secondary small-button"
            aria-pressed={showSecret}
            onClick={() => setShowSecret(!showSecret)}
          >
            {showSecret ? t('hide') : t('show')}
          </button>
        }
      >
        {(c) => (
          <input
            {...c}
            {...bind(draft, update, 'clientSecret')}
            {...(showSecret ? { type: 'text' as const } : { type: 'password' as const })}
            autocomplete="new-password"
            spellcheck={false}
          />
        )}
      </Field>
      <Field
        label={t('fieldIdentifier')}
        error={e('identifier')}
        hint={identifierLocked ? t('identifierOwnerOnly') : t('identifierHint')}
      >
        {(c) => <input {...c} {...bind(draft, update, 'identifier')} autocomplete="off" readOnly={identifierLocked} />}
      </Field>
      <Field label={t('fieldMethod')}>
        {(c) => (
          <select
            {...c}
            value={draft.method}
            onChange={(ev) => update({ ...draft, method: ev.currentTarget.value as Method })}
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {m === 'OTHER' ? t('methodOther') : m}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('fieldTags')} error={e('tags')} hint={t('tagsHint')}>
        {(c) => <input {...c} {...bind(draft, update, 'tags')} autocomplete="off" />}
      </Field>
      <Field label={t('fieldNotes')} error={e('notes')}>
        {(c) => <textarea {...c} {...bind(draft, update, 'notes')} rows={3} />}
      </Field>
    </>
  );
}
