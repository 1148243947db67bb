import type { JSX } from 'preact';
import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';

export type SecretRowProps = {
  id: string;
  secret: SecretSummary;
  meId: string;
  active: boolean;
  style: JSX.CSSProperties;
  onOpen: () => void;
};

/**
 * One API secret in the list: name, Shared Yes/No, URL, tags, owner and status. The right-hand column is
 * kept free for the row's actions menu.
 */
export function SecretRow({ id, secret, meId, active, style, onOpen }: SecretRowProps) {
  const owner = secret.owner.id === meId ? t('ownerYou') : secret.owner.name;
  const disabled = secret.status === 'disabled';
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      class={`row${active ? ' row--active' : ''}${disabled ? ' row--disabled' : ''}`}
      style={style}
      onMouseDown={(e) => e.preventDefault() /* keep focus in the search box */}
      onClick={onOpen}
    >
      <div class="row__main">
        <div class="row__line">
          <span class="row__name">{secret.name}</span>
          <span class={`pill ${secret.shared ? 'pill--yes' : 'pill--no'}`}>{t('sharedLabel')}: {secret.shared ? t('yes') : t('no')}</span>
        </div>
        <div class="row__url">{secret.url}</div>
        <div class="row__line row__meta">
          <span class="row__tags">
            {secret.tags.map((tag) => (
              <span key={tag} class="tag">
                {tag}
              </span>
            ))}
          </span>
          <span class="row__owner">
            {t('ownerLabel')}: {owner}
            {' · '}
            <span class={disabled ? 'status status--disabled' : 'status'}>{disabled ? t('statusDisabled') : t('statusEnabled')}</span>
          </span>
        </div>
      </div>
      <div class="row__actions" aria-hidden="true" />
    </div>
  );
}
