import type { ComponentChild } from 'preact';
import type { DirectoryEntry } from '@/utils/contract';
import type { NewMember } from '@/utils/groups/types';
import { t } from '@/utils/i18n';
import { recipientKey } from '@/utils/share/types';
import { TrashIcon, UserIcon } from './icons';

/** The recipient search, supplied by the page (it talks to the worker): people only, those listed hidden. */
export type MemberSearch = (props: {
  listed: ReadonlySet<string>;
  onAdd: (d: DirectoryEntry) => void;
}) => ComponentChild;

/** A person found by the search, as a member to add. */
export const toNewMember = (d: DirectoryEntry): NewMember | undefined =>
  d.kind === 'user' ? { id: d.id, name: d.name, publicKey: d.publicKey } : undefined;

/**
 * People about to be added to a group: the share panel's search above, then the list, each taken off with
 * its trash button. `already` are the group's current members, which the search does not offer again.
 */
export function MemberPicker({
  picked,
  onChange,
  search,
  already = [],
  labelledBy,
  empty = t('noMembersYet'),
}: {
  picked: readonly NewMember[];
  onChange: (next: NewMember[]) => void;
  search: MemberSearch;
  already?: readonly string[];
  labelledBy: string;
  /** What the empty list says. */
  empty?: string;
}) {
  const listed = new Set([...already, ...picked.map((p) => p.id)].map((id) => recipientKey('user', id)));
  const add = (d: DirectoryEntry) => {
    const m = toNewMember(d);
    if (m && !picked.some((p) => p.id === m.id)) onChange([...picked, m]);
  };
  return (
    <div class="member-picker">
      {search({ listed, onAdd: add })}
      {picked.length ? (
        <ul class="recipients" aria-labelledby={labelledBy}>
          {picked.map((p) => (
            <li key={p.id} class="recipient">
              <div class="recipient__head">
                <UserIcon />
                <span class="access__who">
                  <span class="access__name">{p.name}</span>
                </span>
                <button
                  type="button"
                  class="icon-button recipient__remove"
                  aria-label={t('removeFromList', p.name)}
                  title={t('removeFromList', p.name)}
                  onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
                >
                  <TrashIcon />
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted recipients__empty">{empty}</p>
      )}
    </div>
  );
}
