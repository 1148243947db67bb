import type { SecretSummary } from '@/utils/contract';
import { t, tCount } from '@/utils/i18n';
import type { SelectionKind } from '@/utils/popup-route';
import { accessSummary } from './access-summary';
import { BackIcon, PeopleIcon } from './icons';
import { useAutoFocus } from './use-autofocus';

export type SelectionChooserProps = {
  kind: SelectionKind;
  /** The matches to offer, in order (at most a dozen), and how many there were in all. */
  ids: readonly string[];
  total: number;
  secrets: readonly SecretSummary[];
  meId: string;
  onPick: (id: string) => void;
  onList: () => void;
};

/**
 * Several API secrets match a right-clicked selection: a short list to pick the one meant, each
 * with its URL and who has access, so look-alikes (production and test) are told apart.
 */
export function SelectionChooser({ kind, ids, total, secrets, meId, onPick, onList }: SelectionChooserProps) {
  const byId = new Map(secrets.map((s) => [s.id, s]));
  const found = ids.map((id) => byId.get(id)).filter((s): s is SecretSummary => !!s);
  // Enabled once the rows exist: the list may still be loading from the cache on the first render.
  const first = useAutoFocus<HTMLButtonElement>(found.length > 0);
  return (
    <section class="chooser" aria-labelledby="chooser-title">
      <header class="details__head">
        <button type="button" class="icon-button" aria-label={t('showList')} title={t('showList')} onClick={onList}>
          <BackIcon />
        </button>
        <h2 id="chooser-title">{t(kind === 'share' ? 'chooserTitleShare' : 'chooserTitleAccess')}</h2>
      </header>
      <p class="chooser__intro muted">
        {found.length ? tCount(total, 'chooserCountOne', 'chooserCountOther') : t('chooserGone')}
      </p>
      <ul class="chooser__list">
        {found.map((s, i) => (
          <li key={s.id}>
            <button type="button" class="choice" ref={i === 0 ? first : undefined} onClick={() => onPick(s.id)}>
              <span class="choice__name" title={s.name}>
                {s.name}
              </span>
              <span class="choice__url" title={s.url}>
                {s.url}
              </span>
              <span class="choice__access">
                <PeopleIcon />
                {accessSummary(s, meId)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {total > found.length && found.length > 0 && (
        <p class="chooser__more muted small">{tCount(found.length, 'chooserMoreOne', 'chooserMoreOther')}</p>
      )}
    </section>
  );
}
