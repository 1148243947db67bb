export { cleanSelection, normalizeUrl } from './normalize';
export { matchSelection, type Matchable, type MatchResult, type MatchTier } from './matcher';
export { ValueIndex } from './value-index';
export { createValueIndexer, type IndexChanges, type IndexSource, type ValueIndexer } from './indexer';
export { looksLikeSecret, prefillFromSelection, type Prefill } from './prefill';
