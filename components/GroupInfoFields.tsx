import { Field } from './Field';
import { t, type MessageKey } from '@/utils/i18n';

/** The fields of a private group its owner fills in: name, description, whether members see each other. */
export type GroupInfo = { name: string; description: string; membersCanView: boolean };
export type GroupInfoErrors = Partial<Record<'name' | 'description', MessageKey>>;

/** Checks a group's fields as the server will (docs/api.md), so problems show before anything is sent. */
export function validateGroupInfo(info: GroupInfo): GroupInfoErrors {
  const errors: GroupInfoErrors = {};
  const name = info.name.trim();
  if (!name) errors.name = 'formNameRequired';
  else if (name.length > 100) errors.name = 'groupNameTooLong';
  if (info.description.trim().length > 1000) errors.description = 'descriptionTooLong';
  return errors;
}

export function GroupInfoFields({
  info,
  onChange,
  errors,
}: {
  info: GroupInfo;
  onChange: (next: GroupInfo) => void;
  errors: GroupInfoErrors;
}) {
  const e = (k: keyof GroupInfoErrors) => (errors[k] ? t(errors[k]) : undefined);
  return (
    <>
      <Field label={t('fieldName')} required error={e('name')}>
        {(c) => (
          <input
            {...c}
            value={info.name}
            autocomplete="off"
            onInput={(ev) => onChange({ ...info, name: ev.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('fieldDescription')} error={e('description')}>
        {(c) => (
          <textarea
            {...c}
            rows={2}
            value={info.description}
            onInput={(ev) => onChange({ ...info, description: ev.currentTarget.value })}
          />
        )}
      </Field>
      <div class="group-visibility">
        <label class="check">
          <input
            type="checkbox"
            checked={info.membersCanView}
            aria-describedby="members-can-view-hint"
            onChange={(ev) => onChange({ ...info, membersCanView: ev.currentTarget.checked })}
          />
          {t('membersCanViewLabel')}
        </label>
        <p id="members-can-view-hint" class="field__hint">
          {t('membersCanViewHint')}
        </p>
      </div>
    </>
  );
}
