import type { Handlers, SelectionProtocol } from '@/utils/messaging';
import type { VaultSession } from '@/utils/session';
import { VaultError } from '@/utils/vault/errors';
import type { ValueIndexStatus } from '@/utils/match/indexer';
import type { Handoff } from '../handoff';
import type { SelectionHandler } from '../selection';

export type SelectionHandlerDeps = {
  session: () => VaultSession;
  handoff: Handoff;
  selection: SelectionHandler;
  valueIndex: () => ValueIndexStatus;
  /** A page is being scrolled (the value index build waits). */
  pageScrolling?: () => void;
};

/** What the right-click flow left for the page it opened: taken once, and only while unlocked. */
export function createSelectionHandlers({
  session,
  handoff,
  selection,
  valueIndex,
  pageScrolling = () => undefined,
}: SelectionHandlerDeps): Handlers<SelectionProtocol> {
  const unlocked = () => {
    if (!session().unlocked()) throw new VaultError('locked');
  };
  return {
    takePrefill: ({ token }) => (unlocked(), handoff.take('prefill', token)),
    resumeSelection: ({ token }) => (unlocked(), selection.resume(token)),
    getValueIndexStatus: () => valueIndex(),
    pageScrolling: () => pageScrolling(),
  };
}
