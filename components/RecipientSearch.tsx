import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { SEARCH_DEBOUNCE_MS } from '@/utils/config';
import type { DirectoryEntry } from '@/utils/contract';
import { t, tCount } from '@/utils/i18n';
import { recipientKey, type RecipientMatches } from '@/utils/share/types';
import { errorText } from '@/utils/vault/error-text';
import { GroupIcon, UserIcon, SearchIcon } from './icons';
import { useDebounced } from './use-debounced';

/** The second line of a result: how to tell two people apart, or how big a group is. */
export function recipientDetail(d: {
  kind: string;
  username?: string | null;
  email?: string | null;
  groupKind?: string | null;
  memberCount?: number | null;
}): string {
  if (d.kind === 'user') return [d.username, d.email].filter(Boolean).join(' · ');
  const kind = d.groupKind === 'private' ? t('privateGroupLabel') : t('groupLabel');
  return d.memberCount == null ? kind : `${kind} · ${tCount(d.memberCount, 'membersOne', 'membersOther')}`;
}

type Results = { q: string; items: DirectoryEntry[]; matchesYou?: boolean; error?: string };

/** Asks the directory for a query (the page wires it to the worker). */
export type SearchRecipients = (q: string) => Promise<RecipientMatches>;

/**
 * The share panel's one search box: users by name, username or email, and groups (user groups and
 * the user's private groups), as a combobox with a listbox of results: arrows move, Enter adds, Escape
 * closes the results (then clears the box; only then does it leave the panel). The results push the list
 * down rather than cover it. Those already on the panel are hidden, and a query that finds the user
 * themself says so. Answers to older queries are dropped.
 */
export function RecipientSearch({
  search,
  listed,
  onAdd,
  autoFocus,
  usersOnly,
}: {
  search: SearchRecipients;
  listed: ReadonlySet<string>;
  onAdd: (d: DirectoryEntry) => void;
  autoFocus?: boolean;
  /** Offer people only (a group's members are users, never groups). */
  usersOnly?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [results, setResults] = useState<Results>();
  const [dismissed, setDismissed] = useState(false);
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  // The newest callback, without searching again when only the page re-rendered.
  const latest = useRef(search);
  latest.current = search;
  useLayoutEffect(() => void (autoFocus && input.current?.focus()), [autoFocus]);
  // A layout effect: the question leaves as soon as the settled query is rendered, not a frame later.
  useLayoutEffect(() => {
    if (!q) return setResults(undefined);
    let live = true;
    latest.current(q).then(
      (found) => live && (setResults({ q, items: found.results, matchesYou: found.matchesYou }), setActive(0)),
      (e: unknown) => live && setResults({ q, items: [], error: errorText(e) }),
    );
    return () => void (live = false);
  }, [q]);

  const shown = (results?.items ?? []).filter(
    (d) => !listed.has(recipientKey(d.kind, d.id)) && (!usersOnly || d.kind === 'user'),
  );
  const open = !!text.trim() && !!results && shown.length > 0 && !dismissed;
  const current = Math.min(active, shown.length - 1);
  const optionId = (i: number) => `${id}-opt-${i}`;
  const pending = !!text.trim() && results?.q !== text.trim();

  function pick(d: DirectoryEntry | undefined) {
    if (!d) return;
    onAdd(d);
    setText('');
    setResults(undefined);
    input.current?.focus();
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' && open) setActive(Math.min(shown.length - 1, current + 1));
    else if (e.key === 'ArrowUp' && open) setActive(Math.max(0, current - 1));
    else if (e.key === 'Enter' && open) pick(shown[current]);
    else if (e.key === 'Escape' && open) setDismissed(true);
    else if (e.key === 'Escape' && text) setText('');
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  let status = '';
  if (pending) status = t('searching');
  else if (results?.error) status = results.error;
  else if (results && !shown.length && results.matchesYou) status = t('searchMatchesYou');
  else if (results && !shown.length) status = t('noRecipientMatch', results.q);
  else if (results) status = tCount(shown.length, 'recipientResultsOne', 'recipientResultsOther');

  return (
    <div class="rsearch">
      <div class="search rsearch__box">
        <SearchIcon />
        <input
          ref={input}
          type="search"
          role="combobox"
          // No datalist: the listbox is ours. ARIA in HTML allows a search combobox without one, Preact 11's
          // input types only with a `list` attribute; undefined renders none.
          list={undefined}
          aria-label={t(usersOnly ? 'peopleSearchLabel' : 'recipientSearchLabel')}
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open ? optionId(current) : undefined}
          placeholder={t(usersOnly ? 'peopleSearchPlaceholder' : 'recipientSearchPlaceholder')}
          autocomplete="off"
          value={text}
          onInput={(e) => (setText(e.currentTarget.value), setDismissed(false))}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label={t(usersOnly ? 'peopleSearchLabel' : 'recipientSearchLabel')}
        class="rsearch__list"
        hidden={!open}
      >
        {open &&
          shown.map((d, i) => (
            <li
              key={recipientKey(d.kind, d.id)}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              class={i === current ? 'rsearch__opt rsearch__opt--active' : 'rsearch__opt'}
              onMouseDown={(e) => e.preventDefault() /* keep focus in the box */}
              onClick={() => pick(d)}
            >
              {d.kind === 'user' ? <UserIcon /> : <GroupIcon />}
              <span class="access__who">
                <span class="access__name" title={d.name}>
                  {d.name}
                </span>
                <span class="access__sub" title={recipientDetail(d)}>
                  {recipientDetail(d)}
                </span>
              </span>
            </li>
          ))}
      </ul>
      <p class={results?.error ? 'rsearch__status form-error' : 'rsearch__status muted'} role="status">
        {text.trim() && !open && !dismissed ? status : open ? <span class="sr-only">{status}</span> : ''}
      </p>
      {open && results?.matchesYou && <p class="rsearch__status muted">{t('searchMatchesYou')}</p>}
    </div>
  );
}
