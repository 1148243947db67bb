import { useCallback, useEffect, useState } from 'preact/hooks';
import type { GroupView } from '@/utils/contract';
import type { GroupChanges, GroupDraft, NewMember } from '@/utils/groups/types';
import { sendMessage } from '@/utils/messaging';
import { errorText } from '@/utils/vault/error-text';

/** The user's groups, fresh from the worker (which asks the server) each time the Groups view opens. */
export function useGroupList() {
  const [groups, setGroups] = useState<GroupView[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    sendMessage('listGroups').then(
      (g) => live && setGroups(g),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => void (live = false);
  }, []);
  return { groups, error };
}

export const createGroup = (draft: GroupDraft) => sendMessage('createGroup', draft);

/** One group and what its managers can do to it; each change replaces the group with the server's answer. */
export function useGroup(groupId: string) {
  const [group, setGroup] = useState<GroupView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    setGroup(undefined);
    sendMessage('getGroup', { groupId }).then(
      (g) => live && setGroup(g),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => void (live = false);
  }, [groupId]);
  const apply = (p: Promise<GroupView>) => p.then(setGroup);
  return {
    group,
    error,
    update: (changes: GroupChanges) => apply(sendMessage('updateGroup', { groupId, changes })),
    addMembers: (members: NewMember[]) => apply(sendMessage('addGroupMembers', { groupId, members })),
    removeMember: (userId: string) => apply(sendMessage('removeGroupMember', { groupId, userId })),
    setManager: (userId: string, manager: boolean) =>
      apply(sendMessage('setGroupManager', { groupId, userId, manager })),
    loadExposure: useCallback(() => sendMessage('getGroupSecrets', { groupId }), [groupId]),
  };
}
