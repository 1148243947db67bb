import type { z } from './zod';

// C0 and C1 control characters, DEL, and UTF-16 halves without their pair. PostgreSQL refuses NUL where
// SQLite stores it, and a lone surrogate becomes U+FFFD in one driver and an error in another: refusing
// them here gives one answer on every database.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]*$/u;
const LINE_BREAKS = /^[^\t\n\r]*$/;
// Bidirectional overrides and isolates, zero-width characters, soft hyphen, Mongolian vowel separator:
// they make one name look like another in the share panel, or hide part of it.
const INVISIBLE = /^[^\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$/;

const noControls = 'must not contain control characters';

/** Text of several lines (notes, descriptions): tab and line breaks allowed, other controls not. */
export const multiLine = (s: z.ZodString) => s.regex(CONTROLS, noControls);

/** One line of text (a URL, a client id, a search). */
export const singleLine = (s: z.ZodString) => multiLine(s).regex(LINE_BREAKS, noControls);

/** A name people read and choose by: one line, and nothing invisible or direction-changing. */
export const displayName = (s: z.ZodString) =>
  singleLine(s).regex(INVISIBLE, 'must not contain invisible or direction-changing characters');
