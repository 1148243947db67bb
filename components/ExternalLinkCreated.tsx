import type { LinkView } from '@/utils/contract';
import { formatWhen, t } from '@/utils/i18n';
import { CheckIcon } from './icons';
import { LiveNote, type Note } from './LiveNote';
import { useFocusOnMount } from './use-focus-on-mount';

export type ExternalLinkCreatedProps = {
  link: LinkView;
  url: string;
  /** The access code the user chose, shown once more so they can pass it on; null when the link has none. */
  accessCode: string | null;
  note?: Note;
  /** The email is on its way. */
  busy: boolean;
  onCopyLink: () => void;
  onCopyCode: () => void;
  onEmail: () => void;
  onCenter: () => void;
  onClose: () => void;
};

/**
 * The link just made: its address with Copy link, the access code to pass on another way, and sending it by
 * email through the vault server (only with an access code, which the email never holds).
 */
export function ExternalLinkCreated(p: ExternalLinkCreatedProps) {
  const { link, url, accessCode, note, busy } = p;
  const copy = useFocusOnMount<HTMLButtonElement>(link.id);
  const limit = link.maxAccesses === null ? t('linkUnlimited') : String(link.maxAccesses);
  return (
    <div class="link-created">
      <h3 class="link-created__title">
        <CheckIcon /> {t('linkCreated')}
      </h3>
      <p class="muted small">{t('linkCreatedFor', link.recipientEmail, formatWhen(link.expiresAt), limit)}</p>
      <label class="link-created__label" for="link-url">
        {t('linkLabel')}
      </label>
      <div class="link-created__row">
        <input id="link-url" class="mono" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button ref={copy} type="button" class="primary small-button" onClick={p.onCopyLink}>
          {t('linkCopy')}
        </button>
      </div>
      {accessCode && (
        <>
          <label class="link-created__label" for="link-code">
            {t('linkAccessCode')}
          </label>
          <div class="link-created__row">
            <input id="link-code" class="mono" readOnly value={accessCode} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" class="secondary small-button" onClick={p.onCopyCode}>
              {t('linkCopyCode')}
            </button>
          </div>
        </>
      )}
      <section class="link-created__email" aria-labelledby="link-email-title">
        <h3 id="link-email-title" class="section-title">
          {t('linkEmailTitle')}
        </h3>
        {link.hasCode ? (
          <>
            <p class="small">{t('linkEmailCodeApart', link.recipientEmail)}</p>
            <button type="button" class="secondary" disabled={busy} onClick={p.onEmail}>
              {busy ? t('linkSending') : t('linkSendEmail', link.recipientEmail)}
            </button>
          </>
        ) : (
          <p class="small muted">{t('linkEmailNeedsCode')}</p>
        )}
      </section>
      <LiveNote note={note} />
      <div class="actions form-actions">
        <button type="button" class="secondary" onClick={p.onCenter}>
          {t('openSharingCenter')}
        </button>
        <button type="button" class="secondary" onClick={p.onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
