import { LINKS_PAGE } from '@/utils/config';
import { LINK_PAGE_MAX } from '@/utils/contract';
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
  // The server's own view of one of the user's links (its sharer grant above all): page through until found.
  const mine = async (u: Unlocked, linkId: string) => {
    for (let cursor: string | undefined; ;) {
      const page = await u.client.call('listLinks', { query: { cursor, limit: String(LINK_PAGE_MAX) } });
      const link = page.links.find((l) => l.id === linkId);
      if (link) return link;
      if (!page.next) throw new VaultError('not_found');
      cursor = page.next;
    }
  };
  return {
    getSharingPolicy: () => work.read((u) => u.client.call('sharingPolicy')),
    createExternalLink: (d) => work.write((u) => createExternalLink(u, serverUrl(), d)),
    listExternalLinks: (d) =>
      work.read((u) =>
        u.client.call('listLinks', { query: { secretId: d.secretId, cursor: d.cursor, limit: String(LINKS_PAGE) } }),
      ),
    revokeExternalLink: (d) => work.write((u) => u.client.call('revokeLink', { params: { id: d.linkId } })),
    emailExternalLink: (d) => work.write(async (u) => emailExternalLink(u, await mine(u, d.linkId))),
    copyExternalLink: (d) =>
      work.read(async (u) => ({ url: await externalLinkUrl(u, serverUrl(), await mine(u, d.linkId)) })),
  };
}
