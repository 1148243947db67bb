import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SecretSummary } from '@/utils/contract';
import { AccessView, SecretDetails } from '@/components/SecretDetails';
import { SharePanel, type ShareCardName } from '@/components/SharePanel';
import { lastShareCardItem } from '@/utils/storage-items';
import type { RowAction } from '@/components/row-actions';
import { useAccessList } from './use-access-list';
import { useSharePanel } from './use-share-panel';
import { copyClientSecret, revealWithTrust, rotateItemKey, searchRecipients } from './worker-calls';

/*
 * The views that need the worker's data: each page fetches it with its hook and hands the component data
 * and callbacks.
 */

export function DetailsPage(props: {
  secret: SecretSummary;
  meId: string;
  onClose: () => void;
  onAction: (action: RowAction, secret: SecretSummary) => void;
  /** Shown after who has access (the secret's external shares). */
  children?: ComponentChildren;
}) {
  const { secret } = props;
  const access = useAccessList(secret.id, secret.accessRevision);
  return <SecretDetails {...props} access={access} reveal={() => revealWithTrust(secret.id)} copy={copyClientSecret} />;
}

export function AccessPage(props: { secret: SecretSummary; meId: string; onClose: () => void }) {
  const access = useAccessList(props.secret.id, props.secret.accessRevision);
  return <AccessView {...props} access={access} />;
}

export function SharePage({
  secrets,
  card,
  onClose,
  onShared,
  onRotate,
  onExternal,
}: {
  secrets: readonly SecretSummary[];
  card?: 'internal';
  onClose: () => void;
  onShared?: () => void;
  onRotate: (secret: SecretSummary) => void;
  /** The External card, when the administrator allows links. */
  onExternal?: () => void;
}) {
  const panel = useSharePanel(
    secrets.map((s) => s.id),
    onShared,
  );
  const [lastCard, setLastCard] = useState<ShareCardName | undefined>();
  useEffect(() => {
    void lastShareCardItem.getValue().then((v) => setLastCard(v ?? undefined));
  }, []);
  return (
    <SharePanel
      secrets={secrets}
      card={card}
      lastCard={lastCard}
      onCardChosen={(c) => void lastShareCardItem.setValue(c)}
      panel={panel}
      search={searchRecipients}
      onClose={onClose}
      onRotate={onRotate}
      rotateKey={rotateItemKey}
      onExternal={onExternal}
    />
  );
}
