import type { AccessName, SecretSummary } from '@/utils/contract';
import { t, tCount } from '@/utils/i18n';

/** Names a summary shows at most: "You, Bob Silva and Payments on-call"; past that, "and N more". */
const MAX_NAMES = 3;

function counted(users: number, groups: number): string {
  const parts = [
    users && tCount(users, 'accessUsersOne', 'accessUsersOther'),
    groups && tCount(groups, 'accessGroupsOne', 'accessGroupsOther'),
  ].filter((p): p is string => !!p);
  return parts.length === 2 ? t('accessList', parts[0]!, parts[1]!) : (parts[0] ?? '');
}

/** The counts alone, for a summary that names nobody (one cached before the server named anyone). */
function countedSummary(secret: Pick<SecretSummary, 'owner' | 'access'>, meId: string): string {
  const { users, groups } = secret.access;
  if (secret.owner.id === meId)
    return users + groups === 0 ? t('accessOnlyYou') : t('accessYouPlus', counted(users, groups));
  const owner = secret.owner.name;
  if (groups === 0 && users === 1) return t('accessOwnerPlusYou', owner);
  if (groups === 0 && users > 1) return t('accessOwnerPlusYouAnd', owner, counted(users - 1, 0));
  // Neither users nor groups: visible to the user some other way (an administrator view); the owner alone.
  return users + groups === 0 ? owner : t('accessOwnerPlus', owner, counted(users, groups));
}

/** "A, B", "A, B and C", or with `more` left unnamed "A, B and 4 more". */
function joined(names: string[], more: number): string {
  if (more > 0) return tCount(more, 'accessNamesMoreOne', 'accessNamesMoreOther', names[0]!, names[1]!);
  if (names.length === 3) return t('accessNamesThree', names[0]!, names[1]!, names[2]!);
  return names.length === 2 ? t('accessNamesTwo', names[0]!, names[1]!) : names[0]!;
}

/**
 * Who can see an API secret, in one line: the owner first ("You" for the user's own), then the people and
 * groups the summary names (the server names the list's first two), at most three names, the rest counted:
 * "Only you", "You, Bob Silva", "You, Bob Silva and Payments on-call", "You, Bob Silva and 4 more". On one
 * shared with the user, "you" comes second when the user is known to be on the list in person (named, or the
 * list has no groups, so every one on it is a user); with groups they may be in one, among the others.
 * A summary that names nobody on a list says the counts ("You + 3 users, 1 group").
 */
export function accessSummary(secret: Pick<SecretSummary, 'owner' | 'access'>, meId: string): string {
  const { users, groups } = secret.access;
  const named: AccessName[] = secret.access.named ?? [];
  const total = users + groups;
  const mine = secret.owner.id === meId;
  if (mine && total === 0) return t('accessOnlyYou');
  if (total === 0) return secret.owner.name;
  if (!named.length) return countedSummary(secret, meId);
  const meOnList = !mine && (groups === 0 || named.some((n) => n.kind === 'user' && n.id === meId));
  const names = [mine ? t('ownerYou') : secret.owner.name, ...(meOnList ? [t('accessYouInList')] : [])];
  const others = named.filter((n) => !(n.kind === 'user' && n.id === meId)).map((n) => n.name);
  const rest = total - (meOnList ? 1 : 0);
  if (rest === others.length && names.length + rest <= MAX_NAMES) return joined([...names, ...others], 0);
  const shown = [...names, ...others].slice(0, 2);
  return joined(shown, total - (shown.length - 1));
}
