import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SecretSummary } from '@/utils/contract';
import { formatRecent, formatWhen, t, type MessageKey } from '@/utils/i18n';
import { DotsIcon } from './icons';
import { AccessSection, type AccessState } from './AccessList';
import { MenuButton } from './Menu';
import { ACTION_LABELS, actionsFor, type RowAction } from './row-actions';
import { SecretValue, type SecretValueProps } from './SecretValue';
import { ViewHeader, onEscape } from './ViewHeader';

type Field = [MessageKey, string];

export type SecretDetailsProps = {
  secret: SecretSummary;
  meId: string;
  /** Who has access, as the page fetched it. */
  access: AccessState;
  /** Show and Copy of the client secret. */
  reveal: SecretValueProps['reveal'];
  copy: SecretValueProps['copy'];
  onClose: () => void;
  /** The same actions as the row's menu, minus "View details". */
  onAction?: (action: RowAction, secret: SecretSummary) => void;
  /** Shown after "Users with access to information": the secret's active external shares. */
  children?: ComponentChildren;
};

/** How many people and groups the details list before "and N more" (the owner comes first, always). */
const ACCESS_SHOWN = 3;

/** "Yesterday by Bob Silva", "10:42 by you"; when alone where the server has not said who. */
function lastUse({ lastUsedAt, lastUsedBy }: SecretSummary, meId: string): string {
  if (!lastUsedAt) return t('never');
  const when = formatRecent(lastUsedAt);
  if (!lastUsedBy) return when;
  return lastUsedBy.id === meId ? t('lastUseByYou', when) : t('lastUseBy', when, lastUsedBy.name);
}

/**
 * An API secret's details: what identifies it and the client secret behind Show and Copy, then
 * "Users with access to information" (the owner and the first few, the quick check people come for), then
 * the rarely used fields: last use, who created and changed it, notes. Escape or Back returns to the list
 * with its search and selection intact.
 */
export function SecretDetails({ secret, meId, access, reveal, copy, onClose, onAction, children }: SecretDetailsProps) {
  const [menu, setMenu] = useState(false);
  const person = (u: { id: string; name: string }) => (u.id === meId ? t('ownerYou') : u.name);
  const before: Field[] = [
    ['fieldUrl', secret.url],
    ['fieldClientId', secret.clientId],
  ];
  const after: Field[] = [
    ['fieldIdentifier', secret.identifier ?? '—'],
    ['fieldMethod', secret.method === 'OTHER' ? t('methodOther') : secret.method],
    ['fieldTags', secret.tags.join(', ') || '—'],
    ['ownerLabel', person(secret.owner)],
    ['fieldStatus', secret.status === 'enabled' ? t('statusEnabled') : t('statusDisabled')],
    ['sharedLabel', secret.shared ? t('yes') : t('no')],
    ['fieldLastUse', lastUse(secret, meId)],
    ['fieldCreated', t('byAt', person(secret.createdBy), formatWhen(secret.createdAt))],
    ['fieldChanged', t('byAt', person(secret.updatedBy), formatWhen(secret.updatedAt))],
    ['fieldNotes', secret.notes || '—'],
  ];
  const row = ([label, value]: Field) => (
    <div key={label} class="details__field">
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
  const items = actionsFor(secret)
    .filter((a) => a !== 'details')
    .map((a) => ({ id: a, label: t(ACTION_LABELS[a]) }));
  return (
    <section class="details" aria-labelledby="details-title" onKeyDown={onEscape(onClose)}>
      <ViewHeader id="details-title" title={secret.name} onBack={onClose} focusKey={secret.id}>
        {onAction && (
          <MenuButton
            label={t('actionsFor', secret.name)}
            icon={<DotsIcon />}
            items={items}
            open={menu}
            onOpenChange={setMenu}
            onSelect={(id) => onAction(id as RowAction, secret)}
          />
        )}
      </ViewHeader>
      <div class="details__body">
        <dl class="details__fields">
          {before.map(row)}
          {secret.permissions.view && (
            <div class="details__field">
              <dt>{t('fieldClientSecret')}</dt>
              <dd>
                <SecretValue enabled={secret.status === 'enabled'} reveal={reveal} copy={copy} />
              </dd>
            </div>
          )}
        </dl>
        <AccessSection secretId={secret.id} access={access} meId={meId} limit={ACCESS_SHOWN} />
        {children}
        <dl class="details__fields">{after.map(row)}</dl>
      </div>
    </section>
  );
}

/** The who-has-access view alone (`#/access/<id>`), one click from a row. */
export function AccessView({
  secret,
  meId,
  access,
  onClose,
}: {
  secret: SecretSummary;
  meId: string;
  access: AccessState;
  onClose: () => void;
}) {
  return (
    <section class="details" aria-labelledby="access-view-title" onKeyDown={onEscape(onClose)}>
      <ViewHeader
        id="access-view-title"
        title={t('whoHasAccessTitle', secret.name)}
        onBack={onClose}
        focusKey={secret.id}
      />
      <div class="details__body">
        <AccessSection secretId={secret.id} access={access} meId={meId} />
      </div>
    </section>
  );
}
