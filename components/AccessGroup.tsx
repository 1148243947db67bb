import { useState } from 'preact/hooks';
import type { AccessEntry } from '@/utils/contract';
import { t, tCount } from '@/utils/i18n';
import { ChevronIcon, GroupIcon } from './icons';

const groupKindLabel = (e: AccessEntry) => (e.groupKind === 'private' ? t('privateGroupLabel') : t('groupLabel'));

/** Can view, and Can edit when granted, as small labels. */
export function Permissions({ canEdit }: { canEdit: boolean }) {
  return (
    <span class="perms">
      <span class="perm">{t('canView')}</span>
      {canEdit && <span class="perm perm--edit">{t('canEdit')}</span>}
    </span>
  );
}

/**
 * A group with its members behind a disclosure button (effective access); a group whose members the viewer
 * may not list shows its count and says the list is private.
 */
export function GroupItem({ entry }: { entry: AccessEntry }) {
  const [open, setOpen] = useState(false);
  const members = entry.members ?? [];
  const count = entry.memberCount ?? members.length;
  const listId = `members-${entry.recipientId}`;
  if (entry.members === null)
    return (
      <li class="access__item access__item--group">
        <span class="access__toggle">
          <GroupIcon />
          <span class="access__who">
            <span class="access__name" title={entry.name}>
              {entry.name}
            </span>
            <span class="access__sub">
              {groupKindLabel(entry)} · {tCount(count, 'membersOne', 'membersOther')} · {t('membersPrivate')}
            </span>
          </span>
        </span>
        <Permissions canEdit={entry.canEdit} />
      </li>
    );
  return (
    <li class="access__item access__item--group">
      <button
        type="button"
        class="access__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <GroupIcon />
        <span class="access__who">
          <span class="access__name" title={entry.name}>
            {entry.name}
            <span class={open ? 'chevron chevron--open' : 'chevron'}>
              <ChevronIcon />
            </span>
          </span>
          <span class="access__sub">
            {groupKindLabel(entry)} · {tCount(members.length, 'membersOne', 'membersOther')}
          </span>
        </span>
      </button>
      <Permissions canEdit={entry.canEdit} />
      {open && (
        <ul id={listId} class="access__members" aria-label={entry.name}>
          {members.length === 0 && <li class="muted">{t('noMembers')}</li>}
          {members.map((m) => (
            <li key={m.id}>
              {m.name} <span class="muted">{m.username}</span>
              {m.pending && <span class="muted"> · {t('pendingMember')}</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
