import { useEffect, useState } from 'preact/hooks';
import { NoMatchView } from '@/components/NoMatchView';
import { SelectionChooser } from '@/components/SelectionChooser';
import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import type { Prefill } from '@/utils/match/prefill';
import { targetFor, type SelectionRoute } from '@/utils/match/routes';
import { sendMessage } from '@/utils/messaging';

export type SelectionViewProps = {
  route: SelectionRoute;
  secrets: readonly SecretSummary[];
  meId: string;
  /** Opens the Add form with the selection in its field (issue 4's `#/add`). */
  onAdd: (prefill: Prefill) => void;
};

const toList = () => (location.hash = '#/');

/** Takes the unmatched selection from the worker, once; `null` while it is on its way. */
function usePrefill(token: string): Prefill | undefined | null {
  const [prefill, setPrefill] = useState<Prefill | undefined | null>(null);
  useEffect(() => {
    sendMessage('takePrefill', { token }).then(setPrefill, () => setPrefill(undefined));
  }, [token]);
  return prefill;
}

/** The unlock has happened (the page only renders this when unlocked): the action carries on. */
function Pending({ token }: { token: string }) {
  useEffect(() => {
    // `replace`: Back should not land on a view that has already done its work.
    sendMessage('resumeSelection', { token }).then(
      (hash) => location.replace(hash || '#/'),
      () => location.replace('#/'),
    );
  }, [token]);
  return (
    <p class="empty" role="status" aria-busy="true">
      {t('pendingTitle')}
    </p>
  );
}

function NoMatch({ token, onAdd }: { token: string; onAdd: (p: Prefill) => void }) {
  const prefill = usePrefill(token);
  return prefill === null ? null : <NoMatchView prefill={prefill} onAdd={onAdd} onList={toList} />;
}

/** The popup's right-click views (F11, F12): the chooser, no match, and the action resumed after unlock. */
export function SelectionView({ route, secrets, meId, onAdd }: SelectionViewProps) {
  if (route.view === 'pending') return <Pending token={route.token} />;
  if (route.view === 'no-match') return <NoMatch token={route.token} onAdd={onAdd} />;
  const { kind } = route;
  const pick = (id: string) => {
    const secret = secrets.find((s) => s.id === id);
    if (secret) location.hash = targetFor(kind, secret);
  };
  return <SelectionChooser kind={kind} ids={route.ids} total={route.total} secrets={secrets} meId={meId} onPick={pick} onList={toList} />;
}
