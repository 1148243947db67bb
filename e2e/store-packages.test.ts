import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run zip` as a release would run it: both store packages, each with its name and description in the
// three languages, the Chrome one with every icon size the Chrome Web Store asks for, the Firefox one clean
// for addons-linter (no errors and no warnings).
const out = mkdtempSync(join(tmpdir(), 'vaultshare-zip-'));
const unpacked = (name: string) => join(out, 'unpacked', name);
let zips: string[] = [];

beforeAll(() => {
  execFileSync('npm', ['run', 'zip'], { env: { ...process.env, WXT_OUT_DIR: out }, stdio: 'pipe' });
  zips = readdirSync(out).filter((f) => f.endsWith('.zip'));
  for (const zip of zips) mkdirSync(unpacked(zip), { recursive: true });
  for (const zip of zips) execFileSync('unzip', ['-q', '-o', join(out, zip), '-d', unpacked(zip)]);
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const packageOf = (suffix: string) => {
  const zip = zips.find((z) => z.endsWith(suffix));
  if (!zip) throw new Error(`No *${suffix} among ${zips.join(', ')}`);
  return unpacked(zip);
};
const json = (dir: string, path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'));
/** Width and height from a PNG's IHDR chunk. */
const pngSize = (file: string) => {
  const b = readFileSync(file);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

describe.each([
  ['Chrome', 'chrome.zip'],
  ['Firefox', 'firefox.zip'],
])('the %s store package', (_store, suffix) => {
  it('names and describes the extension in English, Portuguese (Brazil) and Spanish', () => {
    const dir = packageOf(suffix);
    const manifest = json(dir, 'manifest.json');
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    expect(manifest.default_locale).toBe('en');
    const descriptions = ['en', 'pt_BR', 'es'].map(
      (lang) => json(dir, `_locales/${lang}/messages.json`).extDescription.message as string,
    );
    expect(new Set(descriptions).size).toBe(3);
    // The Chrome Web Store cuts descriptions at 132 characters.
    for (const d of descriptions) expect(d.length).toBeLessThanOrEqual(132);
  });
});

describe('the Chrome store package', () => {
  it('has every icon size the store asks for (16, 32, 48, 128), each the size it says', () => {
    const dir = packageOf('chrome.zip');
    const icons = json(dir, 'manifest.json').icons as Record<string, string>;
    expect(Object.keys(icons).sort((a, b) => Number(a) - Number(b))).toEqual(['16', '32', '48', '128']);
    for (const [size, path] of Object.entries(icons))
      expect(pngSize(join(dir, path))).toEqual([Number(size), Number(size)]);
  });
});

describe('the Firefox store package', () => {
  it('passes addons-linter with no errors and no warnings but one explained', () => {
    let report: string;
    try {
      report = execFileSync(
        'npx',
        [
          'addons-linter',
          '--output',
          'json',
          join(
            out,
            zips.find((z) => z.endsWith('firefox.zip'))!,
          ),
        ],
        { stdio: 'pipe', encoding: 'utf8' },
      );
    } catch (e) {
      report = (e as { stdout: string }).stdout; // it exits non-zero when it finds errors
    }
    const result = JSON.parse(report) as {
      errors: { code: string; message: string }[];
      warnings: { code: string; message: string; file?: string }[];
    };
    expect(result.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    // The one warning that cannot be fixed here: Preact's renderer assigns innerHTML when a component uses
    // dangerouslySetInnerHTML. Vaultshare never does (checked below), so the line never runs; removing it
    // would mean patching Preact.
    const preactOnly = (w: { code: string; message: string; file?: string }) => {
      if (w.code !== 'UNSAFE_VAR_ASSIGNMENT' || !w.message.includes('innerHTML') || !w.file) return false;
      const dir = packageOf('firefox.zip');
      return readFileSync(join(dir, w.file), 'utf8').includes('.__html');
    };
    expect(
      result.warnings.filter((w) => !preactOnly(w)).map((w) => `${w.code}: ${w.message} (${w.file ?? ''})`),
    ).toEqual([]);
    let sources = '';
    try {
      sources = execFileSync(
        'grep',
        ['-rl', '--include=*.tsx', 'dangerouslySetInnerHTML', 'components', 'entrypoints'],
        { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' },
      );
    } catch {
      // grep exits 1 when nothing matches: what we want.
    }
    expect(sources).toBe('');
  }, 120_000);
});
