import { PendingApprovals } from '@/components/PendingApprovals';
import type { PendingMember } from '@/utils/share/pending-members';
import { approvalCalls } from './worker-calls';

/** The approval view (#/approvals) wired to the worker; a Groups view can link here. */
export function ApprovalsPage(props: {
  pending: readonly PendingMember[];
  onChanged: () => void;
  onClose: () => void;
}) {
  return <PendingApprovals {...props} approve={approvalCalls.approve} refuse={approvalCalls.refuse} />;
}
