import type { GroupsProtocol, Handlers } from '@/utils/messaging';
import { addMembers, createPrivateGroup, removeMember, setManager } from '@/utils/groups';
import type { UnlockedWork } from '../unlocked';

/** Groups: the user's list, a new private group with its key, its members, roles and status. */
export function createGroupsHandlers(work: UnlockedWork): Handlers<GroupsProtocol> {
  const id = (groupId: string) => ({ params: { id: groupId } });
  return {
    listGroups: () => work.read(async (u) => (await u.client.call('listGroups')).groups),
    getGroup: (d) => work.read((u) => u.client.call('getGroup', id(d.groupId))),
    createGroup: (d) => work.write((u) => createPrivateGroup(u, d)),
    updateGroup: (d) => work.write((u) => u.client.call('updateGroup', { ...id(d.groupId), body: d.changes })),
    addGroupMembers: (d) => work.write((u) => addMembers(u, d.groupId, d.members)),
    removeGroupMember: (d) => work.write((u) => removeMember(u, d.groupId, d.userId)),
    setGroupManager: (d) => work.write((u) => setManager(u, d.groupId, d.userId, d.manager)),
    getGroupSecrets: (d) => work.read((u) => u.client.call('groupSecrets', id(d.groupId))),
  };
}
