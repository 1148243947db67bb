export { cleanSelection, normalizeUrl } from './normalize';
export { matchSelection, type Matchable, type MatchResult, type MatchTier } from './matcher';
export { ValueIndex } from './value-index';
