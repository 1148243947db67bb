import { useEffect, useState } from 'preact/hooks';
import type { LinkView } from '@/utils/contract';
import { copyText } from '@/utils/clipboard/copy';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { errorText } from '@/utils/vault/error-text';
import type { Note } from '@/components/LiveNote';

/**
 * The user's external shares, from the server through the worker (`secretId`: one secret's only), and what
 * the sharing center does with them: copy an active link again, email it again, revoke it. Each answer
 * replaces its link in the list, so the status and counts shown are the server's.
 */
export function useSharingCenter(secretId?: string) {
  const [links, setLinks] = useState<LinkView[]>();
  const [error, setError] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [note, setNote] = useState<Note>();

  useEffect(() => {
    let live = true;
    sendMessage('listExternalLinks', secretId ? { secretId } : {}).then(
      (l) => live && setLinks(l),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => void (live = false);
  }, [secretId]);

  async function act(link: LinkView, work: () => Promise<Note>) {
    setBusyId(link.id);
    setNote(undefined);
    try {
      setNote(await work());
    } catch (e) {
      setNote({ text: errorText(e), error: true });
    } finally {
      setBusyId(undefined);
    }
  }
  const replace = (next: LinkView) => setLinks((ls) => ls?.map((l) => (l.id === next.id ? next : l)));

  return {
    links,
    error,
    busyId,
    note,
    onCopy: (link: LinkView) =>
      void act(link, async () => {
        const { url } = await sendMessage('copyExternalLink', { linkId: link.id });
        return copyText(url, true).then(
          () => ({ text: t('linkCopied') }),
          () => ({ text: t('copyFailed'), error: true }),
        );
      }),
    onResend: (link: LinkView) =>
      void act(link, async () => {
        replace(await sendMessage('emailExternalLink', { linkId: link.id }));
        return { text: t('linkEmailed', link.recipientEmail) };
      }),
    onRevoke: (link: LinkView) =>
      void act(link, async () => {
        replace(await sendMessage('revokeExternalLink', { linkId: link.id }));
        return { text: t('linkRevoked', link.recipientEmail) };
      }),
  };
}
