import { useState } from 'preact/hooks';
import type { LinkStatus, LinkView } from '@/utils/contract';
import { formatWhen, t, tCount, type MessageKey } from '@/utils/i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { WarningIcon } from './icons';

export const STATUS_LABELS: Record<LinkStatus, MessageKey> = {
  active: 'linkStatusActive',
  finished: 'linkStatusFinished',
  expired: 'linkStatusExpired',
  revoked: 'linkStatusRevoked',
};

export function LinkStatusBadge({ status }: { status: LinkStatus }) {
  return <span class={`link-status link-status--${status}`}>{t(STATUS_LABELS[status])}</span>;
}

/** "2 of 3", or "Unlimited". */
export const remainingText = (l: LinkView) =>
  l.remainingAccesses === null ? t('linkUnlimited') : t('linkRemainingOf', l.remainingAccesses, l.maxAccesses ?? 0);

export type LinkActions = {
  onCopy: (link: LinkView) => void;
  onResend: (link: LinkView) => void;
  onRevoke: (link: LinkView) => void;
};

/** Who opened a link, when, from which network and browser; or that nobody has yet. */
function AccessLog({ link }: { link: LinkView }) {
  const log = link.log;
  return (
    <details class="link-log">
      <summary>{tCount(log.length, 'linkLogOne', 'linkLogOther')}</summary>
      {log.length === 0 ? (
        <p class="muted small">{t('linkLogEmpty')}</p>
      ) : (
        <ul class="link-log__list">
          {log.map((a, i) => (
            <li key={`${a.at}-${i}`} class="link-log__item">
              <span>{formatWhen(a.at)}</span>
              <span class={a.outcome === 'opened' ? '' : 'link-log__refused'}>
                {a.outcome === 'opened' ? t('linkOpened') : t('linkWrongCode')}
              </span>
              <span class="muted">
                {a.network} · {a.browser}
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/**
 * One external share in the sharing center: the secret, recipient, dates, accesses left, status, the access
 * log, and while it is active Copy link, Resend (a link with an access code) and Revoke after a confirmation.
 * `paused`: its secret is disabled, so the link refuses to open until the secret is enabled again.
 */
export function LinkItem({
  link,
  busy,
  paused,
  ...actions
}: { link: LinkView; busy: boolean; paused?: boolean } & LinkActions) {
  const [confirm, setConfirm] = useState(false);
  const active = link.status === 'active';
  const ended = link.status === 'revoked' ? link.revokedAt : null;
  const fields: [MessageKey, string][] = [
    ['linkRecipient', link.recipientEmail],
    ['linkCreatedAt', formatWhen(link.createdAt)],
    [ended ? 'linkRevokedAt' : 'linkExpiresAt', formatWhen(ended ?? link.expiresAt)],
    ['linkRemaining', remainingText(link)],
    ['linkAccessCode', link.hasCode ? t('yes') : t('no')],
  ];
  if (link.lastEmailedAt) fields.push(['linkEmailedAt', formatWhen(link.lastEmailedAt)]);
  const titleId = `link-${link.id}`;
  return (
    <li class="link-item" aria-labelledby={titleId}>
      <div class="link-item__head">
        <h3 id={titleId} class="link-item__name">
          {link.secretName}
        </h3>
        <LinkStatusBadge status={link.status} />
      </div>
      <dl class="link-item__fields">
        {fields.map(([label, value]) => (
          <div key={label} class="link-item__field">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {active && paused && (
        <p class="notice notice--warn" role="note">
          <WarningIcon />
          <span>{t('linkPaused')}</span>
        </p>
      )}
      <AccessLog link={link} />
      {active && (
        <div class="actions link-item__actions">
          <button type="button" class="secondary small-button" disabled={busy} onClick={() => actions.onCopy(link)}>
            {t('linkCopy')}
          </button>
          {link.hasCode && (
            <button type="button" class="secondary small-button" disabled={busy} onClick={() => actions.onResend(link)}>
              {t('linkResend')}
            </button>
          )}
          <button type="button" class="danger small-button" disabled={busy} onClick={() => setConfirm(true)}>
            {t('linkRevoke')}
          </button>
        </div>
      )}
      {confirm && (
        <ConfirmDialog
          title={t('linkRevokeTitle', link.recipientEmail)}
          confirmLabel={t('linkRevoke')}
          cancelLabel={t('cancel')}
          danger
          onConfirm={() => (setConfirm(false), actions.onRevoke(link))}
          onCancel={() => setConfirm(false)}
        >
          <p>{t('linkRevokeBody', link.secretName)}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
