import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { GroupView } from '@/utils/contract';
import type { GroupDraft, NewMember } from '@/utils/groups/types';
import { t } from '@/utils/i18n';
import { errorCode, errorText } from '@/utils/vault/error-text';
import { GroupInfoFields, validateGroupInfo, type GroupInfo, type GroupInfoErrors } from './GroupInfoFields';
import { MemberPicker, type MemberSearch } from './MemberPicker';
import { ViewHeader, onEscape } from './ViewHeader';

export type GroupFormProps = {
  /** Creates the group (and its key) with these members; rejects with a VaultError. */
  onSave: (draft: GroupDraft) => Promise<GroupView>;
  onCancel: () => void;
  onDone: (g: GroupView) => void;
  search: MemberSearch;
};

/**
 * New private group: name (required, unique among the user's groups), description, whether members see the
 * member list, and members found with the share panel's search. Save creates the group and its key, granted
 * to each member on this device.
 */
export function GroupForm({ onSave, onCancel, onDone, search }: GroupFormProps) {
  const [info, setInfo] = useState<GroupInfo>({ name: '', description: '', membersCanView: false });
  const [members, setMembers] = useState<NewMember[]>([]);
  const [errors, setErrors] = useState<GroupInfoErrors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>(tried ? '[aria-invalid="true"]' : 'input')?.focus();
  }, [tried, errors]);

  const update = (next: GroupInfo) => (setInfo(next), tried && setErrors(validateGroupInfo(next)));
  async function onSubmit(ev: Event) {
    ev.preventDefault();
    const found = validateGroupInfo(info);
    setErrors(found);
    setTried(true);
    setFormError(undefined);
    if (Object.keys(found).length) return setFormError(t('formHasErrors'));
    setBusy(true);
    try {
      onDone(
        await onSave({
          name: info.name.trim(),
          description: info.description.trim(),
          membersCanView: info.membersCanView,
          members,
        }),
      );
    } catch (err) {
      if (errorCode(err) === 'group_name_taken') setErrors({ name: 'groupNameTaken' });
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="details form-view" aria-labelledby="group-form-title" onKeyDown={onEscape(onCancel)}>
      <ViewHeader id="group-form-title" title={t('newGroup')} onBack={onCancel} noFocus />
      <form ref={form} class="details__body secret-form" noValidate onSubmit={(ev) => void onSubmit(ev)}>
        <GroupInfoFields info={info} onChange={update} errors={errors} />
        <h3 id="group-form-members" class="section-title">
          {t('membersHeading')}
        </h3>
        <MemberPicker picked={members} onChange={setMembers} search={search} labelledBy="group-form-members" />
        <p class="field__hint">{t('groupKeyNote')}</p>
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
