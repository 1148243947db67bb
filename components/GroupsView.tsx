import type { GroupView } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { GroupIcon, PlusIcon } from './icons';
import { groupSummary } from './group-text';
import { ViewHeader, onEscape } from './ViewHeader';

export type GroupsViewProps = {
  /** Undefined while loading. */
  groups?: readonly GroupView[];
  meId: string;
  error?: string;
  onOpen: (g: GroupView) => void;
  onNew: () => void;
  onBack: () => void;
};

function GroupItem({ g, meId, onOpen }: { g: GroupView; meId: string; onOpen: (g: GroupView) => void }) {
  return (
    <li>
      <button
        type="button"
        class={g.enabled ? 'group-item' : 'group-item group-item--disabled'}
        onClick={() => onOpen(g)}
      >
        <GroupIcon />
        <span class="access__who">
          <span class="access__name">{g.name}</span>
          {g.description && <span class="access__sub group-item__description">{g.description}</span>}
          <span class="access__sub">{groupSummary(g, meId)}</span>
        </span>
      </button>
    </li>
  );
}

function Section(props: {
  id: string;
  title: string;
  empty: string;
  groups: readonly GroupView[];
  meId: string;
  onOpen: (g: GroupView) => void;
}) {
  return (
    <section class="groups__section" aria-labelledby={props.id}>
      <h3 id={props.id} class="section-title">
        {props.title}
      </h3>
      {props.groups.length ? (
        <ul class="group-list" aria-labelledby={props.id}>
          {props.groups.map((g) => (
            <GroupItem key={g.id} g={g} meId={props.meId} onOpen={props.onOpen} />
          ))}
        </ul>
      ) : (
        <p class="muted groups__empty">{props.empty}</p>
      )}
    </section>
  );
}

/**
 * The Groups view: the private groups the user owns, manages or belongs to, and the user groups they are in,
 * each with its description, member count, status and the user's role; "New private group" at the top.
 */
export function GroupsView({ groups, meId, error, onOpen, onNew, onBack }: GroupsViewProps) {
  const byName = (a: GroupView, b: GroupView) => a.name.localeCompare(b.name);
  const mine = (groups ?? []).filter((g) => g.kind === 'private').sort(byName);
  const org = (groups ?? []).filter((g) => g.kind === 'user').sort(byName);
  return (
    <section class="details groups" aria-labelledby="groups-title" onKeyDown={onEscape(onBack)}>
      <ViewHeader id="groups-title" title={t('groupsTitle')} onBack={onBack}>
        <button type="button" class="small-button primary" onClick={onNew}>
          <PlusIcon /> {t('newGroupButton')}
        </button>
      </ViewHeader>
      <div class="details__body">
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {!groups && !error ? (
          <p class="muted" role="status">
            {t('groupsLoading')}
          </p>
        ) : groups ? (
          <>
            <Section
              id="groups-private"
              title={t('privateGroupsHeading')}
              empty={t('noPrivateGroups')}
              groups={mine}
              meId={meId}
              onOpen={onOpen}
            />
            <Section
              id="groups-user"
              title={t('userGroupsHeading')}
              empty={t('noUserGroups')}
              groups={org}
              meId={meId}
              onOpen={onOpen}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}
