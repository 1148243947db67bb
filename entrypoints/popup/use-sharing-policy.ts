import { useEffect, useState } from 'preact/hooks';
import type { SharingPolicy } from '@/utils/contract';
import { sendMessage } from '@/utils/messaging';
import { errorText } from '@/utils/vault/error-text';

// The last answer, so a second Share screen draws its cards at once; each screen still asks again.
let last: SharingPolicy | undefined;

/**
 * The administrator's sharing options, asked of the worker when a screen needs them (`enabled`). Offline
 * or refused: no policy, and the error in words; the External card then stays hidden.
 */
export function useSharingPolicy(enabled = true): { policy?: SharingPolicy; error?: string } {
  const [state, setState] = useState<{ policy?: SharingPolicy; error?: string }>(() => ({ policy: last }));
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    sendMessage('getSharingPolicy').then(
      (policy) => ((last = policy), live && setState({ policy })),
      (e: unknown) => live && setState({ error: errorText(e) }),
    );
    return () => void (live = false);
  }, [enabled]);
  return enabled ? state : {};
}
