import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging';

const NONE: ReadonlySet<string> = new Set();

/**
 * The secrets shared with the user since the popup was last opened. Taken from the worker once the
 * list can be seen (unlocked), which clears the badge; the rows stay marked until the next opening.
 */
export function useNewShares(unlocked: boolean): ReadonlySet<string> {
  const [ids, setIds] = useState(NONE);
  useEffect(() => {
    if (unlocked)
      sendMessage('takeNewShares').then(
        (taken) => taken?.length && setIds(new Set(taken)),
        () => undefined,
      );
  }, [unlocked]);
  return ids;
}
