import type { Handlers, SyncProtocol } from '@/utils/messaging';
import type { SyncEngine } from '@/utils/sync';

/** A page asks for fresh data (the popup does on opening): a sync pass, queued after a running one. */
export function createSyncHandlers(engine: SyncEngine): Handlers<SyncProtocol> {
  return { sync: () => engine.run() };
}
