import { useEffect, useState } from 'preact/hooks';
import { NoMatchView } from '@/components/NoMatchView';
import { SelectionChooser } from '@/components/SelectionChooser';
import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import type { Prefill } from '@/utils/match/prefill';
import { sendMessage } from '@/utils/messaging';
import { parseRoute, targetFor, type SelectionRoute } from '@/utils/popup-route';
import { readSettings } from '@/utils/session/store';
import type { Navigate } from './use-route';

export type SelectionViewProps = {
  route: SelectionRoute;
  secrets: readonly SecretSummary[];
  meId: string;
  /** Opens the Add form with the selection in its field. */
  onAdd: (prefill: Prefill) => void;
  navigate: Navigate;
};

/** Takes the unmatched selection from the worker, once; `null` while it is on its way. */
function usePrefill(token: string): Prefill | undefined | null {
  const [prefill, setPrefill] = useState<Prefill | undefined | null>(null);
  useEffect(() => {
    sendMessage('takePrefill', { token }).then(setPrefill, () => setPrefill(undefined));
  }, [token]);
  return prefill;
}

/** The unlock has happened (the page only renders this when unlocked): the action carries on. */
function Pending({ token, navigate }: { token: string; navigate: Navigate }) {
  useEffect(() => {
    // `replace`: Back should not land on a view that has already done its work.
    const go = (hash: string) => navigate(parseRoute(hash) ?? { view: 'list' }, { replace: true });
    sendMessage('resumeSelection', { token }).then(go, () => go(''));
  }, [token, navigate]);
  return (
    <p class="empty" role="status" aria-busy="true">
      {t('pendingTitle')}
    </p>
  );
}

/** Whether right-click matching by value is turned off (read from the settings, as the worker does). */
function useValueMatchingOff(): boolean {
  const [off, setOff] = useState(false);
  useEffect(() => void readSettings().then((s) => setOff(!s.matchByValue)), []);
  return off;
}

function NoMatch({ token, onAdd, onList }: { token: string; onAdd: (p: Prefill) => void; onList: () => void }) {
  const prefill = usePrefill(token);
  const off = useValueMatchingOff();
  return prefill === null ? null : (
    <NoMatchView prefill={prefill} onAdd={onAdd} onList={onList} valueMatchingOff={off} />
  );
}

/** The popup's right-click views: the chooser, no match, and the action resumed after unlock. */
export function SelectionView({ route, secrets, meId, onAdd, navigate }: SelectionViewProps) {
  const toList = () => navigate({ view: 'list' });
  if (route.view === 'pending') return <Pending token={route.token} navigate={navigate} />;
  if (route.view === 'no-match') return <NoMatch token={route.token} onAdd={onAdd} onList={toList} />;
  const { kind } = route;
  const pick = (id: string) => {
    const secret = secrets.find((s) => s.id === id);
    if (secret) navigate(targetFor(kind, secret));
  };
  return (
    <SelectionChooser
      kind={kind}
      ids={route.ids}
      total={route.total}
      secrets={secrets}
      meId={meId}
      onPick={pick}
      onList={toList}
    />
  );
}
