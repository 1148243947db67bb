import type { ApprovalsProtocol, Handlers } from '@/utils/messaging';
import { approveMember, pendingApprovals, refuseMember } from '@/utils/share/pending-members';
import type { UnlockedWork } from '../unlocked';

/**
 * Pending group members, approved or refused by a manager (docs/crypto.md, "Group members: approval"). The
 * worker never grants a group key on its own: each grant here follows a person's click in the popup.
 */
export function createApprovalHandlers(work: UnlockedWork): Handlers<ApprovalsProtocol> {
  return {
    listPendingApprovals: () => work.read(pendingApprovals),
    approveMember: (d) =>
      work.write(async (u) => {
        const r = await approveMember(u, d.groupId, d.userId, d.confirmed);
        return r.ok ? { ok: true as const } : r;
      }),
    refuseMember: (d) => work.write(async (u) => void (await refuseMember(u, d.groupId, d.userId))),
  };
}
