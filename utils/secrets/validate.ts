import type { MessageKey } from '@/utils/i18n';
import { parseTags, type SecretDraft } from './draft';

export type DraftErrors = Partial<Record<keyof SecretDraft, MessageKey>>;

const isHttpUrl = (s: string) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol);

/**
 * The form's own check, with the contract's limits, so each message appears next to its field before
 * anything is sent. `requireSecret` is true when adding (Edit keeps the current client secret if empty).
 */
export function validateDraft(d: SecretDraft, requireSecret: boolean): DraftErrors {
  const e: DraftErrors = {};
  const name = d.name.trim();
  const url = d.url.trim();
  const clientId = d.clientId.trim();
  const tags = parseTags(d.tags);
  if (!name) e.name = 'formNameRequired';
  else if (name.length > 200) e.name = 'formNameTooLong';
  if (!url) e.url = 'formUrlRequired';
  else if (url.length > 2000) e.url = 'formUrlTooLong';
  else if (!isHttpUrl(url)) e.url = 'formUrlInvalid';
  if (!clientId) e.clientId = 'formClientIdRequired';
  else if (clientId.length > 500) e.clientId = 'formClientIdTooLong';
  if (requireSecret && !d.clientSecret) e.clientSecret = 'formSecretRequired';
  else if (d.clientSecret.length > 10_000) e.clientSecret = 'formSecretTooLong';
  if (d.identifier.trim().length > 100) e.identifier = 'formIdentifierTooLong';
  if (tags.length > 20) e.tags = 'formTooManyTags';
  else if (tags.some((t) => t.length > 50)) e.tags = 'formTagTooLong';
  if (d.notes.length > 5000) e.notes = 'formNotesTooLong';
  return e;
}
