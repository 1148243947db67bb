import { useState } from 'preact/hooks';
import type { LinkView } from '@/utils/contract';
import { copyText } from '@/utils/clipboard/copy';
import { t } from '@/utils/i18n';
import type { LinkDraft } from '@/utils/links/external-link';
import { sendMessage } from '@/utils/messaging';
import { errorText } from '@/utils/vault/error-text';
import type { Note } from '@/components/LiveNote';

/**
 * The External screen's work: make the link in the worker (which opens the value now and encrypts it under
 * the link's own key), copy it, and have the vault server email it. The URL holds the key, so a copy is
 * cleared from the clipboard like a client secret.
 */
export function useExternalLink() {
  const [created, setCreated] = useState<{ link: LinkView; url: string; accessCode: string | null }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<Note>();

  async function run(work: () => Promise<void>, onError: (text: string) => void) {
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    try {
      await work();
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const copy = (text: string, done: string) =>
    void copyText(text, true).then(
      () => setNote({ text: done }),
      () => setNote({ text: t('copyFailed'), error: true }),
    );

  return {
    created,
    busy,
    error,
    note,
    create: (draft: LinkDraft) =>
      void run(
        async () => setCreated({ ...(await sendMessage('createExternalLink', draft)), accessCode: draft.accessCode }),
        setError,
      ),
    copyLink: () => created && copy(created.url, t('linkCopied')),
    copyCode: () => created?.accessCode && copy(created.accessCode, t('linkCodeCopied')),
    email: () =>
      created &&
      void run(
        async () => {
          const link = await sendMessage('emailExternalLink', { linkId: created.link.id });
          setCreated({ ...created, link });
          setNote({ text: t('linkEmailed', link.recipientEmail) });
        },
        (text) => setNote({ text, error: true }),
      ),
  };
}
