import type { SecretSummary } from '@/utils/contract';

/** The list's filters. Disabled secrets appear only under Disabled: disabling hides one from the default list. */
export const FILTERS = ['all', 'mine', 'shared', 'disabled'] as const;
export type Filter = (typeof FILTERS)[number];

/** A secret with what the search and the order need, computed once per cache read rather than per keystroke. */
export type IndexedSecret = { secret: SecretSummary; haystack: string };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The list's order: by name as people read it, then by id, so that no two secrets tie. */
export const compareSecrets = (a: SecretSummary, b: SecretSummary) =>
  collator.compare(a.name, b.name) || a.id.localeCompare(b.id);

/** Sorts by name and precomputes each secret's searchable text (name, URL, tags, identifier, client ID, owner). */
export function indexSecrets(secrets: readonly SecretSummary[]): IndexedSecret[] {
  return secrets
    .map((secret) => {
      const { name, url, tags, identifier, clientId, owner } = secret;
      const haystack = [name, url, ...tags, identifier ?? '', clientId, owner.name, owner.username]
        .join('\n')
        .toLowerCase();
      return { secret, haystack };
    })
    .sort((a, b) => compareSecrets(a.secret, b.secret));
}

/** Whether a secret belongs under a filter, from the signed-in user's point of view. */
export function inFilter(secret: SecretSummary, filter: Filter, meId: string): boolean {
  const enabled = secret.status === 'enabled';
  if (filter === 'disabled') return !enabled;
  if (!enabled) return false;
  if (filter === 'mine') return secret.owner.id === meId;
  if (filter === 'shared') return secret.owner.id !== meId;
  return true;
}

/** The secrets under a filter that contain every word of the query (case-insensitive), in name order. */
export function querySecrets(
  index: readonly IndexedSecret[],
  query: string,
  filter: Filter,
  meId: string,
): SecretSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: SecretSummary[] = [];
  for (const { secret, haystack } of index) {
    if (inFilter(secret, filter, meId) && words.every((w) => haystack.includes(w))) out.push(secret);
  }
  return out;
}

/** How many secrets each filter holds, for the filter buttons. */
export function countByFilter(index: readonly IndexedSecret[], meId: string): Record<Filter, number> {
  const counts: Record<Filter, number> = { all: 0, mine: 0, shared: 0, disabled: 0 };
  for (const { secret } of index) for (const f of FILTERS) if (inFilter(secret, f, meId)) counts[f]++;
  return counts;
}
