import type { RouteName, RouteResponse } from '@/utils/contract';
import type { CallInput, VaultClient } from '@/utils/vault/client';

type Handler = (input: CallInput<RouteName>) => unknown;

/**
 * A VaultClient answering from in-memory handlers, one per route; a route without one fails the test.
 * Every call is recorded, so tests can check what was asked (for example the sync cursor).
 */
export function fakeClient(handlers: Partial<Record<RouteName, Handler>>) {
  const calls: { name: RouteName; input: CallInput<RouteName> }[] = [];
  const client: VaultClient = {
    async call<N extends RouteName>(name: N, input: CallInput<N> = {}): Promise<RouteResponse<N>> {
      calls.push({ name, input: input as CallInput<RouteName> });
      const handler = handlers[name];
      if (!handler) throw new Error(`unexpected call to ${name}`);
      return (await handler(input as CallInput<RouteName>)) as RouteResponse<N>;
    },
  };
  return { client, calls };
}
