import { t, type MessageKey } from '@/utils/i18n';
import type { Prefill } from '@/utils/match/prefill';
import { NoMatchIcon } from './icons';
import { useAutoFocus } from './use-autofocus';

export type NoMatchViewProps = {
  /** What the selection would fill in; undefined once taken by an earlier page, or expired. */
  prefill: Prefill | undefined;
  onAdd: (prefill: Prefill) => void;
  onList: () => void;
  /** Value matching is turned off in the settings: a selected client secret could not have been recognised. */
  valueMatchingOff?: boolean;
};

/** What to say about the selection: echoed when it is a name or a URL, never when it may be a secret. */
function described(p: Prefill): [said: string | undefined, goes: MessageKey | undefined] {
  if (p.clientSecret !== undefined) return [t('noMatchSelectedSecret'), 'noMatchGoesToSecret'];
  if (p.url !== undefined) return [t('noMatchSelected', p.url), 'noMatchGoesToUrl'];
  if (p.name !== undefined) return [t('noMatchSelected', p.name), 'noMatchGoesToName'];
  return [undefined, undefined];
}

/**
 * A right-clicked selection matched no API secret: say so, and offer to add it, the selection
 * already in its field.
 */
export function NoMatchView({ prefill, onAdd, onList, valueMatchingOff }: NoMatchViewProps) {
  const add = useAutoFocus<HTMLButtonElement>(!!prefill);
  const [said, goes] = prefill ? described(prefill) : [];
  return (
    <section class="card no-match" aria-labelledby="no-match-title">
      <div class="card__icon">
        <NoMatchIcon />
      </div>
      <h1 id="no-match-title">{t('noMatchTitle')}</h1>
      {valueMatchingOff && <p class="muted">{t('noMatchValueOff')}</p>}
      {prefill ? (
        <>
          {said && <p class="no-match__selected">{said}</p>}
          {goes && <p class="muted">{t(goes)}</p>}
          <button ref={add} type="button" class="primary" onClick={() => onAdd(prefill)}>
            {t('noMatchAdd')}
          </button>
        </>
      ) : (
        <p class="muted">{t('noMatchNothing')}</p>
      )}
      <button type="button" class="link" onClick={onList}>
        {t('showList')}
      </button>
    </section>
  );
}
