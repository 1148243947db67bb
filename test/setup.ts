import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { cleanup, configure } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import catalogue from '../public/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

/**
 * `browser.i18n.getMessage` as the browser does it, over the English catalogue: named placeholders
 * resolve to their `$n` content, then `$n` to the substitutions. fake-browser has no i18n of its own,
 * and tests should read the same words a user reads.
 */
function getMessage(key: string, subs?: string | string[]): string {
  const entry = (catalogue as Record<string, Entry>)[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const named = entry.message.replace(
    /\$([a-z0-9_]+)\$/gi,
    (_, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '',
  );
  return named.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
}

// The popup's views after the list load as a separate chunk (a dynamic import), and sign-in runs real key
// derivation: on a busy machine either takes longer than testing-library's one-second default.
configure({ asyncUtilTimeout: 15_000 });

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.i18n as { getMessage: typeof getMessage }).getMessage = getMessage;
  // A new, empty IndexedDB for every test: no test sees another's cache.
  globalThis.indexedDB = new IDBFactory();
});

// Without vitest globals, testing-library cannot register its own cleanup: unmount after each test.
afterEach(cleanup);
