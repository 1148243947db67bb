import type { AccessList } from '@/utils/contract';
import {
  entryToPanel,
  recipientKey,
  type PanelEntry,
  type RecipientKey,
  type ShareChanges,
  type ShareItem,
  type ShareRequest,
} from './types';

/**
 * The panel's lines for one or several secrets: for one, its list; for a batch, the recipients every
 * selected secret has (Can edit when it has it on all of them), since only those can be changed for all.
 */
export function commonEntries(lists: readonly AccessList[]): PanelEntry[] {
  const [first, ...rest] = lists;
  if (!first) return [];
  return first.entries.map(entryToPanel).flatMap((e) => {
    const key = recipientKey(e.kind, e.id);
    const others = rest.map((l) => l.entries.find((x) => recipientKey(x.recipientKind, x.recipientId) === key));
    if (others.some((o) => !o)) return [];
    return [{ ...e, canEdit: e.canEdit && others.every((o) => o!.canEdit) }];
  });
}

/** The lines the panel shows: the current ones minus the removed, with their new permissions, then the added. */
export function panelEntries(current: readonly PanelEntry[], changes: ShareChanges): PanelEntry[] {
  const kept = current
    .filter((e) => !changes.removed.includes(recipientKey(e.kind, e.id)))
    .map((e) => ({ ...e, canEdit: changes.canEdit[recipientKey(e.kind, e.id)] ?? e.canEdit }));
  return [...kept, ...changes.added];
}

/** Whether applying the changes would change anything at all (the Share button is enabled only then). */
export function hasChanges(current: readonly PanelEntry[], changes: ShareChanges): boolean {
  if (changes.added.length || changes.removed.length) return true;
  return current.some((e) => {
    const next = changes.canEdit[recipientKey(e.kind, e.id)];
    return next !== undefined && next !== e.canEdit;
  });
}

/** One secret's new list: its own current entries with the changes applied (a batch keeps what differs). */
function itemFor(list: AccessList, changes: ShareChanges): ShareItem {
  const added = new Map(changes.added.map((a) => [recipientKey(a.kind, a.id), a]));
  const entries = list.entries
    .filter((e) => !changes.removed.includes(recipientKey(e.recipientKind, e.recipientId)))
    .map((e) => {
      const key = recipientKey(e.recipientKind, e.recipientId);
      const canEdit = added.get(key)?.canEdit ?? changes.canEdit[key] ?? e.canEdit;
      added.delete(key);
      return { recipientKind: e.recipientKind, recipientId: e.recipientId, canEdit };
    });
  for (const a of added.values()) entries.push({ recipientKind: a.kind, recipientId: a.id, canEdit: a.canEdit });
  return { secretId: list.secretId, baseRevision: list.accessRevision, entries };
}

/** The request the worker applies: every secret's new list, and the public keys of the added recipients. */
export function shareRequest(
  lists: readonly AccessList[],
  changes: ShareChanges,
  confirmed?: ShareRequest['confirmed'],
): ShareRequest {
  const keys: ShareRequest['keys'] = {};
  for (const a of changes.added)
    if (a.publicKey) keys[recipientKey(a.kind, a.id)] = { name: a.name, publicKey: a.publicKey };
  return { items: lists.map((l) => itemFor(l, changes)), keys, ...(confirmed ? { confirmed } : {}) };
}

/** Names of the recipients removed by these changes (for the reminder that they may still hold the value). */
export function removedNames(current: readonly PanelEntry[], changes: ShareChanges): string[] {
  return current.filter((e) => changes.removed.includes(recipientKey(e.kind, e.id))).map((e) => e.name);
}

/** A recipient named in the outcome, with the permission they have now. */
export type NamedPermission = { name: string; canEdit: boolean };

/** What a share did, to say it after "Shared": who was added, whose permission changed, who was removed. */
export type ShareSummary = { added: NamedPermission[]; changed: NamedPermission[]; removed: string[] };

export function shareSummary(current: readonly PanelEntry[], changes: ShareChanges): ShareSummary {
  const changed = current.flatMap((e) => {
    const next = changes.canEdit[recipientKey(e.kind, e.id)];
    const gone = changes.removed.includes(recipientKey(e.kind, e.id));
    return next === undefined || next === e.canEdit || gone ? [] : [{ name: e.name, canEdit: next }];
  });
  return {
    added: changes.added.map((a) => ({ name: a.name, canEdit: a.canEdit })),
    changed,
    removed: removedNames(current, changes),
  };
}

export type { RecipientKey };
