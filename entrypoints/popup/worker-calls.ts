import type { SearchRecipients } from '@/components/RecipientSearch';
import type { SecretSummary } from '@/utils/contract';
import { copyText } from '@/utils/clipboard/copy';
import { sendMessage } from '@/utils/messaging';
import { changedFields, type SecretDraft } from '@/utils/secrets/draft';
import type { AccessListResult, ShareOutcome, ShareRequest } from '@/utils/share/types';
import type { PendingMember } from '@/utils/share/pending-members';
import { errorCode } from '@/utils/vault/error-text';

/*
 * The popup's pages wire the components' callbacks to the background worker here: the components take
 * data and callbacks, and only the pages (entrypoints/popup/) send messages.
 */

export const searchRecipients: SearchRecipients = (q) => sendMessage('searchRecipients', { q });

/** What the share panel asks of the worker: the lists it starts from, and the share itself. */
export type ShareCalls = {
  accessList: (secretId: string) => Promise<AccessListResult>;
  share: (request: ShareRequest) => Promise<ShareOutcome>;
};

export const shareCalls: ShareCalls = {
  accessList: (secretId) => sendMessage('getAccessList', { secretId }),
  share: (request) => sendMessage('shareSecrets', request),
};

/** Opens a client secret in the worker, for the details view to show or copy. */
export const revealClientSecret = (secretId: string) =>
  sendMessage('revealSecret', { secretId }).then((r) => r.clientSecret);

/** The same, with whether every grant on its key path was signed (false: shown "not yet verified"). */
export const revealWithTrust = (secretId: string) => sendMessage('revealSecret', { secretId });

/** Replaces a secret's item key (VEP/2 rotation), after someone was removed. */
export const rotateItemKey = (secretId: string) => sendMessage('rotateItemKey', { secretId }).then(() => undefined);

/** Copies a client secret; the clipboard is cleared 30 seconds later. */
export const copyClientSecret = (value: string) => copyText(value, true);

/**
 * Sends a form's draft: a new secret, or only the fields that changed (and a new client secret if typed).
 * When someone else changed it meanwhile, a sync fetches their version so the list shows it.
 */
export async function saveSecret(secret: SecretSummary | undefined, draft: SecretDraft): Promise<SecretSummary> {
  try {
    if (!secret) return await sendMessage('createSecret', draft);
    return await sendMessage('updateSecret', {
      secretId: secret.id,
      baseRevision: secret.revision,
      fields: changedFields(secret, draft),
      ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
    });
  } catch (e) {
    if (errorCode(e) === 'stale_revision') void sendMessage('sync').catch(() => undefined);
    throw e;
  }
}

/** What the approval view asks of the worker: approve (a signed grant of the group key) or refuse. */
export const approvalCalls = {
  approve: (p: PendingMember, confirmed?: string) =>
    sendMessage('approveMember', { groupId: p.groupId, userId: p.member.user.id, confirmed }),
  refuse: (p: PendingMember) => sendMessage('refuseMember', { groupId: p.groupId, userId: p.member.user.id }),
};
