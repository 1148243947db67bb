import type { SecretSummary } from '@/utils/contract';
import { t, tCount } from '@/utils/i18n';

function counted(users: number, groups: number): string {
  const parts = [
    users && tCount(users, 'accessUsersOne', 'accessUsersOther'),
    groups && tCount(groups, 'accessGroupsOne', 'accessGroupsOther'),
  ].filter((p): p is string => !!p);
  return parts.length === 2 ? t('accessList', parts[0]!, parts[1]!) : (parts[0] ?? '');
}

/**
 * Who can see an API secret, in one line, from the counts every summary carries: "Only you",
 * "You + 3 users, 1 group" for the user's own; for one shared with them, the owner first. When no group
 * has access the user must be one of the users, so they are named ("Bob Silva + you + 2 users"); with
 * groups the user may be in one of them, so the counts stand as they are.
 */
export function accessSummary(secret: Pick<SecretSummary, 'owner' | 'access'>, meId: string): string {
  const { users, groups } = secret.access;
  if (secret.owner.id === meId)
    return users + groups === 0 ? t('accessOnlyYou') : t('accessYouPlus', counted(users, groups));
  const owner = secret.owner.name;
  if (groups === 0 && users === 1) return t('accessOwnerPlusYou', owner);
  if (groups === 0 && users > 1) return t('accessOwnerPlusYouAnd', owner, counted(users - 1, 0));
  // Neither users nor groups: visible to the user some other way (an administrator view); the owner alone.
  return users + groups === 0 ? owner : t('accessOwnerPlus', owner, counted(users, groups));
}
