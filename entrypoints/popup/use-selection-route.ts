import { useEffect, useState } from 'preact/hooks';
import { parseSelectionHash, type SelectionRoute } from '@/utils/match/routes';

/**
 * The right-click view named by `location.hash` (chooser, no match, waiting for unlock), followed as the
 * hash changes; undefined on every other view. Beside issue 4's `useRoute`, which reads these hashes as
 * unknown and leaves them to this hook.
 */
export function useSelectionRoute(): SelectionRoute | undefined {
  const [route, setRoute] = useState(() => parseSelectionHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseSelectionHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
