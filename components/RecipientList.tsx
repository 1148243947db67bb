import { useId, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { recipientKey, type PanelEntry, type RecipientKey } from '@/utils/share/types';
import { GroupIcon, TrashIcon, UserIcon } from './icons';
import { ConfirmDialog } from './ConfirmDialog';
import { recipientDetail } from './RecipientSearch';

type ItemProps = {
  entry: PanelEntry;
  isNew: boolean;
  onCanEdit: (v: boolean) => void;
  onRemove: () => void;
  canViewHint: string;
};

/** One recipient: who, Can view (always, while listed: said in words above the list), Can edit, and the trash icon. */
function RecipientItem({ entry, isNew, onCanEdit, onRemove, canViewHint }: ItemProps) {
  const nameId = useId();
  return (
    <li class="recipient">
      <div class="recipient__head">
        {entry.kind === 'user' ? <UserIcon /> : <GroupIcon />}
        <span class="access__who">
          <span class="access__name">
            <span id={nameId} title={entry.name}>
              {entry.name}
            </span>
            {isNew && <span class="pill pill--new">{t('newRecipient')}</span>}
          </span>
          <span class="access__sub" title={recipientDetail(entry)}>
            {recipientDetail(entry)}
          </span>
        </span>
        <button
          type="button"
          class="icon-button recipient__remove"
          aria-label={t('removeRecipient', entry.name)}
          title={t('removeRecipient', entry.name)}
          onClick={onRemove}
        >
          <TrashIcon />
        </button>
      </div>
      <div class="recipient__perms" role="group" aria-labelledby={nameId}>
        <label class="check">
          <input type="checkbox" checked disabled aria-describedby={canViewHint} />
          {t('canView')}
        </label>
        <label class="check">
          <input type="checkbox" checked={entry.canEdit} onChange={(e) => onCanEdit(e.currentTarget.checked)} />
          {t('canEdit')}
        </label>
      </div>
    </li>
  );
}

export type RecipientListProps = {
  entries: readonly PanelEntry[];
  isAdded: (key: RecipientKey) => boolean;
  onCanEdit: (key: RecipientKey, canEdit: boolean) => void;
  onRemove: (key: RecipientKey) => void;
};

/** The panel's recipients, each removable after a confirmation (the trash icon). */
export function RecipientList({ entries, isAdded, onCanEdit, onRemove }: RecipientListProps) {
  const [confirming, setConfirming] = useState<PanelEntry>();
  const hintId = useId();
  if (!entries.length) return <p class="muted recipients__empty">{t('noRecipientsYet')}</p>;
  return (
    <>
      <p id={hintId} class="muted small recipients__fact">
        {t('canViewAlways')}
      </p>
      <ul class="recipients" aria-label={t('recipientsLabel')}>
        {entries.map((e) => {
          const key = recipientKey(e.kind, e.id);
          return (
            <RecipientItem
              key={key}
              entry={e}
              isNew={isAdded(key)}
              canViewHint={hintId}
              onCanEdit={(v) => onCanEdit(key, v)}
              onRemove={() => setConfirming(e)}
            />
          );
        })}
      </ul>
      {confirming && (
        <ConfirmDialog
          title={t('confirmRemoveTitle', confirming.name)}
          confirmLabel={t('remove')}
          cancelLabel={t('cancel')}
          danger
          onConfirm={() => (onRemove(recipientKey(confirming.kind, confirming.id)), setConfirming(undefined))}
          onCancel={() => setConfirming(undefined)}
        >
          <p>{t('confirmRemoveBody')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
