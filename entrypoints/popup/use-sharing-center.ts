import { useEffect, useRef, useState } from 'preact/hooks';
import type { LinkView } from '@/utils/contract';
import { copyText } from '@/utils/clipboard/copy';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { errorText } from '@/utils/vault/error-text';
import type { Note } from '@/components/LiveNote';

/**
 * The user's external shares, from the server through the worker (`secretId`: one secret's only), a page at
 * a time (`onMore` adds the next one), and what the sharing center does with them: copy an active link again,
 * email it again, revoke it. Each answer replaces its link in the list, so the status and counts shown are
 * the server's.
 */
export function useSharingCenter(secretId?: string) {
  const [links, setLinks] = useState<LinkView[]>();
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [note, setNote] = useState<Note>();
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);

  useEffect(() => {
    let current = true;
    sendMessage('listExternalLinks', secretId ? { secretId } : {}).then(
      (page) => current && (setLinks(page.links), setNext(page.next)),
      (e: unknown) => current && setError(errorText(e)),
    );
    return () => void (current = false);
  }, [secretId]);

  async function more() {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    setNote(undefined);
    try {
      const page = await sendMessage('listExternalLinks', { ...(secretId ? { secretId } : {}), cursor: next });
      if (!live.current) return;
      // A link made meanwhile pushes the older ones down a place: one already shown may come again.
      setLinks((ls) => [...(ls ?? []), ...page.links.filter((l) => !ls?.some((o) => o.id === l.id))]);
      setNext(page.next);
    } catch (e) {
      if (live.current) setNote({ text: errorText(e), error: true });
    } finally {
      if (live.current) setLoadingMore(false);
    }
  }

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
    hasMore: next !== null,
    loadingMore,
    onMore: () => void more(),
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
