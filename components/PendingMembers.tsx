import type { ComponentChildren } from 'preact';
import type { GroupMember } from '@/utils/contract';
import { formatWhen, t } from '@/utils/i18n';
import { UserIcon } from './icons';

/** Who added a pending member, and when, in words. */
export const addedByText = (m: GroupMember) =>
  m.addedBy
    ? t('pendingAddedBy', m.addedBy.name, formatWhen(m.addedAt))
    : t('pendingAddedByAdmin', formatWhen(m.addedAt));

/**
 * Members added without the group key (by an administrator), as the group's managers see them: pending,
 * with who added them and when. `actions` renders per-member controls (approve, refuse) where a flow offers them.
 */
export function PendingMembers({
  members,
  actions,
}: {
  members: readonly GroupMember[];
  actions?: (m: GroupMember) => ComponentChildren;
}) {
  if (!members.length) return null;
  return (
    <section class="groups__section" aria-labelledby="pending-title">
      <h3 id="pending-title" class="section-title">
        {t('pendingHeading')}
      </h3>
      <p class="field__hint">{t('pendingHint')}</p>
      <ul class="member-list" aria-labelledby="pending-title">
        {members.map((m) => (
          <li key={m.user.id} class="member">
            <UserIcon />
            <span class="access__who">
              <span class="access__name">
                {m.user.name} <span class="pill">{t('pendingMember')}</span>
              </span>
              <span class="access__sub">{addedByText(m)}</span>
            </span>
            {actions?.(m)}
          </li>
        ))}
      </ul>
    </section>
  );
}
