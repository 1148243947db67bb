import type { SecretSummary } from '@/utils/contract';
import { matchSelection } from '@/utils/match';
import { prefillFromSelection } from '@/utils/match/prefill';
import { CHOOSER_MAX } from '@/utils/config';
import { routeHash, targetFor, type SelectionKind } from '@/utils/popup-route';
import type { SessionStatus } from '@/utils/session';
import type { Handoff } from './handoff';

/** A right-click that arrived while the vault was locked, waiting for the unlock. */
export type PendingSelection = { kind: SelectionKind; text: string };

export type SelectionDeps = {
  status: () => SessionStatus['state'];
  /** Every cached API secret (metadata only). */
  secrets: () => Promise<SecretSummary[]>;
  /** The secrets whose client secret is the text, from the keyed value index. */
  lookupValue: (text: string) => Promise<string[]>;
  handoff: Handoff;
  /** Shows a popup view (`#/share/<id>`…; '' for the list). */
  open: (hash: string) => Promise<unknown>;
};

/**
 * The right-click flow: a selection becomes the view to show. The menu listener and the
 * end-to-end test both call {@link SelectionHandler.handleSelection}.
 */
export function createSelectionHandler(deps: SelectionDeps) {
  /** One match: its share panel or access view; several: the chooser; none: the offer to add it. */
  async function resolve(kind: SelectionKind, text: string): Promise<string> {
    const [secrets, valueIds] = await Promise.all([deps.secrets(), deps.lookupValue(text)]);
    const { ids } = matchSelection(text, secrets, valueIds);
    const byId = new Map(secrets.map((s) => [s.id, s]));
    if (ids.length === 1) return routeHash(targetFor(kind, byId.get(ids[0]!)!));
    if (ids.length > 1) {
      const sorted = [...ids].sort((a, b) => (byId.get(a)?.name ?? '').localeCompare(byId.get(b)?.name ?? ''));
      return routeHash({ view: 'choose', kind, ids: sorted.slice(0, CHOOSER_MAX), total: ids.length });
    }
    // The selection may be a client secret: it stays here, and the page takes it with the token.
    const token = await deps.handoff.put('prefill', prefillFromSelection(text));
    return routeHash({ view: 'no-match', kind, token });
  }

  return {
    resolve,
    /**
     * Acts on a selection: signed out, the popup (it offers sign-in); locked, the unlock prompt, with the
     * action kept for after it (values can only be matched once unlocked); otherwise the matched view.
     * @returns the hash of the view it opened
     */
    async handleSelection(kind: SelectionKind, selectionText: string): Promise<string> {
      const state = deps.status();
      let hash = '';
      if (state === 'locked')
        hash = routeHash({
          view: 'pending',
          token: await deps.handoff.put('pending', { kind, text: selectionText } satisfies PendingSelection),
        });
      else if (state === 'unlocked') hash = await resolve(kind, selectionText);
      await deps.open(hash);
      return hash;
    },
    /** The page that showed the unlock prompt continues: the view the action leads to ('' if it expired). */
    async resume(token: string): Promise<string> {
      const pending = await deps.handoff.take<PendingSelection>('pending', token);
      return pending ? resolve(pending.kind, pending.text) : '';
    },
  };
}

export type SelectionHandler = ReturnType<typeof createSelectionHandler>;
