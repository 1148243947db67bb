import type { GroupMember } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { UserIcon } from './icons';

/**
 * A group's members who hold its key, as its managers (or, when allowed, its members) see them: name,
 * username, Manager when they manage it; for managers, Make manager and Remove on each line.
 */
export function GroupMembers({
  members,
  manage,
  meId,
  onPromote,
  onRemove,
}: {
  members: readonly GroupMember[];
  manage: boolean;
  meId: string;
  onPromote: (m: GroupMember) => void;
  onRemove: (m: GroupMember) => void;
}) {
  if (!members.length) return <p class="muted">{t('noMembers')}</p>;
  return (
    <ul class="member-list" aria-labelledby="group-members-title">
      {members.map((m) => (
        <li key={m.user.id} class="member">
          <UserIcon />
          <span class="access__who">
            <span class="access__name">
              {m.user.name} {m.manager && <span class="pill">{t('roleManager')}</span>}
            </span>
            <span class="access__sub">{m.user.username}</span>
          </span>
          {manage && (
            <span class="member__actions">
              {!m.manager && (
                <button
                  type="button"
                  class="small-button secondary"
                  aria-label={t('makeManagerOf', m.user.name)}
                  onClick={() => onPromote(m)}
                >
                  {t('makeManager')}
                </button>
              )}
              {m.user.id !== meId && (
                <button
                  type="button"
                  class="small-button danger"
                  aria-label={t('removeMemberOf', m.user.name)}
                  onClick={() => onRemove(m)}
                >
                  {t('remove')}
                </button>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
