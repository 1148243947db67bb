import type { Services } from '../services';

export type Caller = { userId: string; tokenHash: string };

/** What every request carries: the services, the client's address, and a lazy session check. */
export type AppEnv = {
  Variables: {
    services: Services;
    ip: string;
    authenticate: () => Promise<Caller>;
    caller: Caller;
  };
};
