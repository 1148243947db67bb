import { t, tCount } from '@/utils/i18n';
import type { PendingMember } from '@/utils/share/pending-members';
import { PeopleIcon } from './icons';

/**
 * Above the list, for a group manager: people wait for their approval to join a group (VEP/2: nobody gets
 * a group's key until a manager approves them). Review opens the approval view; the banner goes once
 * nobody waits.
 */
export function ApprovalBanner({ pending, onReview }: { pending: readonly PendingMember[]; onReview: () => void }) {
  if (!pending.length) return null;
  const groups = [...new Set(pending.map((p) => p.groupName))];
  const where = groups.length === 1 ? groups[0]! : t('approvalYourGroups');
  return (
    <div class="banner banner--approval" role="status">
      <PeopleIcon size={16} />
      <div class="banner__text">
        <strong>{tCount(pending.length, 'approvalBannerOne', 'approvalBannerOther', where)}</strong>
      </div>
      <button type="button" class="link" onClick={onReview}>
        {t('approvalReview')}
      </button>
    </div>
  );
}
