import type { PopupRoute, SelectionKind } from './route';

/**
 * Where a secret picked by the right-click flow leads: its share panel, straight into Internal (choosing
 * "Share API secret…" on a page already said whom to reach), or its access view. Only its owner
 * may share it: for anyone else "Share API secret…" opens who has access, which names the owner to ask,
 * rather than a share panel that would refuse.
 */
export function targetFor(kind: SelectionKind, secret: { id: string; permissions: { share: boolean } }): PopupRoute {
  return kind === 'share' && secret.permissions.share
    ? { view: 'share', ids: [secret.id], card: 'internal' }
    : { view: 'access', id: secret.id };
}
