import { routes, routeStatuses, type RouteName } from '../../../utils/contract';

/** Each route's declared statuses, computed once from the route table that the OpenAPI document is made from. */
const declared = new Map<RouteName, Set<number>>(
  (Object.keys(routes) as RouteName[]).map((name) => [name, new Set(routeStatuses(routes[name]))]),
);

/** Whether a contract route may answer with this status; an undeclared one is a bug in the contract or a service. */
export const isDeclared = (route: RouteName, status: number) => declared.get(route)?.has(status) ?? false;
