import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './support/extension';

/** A production build (never the test hook, whatever the caller's environment) into a folder of its own. */
function productionBuild(out: string, browser: 'chrome' | 'firefox'): void {
  const env: NodeJS.ProcessEnv = { ...process.env, WXT_OUT_DIR: out };
  delete env.VAULTSHARE_TEST_HOOK;
  delete env.VAULTSHARE_BENCH;
  execFileSync('npx', ['wxt', 'build', '-b', browser], { env, stdio: 'pipe' });
}

/** The files of a build that mention `text`. */
function filesContaining(dir: string, text: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.(js|html|json)$/.test(f) && readFileSync(join(dir, f), 'utf8').includes(text),
  );
}

// The Firefox build from the same code: it must build, ask for no more than the Chrome build does, and
// pass Mozilla's addons-linter with no error (Firefox itself cannot run on this machine).
describe('the Firefox build', () => {
  const out = mkdtempSync(join(tmpdir(), 'vaultshare-firefox-'));
  const dir = join(out, 'firefox-mv2');
  beforeAll(() => {
    productionBuild(out, 'firefox');
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('has least-privilege permissions: no host permission until the user signs in to a server', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.permissions.sort()).toEqual(['alarms', 'clipboardWrite', 'idle', 'menus', 'storage']);
    expect(manifest.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest.browser_specific_settings.gecko.id).toBe('vaultshare@vaultshare.dev');
  });

  it('ships only the product: no test hook, no Chrome-only offscreen clipboard page', () => {
    expect(filesContaining(dir, '__vaultshareTest')).toEqual([]);
    expect(existsSync(join(dir, 'clipboard.html'))).toBe(false);
    expect(existsSync(join(dir, 'popup.html'))).toBe(true);
  });

  it('passes addons-linter with no errors', () => {
    let report: string;
    try {
      report = execFileSync('npx', ['addons-linter', '--output', 'json', dir], { stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      report = (e as { stdout: string }).stdout; // it exits non-zero when it finds errors
    }
    const result = JSON.parse(report) as { errors: { code: string; message: string }[]; summary: { errors: number } };
    expect(result.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(result.summary.errors).toBe(0);
  }, 120_000);
});

describe('the Chrome production build', () => {
  const out = mkdtempSync(join(tmpdir(), 'vaultshare-chrome-'));
  const dir = join(out, 'chrome-mv3');
  beforeAll(() => productionBuild(out, 'chrome'), 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('carries no test hook, but does carry the offscreen clipboard page the worker needs', () => {
    expect(filesContaining(dir, 'handleSelection').length).toBeGreaterThan(0);
    expect(filesContaining(dir, '__vaultshareTest')).toEqual([]);
    expect(existsSync(join(dir, 'clipboard.html'))).toBe(true);
  });
});

describe('the Chrome build', () => {
  it('asks for the least it needs: no host permission until sign-in, no content scripts, no <all_urls>', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions.sort()).toEqual([
      'alarms',
      'clipboardWrite',
      'contextMenus',
      'idle',
      'offscreen',
      'storage',
    ]);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.content_scripts).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });
});
