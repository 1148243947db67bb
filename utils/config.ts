/**
 * The extension's tunables, in one place: how often, how long, how many. Protocol limits the server
 * enforces too (batch sizes) say so; changing those here alone breaks the calls that rely on them.
 */

/** Minutes between background syncs, so the cache stays fresh between popup openings. */
export const SYNC_PERIOD_MINUTES = 5;
/**
 * While the popup is open, how often it asks for a sync, so a permission given meanwhile shows without
 * reopening. A closed popup asks nothing: the server sees this only from people looking at the list, and
 * each ask is the cheap no-change sync.
 */
export const LIVE_SYNC_MS = 5_000;
/**
 * How long after the last scroll of an open page work that can wait does: the popup's live sync, and the
 * worker's rebuild of the right-click value index (both run in the extension's one renderer process, on the
 * same cores as the scrolling list).
 */
export const SCROLL_QUIET_MS = 800;
/** How often, at most, a page being scrolled tells the worker so (one message per this many milliseconds). */
export const SCROLL_NOTICE_MS = 250;

/**
 * Rows of the default view kept precomputed for the popup's first paint (the list head): more than a
 * popup shows at once, so the first screen never waits for the rest.
 */
export const LIST_HEAD_ROWS = 40;

/** The auto-lock choices the options page offers, in minutes, and the one a new user starts with. */
export const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
/**
 * Activity closer together than this does not move the auto-lock alarm: popups send many messages, and
 * storage writes and alarm updates on each would be wasted work for a deadline measured in minutes.
 */
export const ACTIVITY_RESOLUTION_MS = 15_000;

/** How long a copied client secret stays on the clipboard. */
export const CLIPBOARD_CLEAR_MS = 30_000;
/** How long a revealed client secret stays shown in the details view. */
export const REVEAL_SHOW_MS = 60_000;

/** How long a value handed from the worker to a page waits: long enough to type a password, not longer. */
export const HANDOFF_TTL_MS = 10 * 60_000;

/** The pause after the last keystroke before the recipient search asks the server. */
export const SEARCH_DEBOUNCE_MS = 200;

/** How long a short note ("Copied", "Saved") stays on screen. */
export const NOTE_MS = 6_000;

/** The values route takes at most this many ids per call (the contract's `ValuesRequest`). */
export const VALUES_BATCH = 500;
/**
 * Ids per values call while the right-click value index is built: smaller than the route allows, so each
 * answer is parsed and opened in short slices of the worker's time, between which its messages are answered.
 */
export const INDEX_BATCH = 100;
/**
 * While the value index is built, it is saved (sealed, utils/match/index-store.ts) after about this many
 * changes, so a lock or a worker stopped mid-build keeps what was done; and once more when the update ends.
 */
export const INDEX_SAVE_EVERY = 2_000;
/**
 * While the value index is built, each value is opened in a task of its own (utils/match/index-batch.ts);
 * after this much work in a row the build rests.
 */
export const INDEX_QUANTUM_MS = 8;
/**
 * The build rests as long as it worked (at most `INDEX_REST_MAX_MS`): a cold build of 10,000 values takes
 * about twice as long, and leaves half the machine's time to the worker's messages, the browser and the pages
 * (on a loaded machine the build's CPU, not a blocked event loop, is what slowed them).
 */
export const INDEX_REST_RATIO = 1;
export const INDEX_REST_MAX_MS = 100;
/**
 * How long after an unlock the value index starts: the moment belongs to the popup, which draws the list and
 * asks the worker to sync. A right-click meanwhile waits for the index (up to `INDEX_WAIT_MS`).
 */
export const INDEX_START_DELAY_MS = 1_500;
/** A batch share takes at most what the server's batch route accepts. */
export const SHARE_BATCH_MAX = 100;
/** The sharing center's page of external links: the first page, and each "Show more" (the server allows 100). */
export const LINKS_PAGE = 25;

/** The right-click chooser lists at most this many matches; past that the selection is too vague. */
export const CHOOSER_MAX = 12;
/** How long a right-click lookup waits for the value index being built just after an unlock. */
export const INDEX_WAIT_MS = 3_000;

/** The small window the worker opens a view in where the browser will not open the toolbar popup. */
export const VIEW_WINDOW = { width: 400, height: 600 } as const;

/**
 * A secret row's height in the popup's list, in pixels, by row density (a setting on the options page):
 * compact (the default: name and Shared, then URL and who has access) fits about twice as many rows as
 * roomy (also tags, owner and status).
 */
export const ROW_HEIGHTS = { compact: 54, roomy: 94 } as const;
/** The roomy row's height (the benchmarks' plain virtual list uses it). */
export const ROW_HEIGHT = ROW_HEIGHTS.roomy;

/** The shortest account password the enrollment form accepts. */
export const MIN_PASSWORD_LENGTH = 12;
