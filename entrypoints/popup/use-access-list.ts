import { useEffect, useState } from 'preact/hooks';
import type { AccessState } from '@/components/AccessList';
import { sendMessage } from '@/utils/messaging';
import { errorText } from '@/utils/vault/error-text';

/**
 * A secret's access list from the worker, fetched again whenever the secret's access revision moves (a
 * share here, or a sync bringing someone else's change).
 */
export function useAccessList(secretId: string, accessRevision: number): AccessState {
  const [state, setState] = useState<AccessState>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    sendMessage('getAccessList', { secretId }).then(
      (result) => live && setState({ result, loading: false }),
      (e: unknown) => live && setState({ error: errorText(e), loading: false }),
    );
    return () => void (live = false);
  }, [secretId, accessRevision]);
  return state;
}
