import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string }> };
type Catalogue = Record<string, Entry>;

const root = join(__dirname, '../..');
const localesDir = join(root, 'public/_locales');
const read = (lang: string): Catalogue => JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8'));
const en = read('en');
const others = readdirSync(localesDir).filter((l) => l !== 'en');

/** The named placeholders a message uses, in upper case as Chrome and Firefox match them. */
const used = (m: string) => [...m.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((x) => x[1]!.toUpperCase()).sort();
/** What each declared placeholder stands for ("$1"), so a translation cannot swap or drop an argument. */
const declared = (e: Entry) =>
  Object.fromEntries(Object.entries(e.placeholders ?? {}).map(([k, v]) => [k.toUpperCase(), v.content]));

describe('message catalogues', () => {
  it('ships the three languages the product promises', () => {
    expect(readdirSync(localesDir).sort()).toEqual(['en', 'es', 'pt_BR']);
  });

  describe.each(others)('%s', (lang) => {
    const cat = read(lang);

    it('has every English key and no other', () => {
      expect(
        Object.keys(en).filter((k) => !(k in cat)),
        'missing',
      ).toEqual([]);
      expect(
        Object.keys(cat).filter((k) => !(k in en)),
        'unknown',
      ).toEqual([]);
    });

    it('uses the same placeholders as English, standing for the same arguments', () => {
      const wrong = Object.keys(en).filter(
        (k) =>
          cat[k] &&
          (used(cat[k].message).join() !== used(en[k]!.message).join() ||
            JSON.stringify(declared(cat[k])) !== JSON.stringify(declared(en[k]!))),
      );
      expect(wrong).toEqual([]);
    });

    it('leaves no sentence in English', () => {
      // OAuth's field names stay in English in every language, as senhasegura's own Portuguese keeps them.
      const kept = new Set(['fieldClientId', 'fieldClientSecret']);
      const same = Object.keys(en).filter(
        (k) =>
          !kept.has(k) &&
          cat[k]?.message === en[k]!.message &&
          /\s/.test(en[k]!.message) &&
          /[a-z]{4}/.test(en[k]!.message.replace(/\$[A-Z]+\$/g, '')),
      );
      expect(same).toEqual([]);
    });
  });
});

/** Every counted One form has its Other form and the reverse (a counted phrase has a placeholder for the count). */
export function unpairedPlurals(cat: Catalogue): string[] {
  const counted = Object.keys(cat).filter((k) => /(One|Other)$/.test(k) && /\$[A-Z]+\$/i.test(cat[k]!.message));
  const set = new Set(counted);
  return counted.filter(
    (k) =>
      (k.endsWith('One') && !set.has(`${k.slice(0, -3)}Other`)) ||
      (k.endsWith('Other') && !set.has(`${k.slice(0, -5)}One`)),
  );
}

/** English messages that put a count before a plural noun without being a One/Other pair ("$1 users"). */
export function countedWithoutPlural(cat: Catalogue): string[] {
  const noun =
    /\$[A-Z]+\$ (?:[A-Za-z]+ )?(?:users|groups|members|secrets|records|minutes|hours|days|seconds|characters|tags|items|recipients)\b/;
  return Object.entries(cat)
    .filter(([k, e]) => noun.test(e.message) && !/(One|Other)$/.test(k))
    .map(([k]) => k);
}

/**
 * Lines of source that build a plural in code: a count handed to `t()` (which cannot pick a form), a
 * ternary on `=== 1` choosing words, or an "s" appended to a word.
 */
export function concatenatedPlurals(source: string): string[] {
  const patterns = [
    /\bt\(\s*'[A-Za-z_]+'\s*,[^;]*?(?:\.length|\.size|\bcount\b|\btotal\b)/,
    /[=!]==?\s*1\s*\?\s*(?:t\(|'|"|`)/,
    /\+\s*(?:'s'|"s")|\?\s*(?:'s'|"s")\s*:|\$\{[^}]*\?\s*'s'/,
  ];
  return source.split('\n').filter((line) => patterns.some((p) => p.test(line)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name))
    .map((d) => join(d.parentPath, d.name));
}

describe('plurals come from Intl.PluralRules, never from concatenation', () => {
  it.each([
    ["{t('resultCount', results.length)}", true],
    ["t('selectedCount', count)", true],
    ["n === 1 ? t('oneUser') : t('users')", true],
    ["`${n} user` + 's'", true],
    ["`${n} user${n === 1 ? '' : 's'}`", true],
    ["tCount(results.length, 'resultCountOne', 'resultCountOther')", false],
    ["t('accessList', parts[0], parts[1])", false],
    ['lists.length === 1 ? lists[0]!.entries : commonEntries(lists)', false],
  ])('the check flags %s: %s', (line, flagged) => {
    expect(concatenatedPlurals(line).length > 0).toBe(flagged);
  });

  it('the check flags an English count phrase that is not a pair', () => {
    expect(countedWithoutPlural({ a: { message: '$FIRST$ users found' }, aOne: { message: '$FIRST$ user' } })).toEqual([
      'a',
    ]);
  });

  it('no extension source builds a plural by hand', () => {
    const found = ['components', 'entrypoints', 'utils']
      .flatMap(sourceFiles)
      .flatMap((f) => concatenatedPlurals(readFileSync(f, 'utf8')).map((l) => `${f}: ${l.trim()}`));
    expect(found).toEqual([]);
  });

  it.each(['en', ...others])('%s: every counted phrase is a One/Other pair', (lang) => {
    expect(unpairedPlurals(read(lang))).toEqual([]);
  });

  it('en: no count is put before a plural noun outside a pair', () => {
    expect(countedWithoutPlural(en)).toEqual([]);
  });
});
