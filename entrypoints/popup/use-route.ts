import { useCallback, useEffect, useState } from 'preact/hooks';
import { parseRoute, routeHash, type PopupRoute } from '@/utils/popup-route';

/** Goes to a view; `replace` when Back should not return to the view being left (it has done its work). */
export type Navigate = (route: PopupRoute, opts?: { replace?: boolean }) => void;

const read = (): PopupRoute => parseRoute(location.hash) ?? { view: 'list' };

/**
 * The current view from `location.hash`, followed as it changes (links, Back, the worker opening the popup
 * on a view). Unknown hashes read as the list. Navigating pushes a history entry unless told to replace.
 */
export function useRoute(): [PopupRoute, Navigate] {
  const [route, setRoute] = useState<PopupRoute>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback<Navigate>((next, opts) => {
    const hash = routeHash(next);
    if (opts?.replace) location.replace(hash);
    else if (location.hash !== hash) location.hash = hash;
    setRoute(next);
  }, []);
  return [route, navigate];
}
