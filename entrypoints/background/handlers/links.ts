import type { Handlers, LinksProtocol } from '@/utils/messaging';
import { createExternalLink, emailExternalLink, externalLinkUrl } from '@/utils/links/external-link';
import type { Unlocked } from '@/utils/secrets';
import type { VaultSession } from '@/utils/session';
import { VaultError } from '@/utils/vault/errors';
import type { UnlockedWork } from '../unlocked';

/** External links: the options, making one, the sharer's list, revoke, email, and copying one again. */
export function createLinksHandlers(
  work: UnlockedWork,
  session: Pick<VaultSession, 'unlocked'>,
): Handlers<LinksProtocol> {
  const serverUrl = () => session.unlocked()?.owner.serverUrl ?? '';
  const mine = async (u: Unlocked, linkId: string) => {
    const link = (await u.client.call('listLinks')).links.find((l) => l.id === linkId);
    if (!link) throw new VaultError('not_found');
    return link;
  };
  return {
    getSharingPolicy: () => work.read((u) => u.client.call('sharingPolicy')),
    createExternalLink: (d) => work.write((u) => createExternalLink(u, serverUrl(), d)),
    listExternalLinks: (d) =>
      work.read(async (u) => (await u.client.call('listLinks', { query: { secretId: d.secretId } })).links),
    revokeExternalLink: (d) => work.write((u) => u.client.call('revokeLink', { params: { id: d.linkId } })),
    emailExternalLink: (d) => work.write(async (u) => emailExternalLink(u, await mine(u, d.linkId))),
    copyExternalLink: (d) =>
      work.read(async (u) => ({ url: await externalLinkUrl(u, serverUrl(), await mine(u, d.linkId)) })),
  };
}
