import { useMemo } from 'preact/hooks';
import type { SecretSummary } from '@/utils/contract';
import { ExternalShare } from '@/components/ExternalShare';
import { ExternalShares } from '@/components/ExternalShares';
import { SharingCenter } from '@/components/SharingCenter';
import { useExternalLink } from './use-external-link';
import { useSharingCenter } from './use-sharing-center';
import { useSharingPolicy } from './use-sharing-policy';
import type { Navigate } from './use-route';

/** The External card's screen, wired to the worker. */
export function ExternalShareView({ secret, navigate }: { secret: SecretSummary; navigate: Navigate }) {
  const { policy, error: policyError } = useSharingPolicy();
  const link = useExternalLink();
  return (
    <ExternalShare
      secret={secret}
      policy={policy}
      error={link.error ?? policyError}
      created={link.created}
      busy={link.busy}
      note={link.note}
      onCreate={link.create}
      onCopyLink={link.copyLink}
      onCopyCode={link.copyCode}
      onEmail={link.email}
      onCenter={() => navigate({ view: 'links' })}
      onClose={() => navigate(link.created ? { view: 'list' } : { view: 'share', ids: [secret.id] })}
    />
  );
}

/** The sharing center, wired to the worker; the list of secrets says which links are paused (secret disabled). */
export function SharingCenterView({ secrets, onBack }: { secrets: readonly SecretSummary[]; onBack: () => void }) {
  const center = useSharingCenter();
  const disabledIds = useMemo(() => new Set(secrets.filter((s) => s.status !== 'enabled').map((s) => s.id)), [secrets]);
  return <SharingCenter {...center} disabledIds={disabledIds} onBack={onBack} />;
}

/** A secret's active external shares in its details; only its owner can have made any. */
export function SecretLinks({ secret, navigate }: { secret: SecretSummary; navigate: Navigate }) {
  const { links } = useSharingCenter(secret.id);
  return links ? (
    <ExternalShares links={links} paused={secret.status !== 'enabled'} onManage={() => navigate({ view: 'links' })} />
  ) : null;
}
