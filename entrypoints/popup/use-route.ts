import { useCallback, useEffect, useState } from 'preact/hooks';
import { parseRoute, routeHash, type PopupRoute } from './route';

/**
 * The current view from `location.hash`, followed as it changes (links, Back, another page opening the
 * popup on a view). Unknown hashes read as the list. Navigating pushes a history entry.
 */
export function useRoute(): [PopupRoute, (route: PopupRoute) => void] {
  const read = () => parseRoute(location.hash) ?? { view: 'list' as const };
  const [route, setRoute] = useState<PopupRoute>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: PopupRoute) => {
    const hash = routeHash(next);
    if (location.hash !== hash) location.hash = hash;
    setRoute(next);
  }, []);
  return [route, navigate];
}
