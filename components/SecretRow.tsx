import type { CSSProperties } from 'preact';
import type { SecretSummary } from '@/utils/contract';
import { t } from '@/utils/i18n';
import { accessSummary } from './access-summary';
import { PeopleIcon, WarningIcon } from './icons';

export type SecretRowProps = {
  id: string;
  secret: SecretSummary;
  meId: string;
  active: boolean;
  style: CSSProperties;
  onOpen: () => void;
  /** Shared with the user since the popup was last opened. */
  isNew?: boolean;
  /** Opens who-has-access: a click on the row's access summary. */
  onAccess?: () => void;
  /** Two lines (name and Shared; URL and who has access) instead of four. */
  compact?: boolean;
};

/**
 * One API secret in the list: name, Shared Yes/No, URL, tags, owner and status, who has access in one
 * line, and a New mark for what was shared since the popup was last opened. Compact rows keep name,
 * Shared, URL and who has access (which names the owner of what others shared), and say Disabled. The
 * right-hand column is kept free for the row's actions menu.
 */
export function SecretRow({ id, secret, meId, active, style, onOpen, isNew, onAccess, compact }: SecretRowProps) {
  const owner = secret.owner.id === meId ? t('ownerYou') : secret.owner.name;
  const access = accessSummary(secret, meId);
  const disabled = secret.status === 'disabled';
  const accessLine = (
    // Text, not a button: an option's children are presentational. Keyboard users have the row menu's "Who has access?".
    <span
      class={onAccess ? 'row__access row__access--link' : 'row__access'}
      title={onAccess ? t('accessSummaryLabel', access) : access}
      onClick={onAccess && ((e) => (e.stopPropagation(), onAccess()))}
    >
      <PeopleIcon />
      <span class="row__access-text">{access}</span>
    </span>
  );
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      class={`row${compact ? ' row--compact' : ''}${active ? ' row--active' : ''}${disabled ? ' row--disabled' : ''}`}
      style={style}
      onMouseDown={(e) => e.preventDefault() /* keep focus in the search box */}
      onClick={onOpen}
    >
      <div class="row__main">
        <div class="row__line">
          <span class="row__name" title={secret.name}>
            {secret.name}
          </span>
          {isNew && (
            <>
              <span class="new-mark" aria-hidden="true" title={t('newMarkLabel')}>
                {t('newMark')}
              </span>
              <span class="sr-only">{t('newMarkLabel')}</span>
            </>
          )}
          {compact && disabled && <span class="status status--disabled">{t('statusDisabled')}</span>}
          {compact && secret.readableByDisabledUser && (
            <span class="row__rotate-mark" title={t('rotateReminderDisabledUser')}>
              <WarningIcon />
              <span class="sr-only">{t('rotateReminderDisabledUser')}</span>
            </span>
          )}
          <span class={`pill ${secret.shared ? 'pill--yes' : 'pill--no'}`}>
            {t('sharedLabel')}: {secret.shared ? t('yes') : t('no')}
          </span>
        </div>
        {compact ? (
          <div class="row__line row__meta">
            <span class="row__url" title={secret.url}>
              {secret.url}
            </span>
            {accessLine}
          </div>
        ) : (
          <>
            <div class="row__url" title={secret.url}>
              {secret.url}
            </div>
            {secret.readableByDisabledUser && <div class="row__rotate">{t('rotateReminderDisabledUser')}</div>}
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
                <span class={disabled ? 'status status--disabled' : 'status'}>
                  {disabled ? t('statusDisabled') : t('statusEnabled')}
                </span>
              </span>
            </div>
            {accessLine}
          </>
        )}
      </div>
      <div class="row__actions" aria-hidden="true" />
    </div>
  );
}
