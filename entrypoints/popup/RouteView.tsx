import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import type { SecretDraft } from '@/utils/secrets';
import { SecretForm } from '@/components/SecretForm';
import { ViewHeader, onEscape } from '@/components/ViewHeader';
import type { RowAction } from '@/components/row-actions';
import type { SecretRoute } from '@/utils/popup-route';
import { ExternalShareView, SecretLinks, SharingCenterView } from './ExternalViews';
import { AccessPage, DetailsPage, SharePage } from './pages';
import type { Navigate } from './use-route';
import { useSharingPolicy } from './use-sharing-policy';
import { saveSecret } from './worker-calls';

export type RouteViewProps = {
  route: SecretRoute;
  secrets: readonly SecretSummary[];
  meId: string;
  navigate: Navigate;
  onAction: (action: RowAction, secret: SecretSummary) => void;
  /** The Add form's starting fields (the right-click flow supplies them). */
  initial?: Partial<SecretDraft>;
  /** A share went through (the batch selection is spent). */
  onShared?: () => void;
};

/** A view whose secret is not in the list (removed, unshared, or a stale link): say so, with the way back. */
function Missing({ onBack }: { onBack: () => void }) {
  return (
    <section class="details" aria-labelledby="missing-title" onKeyDown={onEscape(onBack)}>
      <ViewHeader id="missing-title" title={t('extName')} onBack={onBack} />
      <p class="empty" role="status">
        {t('notInList')}
      </p>
    </section>
  );
}

/** The view a route names: details, who has access, share, add or edit. */
export function RouteView({ route, secrets, meId, navigate, onAction, initial, onShared }: RouteViewProps) {
  const toList = () => navigate({ view: 'list' });
  const find = (id: string) => secrets.find((s) => s.id === id);
  // The External card needs the administrator's options; asked for only on the Share screen.
  const { policy } = useSharingPolicy(route.view === 'share' && route.ids.length === 1 && !route.card);
  if (route.view === 'links') return <SharingCenterView secrets={secrets} onBack={toList} />;
  if (route.view === 'add') {
    return (
      <SecretForm
        initial={initial}
        save={(draft) => saveSecret(undefined, draft)}
        onCancel={toList}
        onShare={(s) => navigate({ view: 'share', ids: [s.id] })}
        onDone={toList}
      />
    );
  }
  if (route.view === 'share') {
    const chosen = route.ids.map(find).filter((s): s is SecretSummary => !!s?.permissions.share);
    if (chosen.length !== route.ids.length) return <Missing onBack={toList} />;
    return (
      <SharePage
        key={route.ids.join(',')}
        secrets={chosen}
        card={route.card}
        onClose={toList}
        onShared={onShared}
        onRotate={(s) => navigate({ view: 'edit', id: s.id })}
        onExternal={policy?.external ? () => navigate({ view: 'external', id: chosen[0]!.id }) : undefined}
      />
    );
  }
  const secret = find(route.id);
  if (!secret) return <Missing onBack={toList} />;
  const toDetails = () => navigate({ view: 'details', id: secret.id });
  if (route.view === 'external') {
    if (!secret.permissions.share) return <Missing onBack={toList} />;
    return <ExternalShareView key={secret.id} secret={secret} navigate={navigate} />;
  }
  if (route.view === 'access') return <AccessPage secret={secret} meId={meId} onClose={toList} />;
  if (route.view === 'edit') {
    if (!secret.permissions.edit) return <Missing onBack={toList} />;
    return (
      <SecretForm
        key={secret.id}
        secret={secret}
        save={(draft) => saveSecret(secret, draft)}
        onCancel={toDetails}
        onShare={() => undefined}
        onDone={toDetails}
      />
    );
  }
  return (
    <DetailsPage secret={secret} meId={meId} onClose={toList} onAction={onAction}>
      {secret.permissions.share && <SecretLinks key={secret.id} secret={secret} navigate={navigate} />}
    </DetailsPage>
  );
}
