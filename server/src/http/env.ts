import type { RequestIdVariables } from 'hono/request-id';
import type { RouteName } from '../../../utils/contract';
import type { Services } from '../services';

export type Caller = { userId: string; tokenHash: string };

/** What every request carries: the services, the client's address, and a lazy session check. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    services: Services;
    /** The contract route being served, once matched. */
    route: RouteName;
    ip: string;
    authenticate: () => Promise<Caller>;
    caller: Caller;
  };
};
