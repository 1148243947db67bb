import { GroupDetails } from '@/components/GroupDetails';
import { GroupForm } from '@/components/GroupForm';
import { GroupsView } from '@/components/GroupsView';
import type { MemberSearch } from '@/components/MemberPicker';
import { RecipientSearch } from '@/components/RecipientSearch';
import { ViewHeader, onEscape } from '@/components/ViewHeader';
import { t } from '@/utils/i18n';
import type { GroupRoute } from '@/utils/popup-route';
import { createGroup, useGroup, useGroupList } from './use-groups';
import type { Navigate } from './use-route';
import { searchRecipients } from './worker-calls';

export type GroupsRouteViewProps = { route: GroupRoute; meId: string; navigate: Navigate };

/** The share panel's search, for people only: a group's members are users. */
const memberSearch: MemberSearch = ({ listed, onAdd }) => (
  <RecipientSearch search={searchRecipients} listed={listed} onAdd={onAdd} usersOnly />
);

function GroupsList({ meId, navigate }: Omit<GroupsRouteViewProps, 'route'>) {
  const { groups, error } = useGroupList();
  return (
    <GroupsView
      groups={groups}
      meId={meId}
      error={error}
      onOpen={(g) => navigate({ view: 'group', id: g.id })}
      onNew={() => navigate({ view: 'group-new' })}
      onBack={() => navigate({ view: 'list' })}
    />
  );
}

function OneGroup({ id, meId, navigate }: Omit<GroupsRouteViewProps, 'route'> & { id: string }) {
  const g = useGroup(id);
  const back = () => navigate({ view: 'groups' });
  if (!g.group)
    return (
      <section class="details" aria-labelledby="group-loading" onKeyDown={onEscape(back)}>
        <ViewHeader id="group-loading" title={t('groupsTitle')} onBack={back} />
        <p class={g.error ? 'form-error details__body' : 'muted details__body'} role="status">
          {g.error ?? t('groupsLoading')}
        </p>
      </section>
    );
  return (
    <GroupDetails
      group={g.group}
      meId={meId}
      search={memberSearch}
      onBack={back}
      onUpdate={g.update}
      onAddMembers={g.addMembers}
      onRemoveMember={g.removeMember}
      onSetManager={g.setManager}
      loadExposure={g.loadExposure}
      onReviewPending={() => navigate({ view: 'approvals' })}
    />
  );
}

/** The groups views a route names: the list, the New private group form, or one group. */
export function GroupsRouteView({ route, meId, navigate }: GroupsRouteViewProps) {
  if (route.view === 'groups') return <GroupsList meId={meId} navigate={navigate} />;
  if (route.view === 'group-new')
    return (
      <GroupForm
        search={memberSearch}
        onSave={createGroup}
        onCancel={() => navigate({ view: 'groups' })}
        onDone={(g) => navigate({ view: 'group', id: g.id }, { replace: true })}
      />
    );
  return <OneGroup key={route.id} id={route.id} meId={meId} navigate={navigate} />;
}
