import type { GroupView } from '@/utils/contract';

/** A person to add to a group, as the recipient search found them. */
export type NewMember = { id: string; name: string; publicKey: string };

/** The New private group form, as the popup sends it to the worker. */
export type GroupDraft = {
  name: string;
  description: string;
  membersCanView: boolean;
  members: NewMember[];
};

/** The fields of a private group its owner may change; each one optional. */
export type GroupChanges = { name?: string; description?: string; membersCanView?: boolean; enabled?: boolean };

/** What the user is to a group, as the Groups view shows it. */
export type GroupRole = 'owner' | 'manager' | 'member' | 'pending';

export function roleIn(g: GroupView, meId: string): GroupRole {
  if (g.owner?.id === meId) return 'owner';
  if (g.isManager) return 'manager';
  return g.isMember && !g.myGrant ? 'pending' : 'member';
}

/** May the user change this group's members (owners and managers) or its name and status (private groups' owners)? */
export const canManage = (g: GroupView) => g.isManager;
export const canEditInfo = (g: GroupView, meId: string) => g.kind === 'private' && g.owner?.id === meId;
