import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './support/extension';

// The Firefox build from the same code: it must build, ask for no more than the Chrome build does, and
// pass Mozilla's addons-linter with no error (Firefox itself cannot run on this machine).
describe('the Firefox build', () => {
  const out = mkdtempSync(join(tmpdir(), 'vaultshare-firefox-'));
  const dir = join(out, 'firefox-mv2');
  beforeAll(() => {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { env: { ...process.env, WXT_OUT_DIR: out }, stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('has least-privilege permissions: no host permission until the user signs in to a server', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.permissions.sort()).toEqual(['alarms', 'clipboardWrite', 'idle', 'menus', 'storage']);
    expect(manifest.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest.browser_specific_settings.gecko.id).toBe('vaultshare@vaultshare.dev');
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

describe('the Chrome build', () => {
  it('asks for the least it needs: no host permission until sign-in, no content scripts, no <all_urls>', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions.sort()).toEqual(['alarms', 'clipboardWrite', 'contextMenus', 'idle', 'offscreen', 'storage']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.content_scripts).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });
});
