import type { LinkView, SecretSummary, SharingPolicy } from '@/utils/contract';
import { t } from '@/utils/i18n';
import type { LinkDraft } from '@/utils/links/external-link';
import { ExternalLinkCreated } from './ExternalLinkCreated';
import { ExternalLinkForm } from './ExternalLinkForm';
import type { Note } from './LiveNote';
import { ViewHeader, onEscape } from './ViewHeader';

export type ExternalShareProps = {
  secret: SecretSummary;
  /** The administrator's sharing options; undefined while they are asked for. */
  policy?: SharingPolicy;
  /** Why the options or the link could not be had, in words. */
  error?: string;
  /** The link made, its URL and the code it was made with. */
  created?: { link: LinkView; url: string; accessCode: string | null };
  busy: boolean;
  note?: Note;
  onCreate: (draft: LinkDraft) => void;
  onCopyLink: () => void;
  onCopyCode: () => void;
  onEmail: () => void;
  onCenter: () => void;
  onClose: () => void;
};

/** The External card's screen (`#/external/<id>`): a link for someone without an account, then the link. */
export function ExternalShare(p: ExternalShareProps) {
  const { secret, policy, error, created, busy } = p;
  let body;
  if (created) {
    body = (
      <ExternalLinkCreated
        link={created.link}
        url={created.url}
        accessCode={created.accessCode}
        note={p.note}
        busy={busy}
        onCopyLink={p.onCopyLink}
        onCopyCode={p.onCopyCode}
        onEmail={p.onEmail}
        onCenter={p.onCenter}
        onClose={p.onClose}
      />
    );
  } else if (policy?.external) {
    body = (
      <ExternalLinkForm
        secret={secret}
        maxSeconds={policy.maxLinkSeconds}
        busy={busy}
        error={error}
        onCreate={p.onCreate}
        onCancel={p.onClose}
      />
    );
  } else {
    body = (
      <p class={policy || error ? 'form-error' : 'muted'} role={policy || error ? 'alert' : 'status'}>
        {policy ? t('error_external_sharing_off') : (error ?? t('linkPolicyLoading'))}
      </p>
    );
  }
  return (
    <section class="details share" aria-labelledby="external-title" onKeyDown={onEscape(p.onClose)}>
      <ViewHeader id="external-title" title={t('externalTitle')} sub={secret.name} onBack={p.onClose} noFocus />
      <div class="details__body external__body">{body}</div>
    </section>
  );
}
