import { useEffect, useRef } from 'preact/hooks';
import type { SecretSummary } from '@/utils/contract';
import { formatWhen, t, type MessageKey } from '@/utils/i18n';
import { BackIcon } from './icons';

type Field = [MessageKey, string];

/**
 * An API secret's descriptive fields, read-only, opened from the list with Enter or a click. Escape or
 * Back returns to the list with its search and selection intact.
 */
export function SecretDetails({ secret, meId, onClose }: { secret: SecretSummary; meId: string; onClose: () => void }) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), [secret.id]);
  const person = (u: { id: string; name: string }) => (u.id === meId ? t('ownerYou') : u.name);
  const fields: Field[] = [
    ['fieldUrl', secret.url],
    ['fieldClientId', secret.clientId],
    ['fieldIdentifier', secret.identifier ?? '—'],
    ['fieldMethod', secret.method],
    ['fieldTags', secret.tags.join(', ') || '—'],
    ['ownerLabel', person(secret.owner)],
    ['fieldStatus', secret.status === 'enabled' ? t('statusEnabled') : t('statusDisabled')],
    ['sharedLabel', secret.shared ? t('yes') : t('no')],
    ['fieldCreated', t('byAt', person(secret.createdBy), formatWhen(secret.createdAt))],
    ['fieldChanged', t('byAt', person(secret.updatedBy), formatWhen(secret.updatedAt))],
    ['fieldLastUse', secret.lastUsedAt ? formatWhen(secret.lastUsedAt) : t('never')],
    ['fieldNotes', secret.notes || '—'],
  ];
  return (
    <section
      class="details"
      aria-labelledby="details-title"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
    >
      <header class="details__head">
        <button ref={back} type="button" class="icon-button" aria-label={t('back')} title={t('back')} onClick={onClose}>
          <BackIcon />
        </button>
        <h2 id="details-title">{secret.name}</h2>
      </header>
      <dl class="details__fields">
        {fields.map(([label, value]) => (
          <div key={label} class="details__field">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
