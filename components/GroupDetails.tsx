import { useState } from 'preact/hooks';
import type { GroupMember, GroupSecrets, GroupView } from '@/utils/contract';
import { canEditInfo, type GroupChanges, type NewMember } from '@/utils/groups/types';
import { t, tCount } from '@/utils/i18n';
import { errorCode, errorText } from '@/utils/vault/error-text';
import { ConfirmDialog } from './ConfirmDialog';
import { GroupInfoFields, validateGroupInfo, type GroupInfo, type GroupInfoErrors } from './GroupInfoFields';
import { GroupMembers } from './GroupMembers';
import { LiveNote, type Note } from './LiveNote';
import { MemberPicker, type MemberSearch } from './MemberPicker';
import { PendingMembers } from './PendingMembers';
import { RemoveMemberDialog } from './RemoveMemberDialog';
import { groupSummary } from './group-text';
import { ViewHeader, onEscape } from './ViewHeader';

export type GroupDetailsProps = {
  group: GroupView;
  meId: string;
  search: MemberSearch;
  onBack: () => void;
  /** Each action resolves when the server has applied it (the page then shows the group's new state). */
  onUpdate: (changes: GroupChanges) => Promise<unknown>;
  onAddMembers: (members: NewMember[]) => Promise<unknown>;
  onRemoveMember: (userId: string) => Promise<unknown>;
  onSetManager: (userId: string, manager: boolean) => Promise<unknown>;
  /** What members could read through the group (stable across renders: the removal dialog loads it once). */
  loadExposure: () => Promise<GroupSecrets>;
  /** Opens the approval view (#/approvals), where a manager approves or refuses pending members (VEP/2). */
  onReviewPending?: () => void;
};

