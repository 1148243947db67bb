import type { Method, SecretSummary } from '@/utils/contract';

/** The methods the form offers, in the product's order. */
export const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OTHER'];

/**
 * An API secret as the Add and Edit forms hold it: text as typed, tags as one comma-separated line. The
 * right-click "Add it as a new API secret" prefills one of these.
 */
export type SecretDraft = {
  name: string;
  url: string;
  clientId: string;
  /** Empty in Edit means "keep the current client secret". */
  clientSecret: string;
  identifier: string;
  method: Method;
  tags: string;
  notes: string;
};

export const EMPTY_DRAFT: SecretDraft = {
  name: '',
  url: '',
  clientId: '',
  clientSecret: '',
  identifier: '',
  method: 'GET',
  tags: '',
  notes: '',
};

/** A draft with `initial` over the empty one, so a partial prefill is enough. */
export const draftFrom = (initial: Partial<SecretDraft> = {}): SecretDraft => ({ ...EMPTY_DRAFT, ...initial });

/** The Edit form's starting point: the secret's fields, the client secret left empty. */
export function draftOf(s: SecretSummary): SecretDraft {
  return {
    name: s.name,
    url: s.url,
    clientId: s.clientId,
    clientSecret: '',
    identifier: s.identifier ?? '',
    method: s.method,
    tags: s.tags.join(', '),
    notes: s.notes,
  };
}

/** Tags as the server takes them: split on commas, trimmed, empty ones dropped, duplicates once. */
export const parseTags = (tags: string): string[] => [
  ...new Set(
    tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** The descriptive fields of a draft, in the contract's shape. */
export function fieldsOf(d: SecretDraft) {
  return {
    name: d.name.trim(),
    url: d.url.trim(),
    clientId: d.clientId.trim(),
    identifier: d.identifier.trim() || null,
    method: d.method,
    tags: parseTags(d.tags),
    notes: d.notes,
  };
}
export type SecretFields = ReturnType<typeof fieldsOf>;

/** Only the fields that differ from the secret, so the audit says what really changed. */
export function changedFields(s: SecretSummary, d: SecretDraft): Partial<SecretFields> {
  const f = fieldsOf(d);
  const out: Partial<SecretFields> = {};
  if (f.name !== s.name) out.name = f.name;
  if (f.url !== s.url) out.url = f.url;
  if (f.clientId !== s.clientId) out.clientId = f.clientId;
  if (f.identifier !== s.identifier) out.identifier = f.identifier;
  if (f.method !== s.method) out.method = f.method;
  if (f.tags.join('\n') !== s.tags.join('\n')) out.tags = f.tags;
  if (f.notes !== s.notes) out.notes = f.notes;
  return out;
}
