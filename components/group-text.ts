import type { GroupView } from '@/utils/contract';
import { roleIn, type GroupRole } from '@/utils/groups/types';
import { t, tCount } from '@/utils/i18n';

const ROLE_KEY = { owner: 'roleOwner', manager: 'roleManager', member: 'roleMember', pending: 'rolePending' } as const;

/** The user's role in words. */
export const roleText = (role: GroupRole) => t(ROLE_KEY[role]);

/** A group's one-line summary: kind, member count, status and the user's role. */
export function groupSummary(g: GroupView, meId: string): string {
  return [
    g.kind === 'private' ? t('privateGroupLabel') : t('groupLabel'),
    tCount(g.memberCount, 'membersOne', 'membersOther'),
    g.enabled ? t('statusEnabled') : t('statusDisabled'),
    roleText(roleIn(g, meId)),
  ].join(' · ');
}
