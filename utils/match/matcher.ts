import { cleanSelection, normalizeUrl } from './normalize';

/** The fields of a cached secret that a selection can name. */
export type Matchable = { id: string; name: string; identifier: string | null; clientId: string; url: string };

/** How sure the match is, best first; the first tier with any match wins. */
export type MatchTier = 'value' | 'exact' | 'case-insensitive' | 'contained';
export type MatchResult = { tier: MatchTier; ids: string[] } | { tier: 'none'; ids: [] };

/** Shorter selections than this are not searched inside names: "a" would match everything. */
const MIN_CONTAINED = 3;

function fields(s: Matchable): string[] {
  return [s.name, s.identifier ?? '', s.clientId, s.url].filter(Boolean);
}

/**
 * Finds the API secrets a selection names: the selection being a client secret itself (`valueIds`, from
 * the keyed index), then an exact field, then the same ignoring case, then a field inside the selection or
 * the selection inside a field. URLs compare without trailing slashes, default ports or host case.
 */
export function matchSelection(
  selection: string,
  secrets: Iterable<Matchable>,
  valueIds: Iterable<string> = [],
): MatchResult {
  const text = cleanSelection(selection);
  const list = [...secrets];
  const byValue = [...new Set(valueIds)].filter((id) => list.some((s) => s.id === id));
  if (byValue.length) return { tier: 'value', ids: byValue };
  if (!text) return { tier: 'none', ids: [] };

  const url = normalizeUrl(text);
  const lower = text.toLowerCase();
  const tiers: [MatchTier, (s: Matchable) => boolean][] = [
    ['exact', (s) => fields(s).includes(text) || (!!url && normalizeUrl(s.url) === url)],
    ['case-insensitive', (s) => fields(s).some((f) => f.toLowerCase() === lower)],
    [
      'contained',
      (s) =>
        text.length >= MIN_CONTAINED &&
        fields(s).some((f) => {
          const field = f.toLowerCase();
          return field.includes(lower) || (field.length >= MIN_CONTAINED && lower.includes(field));
        }),
    ],
  ];
  for (const [tier, test] of tiers) {
    const ids = list.filter(test).map((s) => s.id);
    if (ids.length) return { tier, ids };
  }
  return { tier: 'none', ids: [] };
}
