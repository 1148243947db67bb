import type { SecretSummary } from '@/utils/contract';
import type { MessageKey } from '@/utils/i18n';

/** Everything a row's menu can offer, plus the who-has-access view. */
export type RowAction = 'details' | 'share' | 'edit' | 'disable' | 'enable' | 'copyClientId' | 'copySecret' | 'access';

export const ACTION_LABELS: Record<RowAction, MessageKey> = {
  details: 'actionDetails',
  share: 'actionShare',
  edit: 'actionEdit',
  disable: 'actionDisable',
  enable: 'actionEnable',
  copyClientId: 'actionCopyClientId',
  copySecret: 'actionCopySecret',
  access: 'actionAccess',
};

/**
 * The actions this user may take on this secret, in menu order. What the user may not do is absent, not
 * merely failing: sharing is the owner's, editing and disabling need Can edit, and a disabled secret
 * cannot be revealed, so it cannot be copied either.
 */
export function actionsFor(s: SecretSummary): RowAction[] {
  const out: RowAction[] = ['details'];
  if (s.permissions.share) out.push('share');
  out.push('access');
  if (s.permissions.edit) out.push('edit', s.status === 'enabled' ? 'disable' : 'enable');
  out.push('copyClientId');
  if (s.permissions.view && s.status === 'enabled') out.push('copySecret');
  return out;
}
