import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RouteViewProps } from './RouteView';
import type { SelectionViewProps } from './SelectionView';
import type { ApprovalsPage } from './ApprovalsPage';
import type { GroupsRouteViewProps } from './GroupsRouteView';

/**
 * A view loaded on first use. The list is what the popup shows first; details, the share panel, the forms
 * and the right-click views are a separate chunk, so the first paint parses only what it draws.
 */
function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function LazyView(props: P) {
    const [View, setView] = useState(() => loaded);
    useEffect(() => {
      if (View) return;
      let live = true;
      (loading ??= load().then((v) => (loaded = v))).then((v) => live && setView(() => v));
      return () => void (live = false);
    }, [View]);
    return View ? <View {...props} /> : null;
  };
}

export const RouteView = lazyView<RouteViewProps>(() => import('./RouteView').then((m) => m.RouteView));
export const SelectionView = lazyView<SelectionViewProps>(() => import('./SelectionView').then((m) => m.SelectionView));
export const ApprovalsView = lazyView<Parameters<typeof ApprovalsPage>[0]>(() =>
  import('./ApprovalsPage').then((m) => m.ApprovalsPage),
);
export const GroupsRouteView = lazyView<GroupsRouteViewProps>(() =>
  import('./GroupsRouteView').then((m) => m.GroupsRouteView),
);