/** Edit name and description (and who sees the members), in place. */
function InfoEditor(props: { group: GroupView; onSave: (c: GroupChanges) => Promise<void>; onCancel: () => void }) {
  const { group } = props;
  const [info, setInfo] = useState<GroupInfo>({
    name: group.name,
    description: group.description,
    membersCanView: group.membersCanView,
  });
  const [errors, setErrors] = useState<GroupInfoErrors>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(ev: Event) {
    ev.preventDefault();
    const found = validateGroupInfo(info);
    setErrors(found);
    if (Object.keys(found).length) return setError(t('formHasErrors'));
    setBusy(true);
    try {
      await props.onSave({
        name: info.name.trim(),
        description: info.description.trim(),
        membersCanView: info.membersCanView,
      });
    } catch (e) {
      if (errorCode(e) === 'group_name_taken') setErrors({ name: 'groupNameTaken' });
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="group-editor" noValidate onSubmit={(ev) => void submit(ev)} aria-label={t('editGroup')}>
      <GroupInfoFields info={info} onChange={setInfo} errors={errors} />
      <div role="alert">{error && <p class="form-error">{error}</p>}</div>
      <div class="actions form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * One group: what it is, its members (to those who may see them) and, for its managers, adding, promoting
 * and removing members (the removal reminds them what the member could read); for a private group's owner,
 * editing its name and description and disabling or enabling it, each confirmed.
 */
export function GroupDetails(props: GroupDetailsProps) {
  const { group: g, meId, search } = props;
  const [note, setNote] = useState<Note>();
  const [editing, setEditing] = useState(false);
  const [toggling, setToggling] = useState(false);
  const [removing, setRemoving] = useState<GroupMember>();
  const [picked, setPicked] = useState<NewMember[]>([]);
  const [busy, setBusy] = useState(false);
  const manage = g.isManager && !!g.myGrant;
  const owner = canEditInfo(g, meId);

  async function act(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await work();
      setNote({ text: done });
      return true;
    } catch (e) {
      setNote({ text: errorText(e), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const members = (g.members ?? []).filter((m) => !m.pending);
  const pending = (g.members ?? []).filter((m) => m.pending);
  return (
    <section class="details group-details" aria-labelledby="group-title" onKeyDown={onEscape(props.onBack)}>
      <ViewHeader id="group-title" title={g.name} sub={groupSummary(g, meId)} onBack={props.onBack} />
      <div class="details__body">
        <LiveNote note={note} />
        {editing ? (
          <InfoEditor
            group={g}
            onCancel={() => setEditing(false)}
            onSave={async (c) => {
              await props.onUpdate(c);
              setEditing(false);
              setNote({ text: t('groupSaved') });
            }}
          />
        ) : (
          <>
            {g.description && <p class="group-details__description">{g.description}</p>}
            {g.kind === 'private' && g.owner && (
              <p class="muted">
                {t('ownerLabel')}: {g.owner.id === meId ? t('ownerYou') : g.owner.name}
              </p>
            )}
            {g.kind === 'user' && !g.isManager && <p class="muted">{t('userGroupReadOnly')}</p>}
            {owner && (
              <div class="actions">
                <button type="button" class="secondary" onClick={() => setEditing(true)}>
                  {t('editGroup')}
                </button>
                <button type="button" class={g.enabled ? 'danger' : 'secondary'} onClick={() => setToggling(true)}>
                  {g.enabled ? t('actionDisable') : t('actionEnable')}
                </button>
              </div>
            )}
          </>
        )}

        <h3 id="group-members-title" class="section-title">
          {t('membersHeading')}
        </h3>
        {g.members ? (
          <GroupMembers
            members={members}
            manage={manage}
            meId={meId}
            onPromote={(m) => void act(() => props.onSetManager(m.user.id, true), t('managerPromoted', m.user.name))}
            onRemove={setRemoving}
          />
        ) : (
          <p class="muted">
            {tCount(g.memberCount, 'membersOne', 'membersOther')} · {t('membersHidden')}
          </p>
        )}
        {g.isManager && (
          <PendingMembers
            members={pending}
            actions={
              props.onReviewPending
                ? (m) =>
                    m.publicKey ? (
                      <button
                        type="button"
                        class="link"
                        aria-label={`${t('approvalReview')}: ${m.user.name}`}
                        onClick={props.onReviewPending}
                      >
                        {t('approvalReview')}
                      </button>
                    ) : null
                : undefined
            }
          />
        )}

        {manage && (
          <section class="groups__section" aria-labelledby="group-add-title">
            <h3 id="group-add-title" class="section-title">
              {t('addMembersHeading')}
            </h3>
            <MemberPicker
              picked={picked}
              onChange={setPicked}
              search={search}
              already={(g.members ?? []).map((m) => m.user.id)}
              labelledBy="group-add-title"
              empty={t('addMembersHint')}
            />
            {picked.length > 0 && (
              <div class="actions">
                <button
                  type="button"
                  class="primary"
                  disabled={busy}
                  onClick={() =>
                    void act(() => props.onAddMembers(picked), t('membersAddedDone')).then((ok) => ok && setPicked([]))
                  }
                >
                  {busy ? t('saving') : t('addToGroup')}
                </button>
              </div>
            )}
          </section>
        )}
      </div>

      {toggling && (
        <ConfirmDialog
          title={g.enabled ? t('confirmGroupDisableTitle', g.name) : t('confirmGroupEnableTitle', g.name)}
          confirmLabel={g.enabled ? t('actionDisable') : t('actionEnable')}
          cancelLabel={t('cancel')}
          danger={g.enabled}
          busy={busy}
          onCancel={() => setToggling(false)}
          onConfirm={() => {
            const enabled = !g.enabled;
            void act(() => props.onUpdate({ enabled }), enabled ? t('groupEnabledDone') : t('groupDisabledDone')).then(
              () => setToggling(false),
            );
          }}
        >
          <p>{g.enabled ? t('confirmGroupDisableBody') : t('confirmGroupEnableBody')}</p>
        </ConfirmDialog>
      )}
      {removing && (
        <RemoveMemberDialog
          memberName={removing.user.name}
          groupName={g.name}
          loadExposure={props.loadExposure}
          busy={busy}
          onCancel={() => setRemoving(undefined)}
          onConfirm={() => {
            const m = removing;
            void act(() => props.onRemoveMember(m.user.id), t('memberRemovedDone', m.user.name)).then(() =>
              setRemoving(undefined),
            );
          }}
        />
      )}
    </section>
  );
}
