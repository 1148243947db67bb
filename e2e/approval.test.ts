import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, type ExtensionBrowser } from './support/extension';
import { seriousA11yViolations } from './support/axe';
import { findRow, openPopup, signedInProfile } from './support/session';
import { startDemoVault, type RunningVault } from './support/vault-server';

// VEP/2's approval of group members (docs/crypto.md, "Group members: approval"), as people meet it: an
// administrator puts bob in the "Platform team" with the command-line tool; bob reads nothing shared with
// the group until alice, its manager, approves him in her popup after seeing who he is and his fingerprints.
const GROUP = 'Platform team';
const SECRET = 'Sentry releases'; // shared with the Platform team only (the demo's sharing)

let vault: RunningVault;
let alice: ExtensionBrowser | undefined;
let bob: ExtensionBrowser | undefined;
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });

/** `npm run vault -- <args>` against the running vault's database, as an administrator types it. */
function vaultCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['server/src/cli/main.ts', ...args], {
      env: { ...process.env, VAULT_DB_PATH: vault.sqlitePath },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`vault ${args.join(' ')}: ${out}`))));
  });
}

/** Whether the popup lists a secret of that name, once the list has settled after a sync. */
async function lists(popup: Page, name: string): Promise<boolean> {
  await popup.getByRole('combobox', { name: 'Search API secrets' }).fill(name);
  await popup.waitForTimeout(300);
  return (await popup.getByRole('option', { name: new RegExp(`^${name}`) }).count()) > 0;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  vault = await startDemoVault();
});
afterAll(async () => {
  await bob?.close();
  await alice?.close();
  await vault?.cleanup();
});

describe('a member added by an administrator waits for a manager’s approval', () => {
  it('the administrator adds bob with the command-line tool: he is pending, and reads nothing of the group', async () => {
    // In the demo bob is already an approved member; the administrator takes him out and puts him back.
    await vaultCli(['group', 'remove', GROUP, 'bob']);
    expect(await vaultCli(['group', 'add', GROUP, 'bob'])).toContain(
      `Added bob to "${GROUP}" as a pending member; a manager approves them in the extension`,
    );
    bob = await signedInProfile(vault, 'bob');
    const popup = await openPopup(bob);
    await findRow(popup, 'Stripe production'); // shared with bob directly: his list has loaded
    expect(await lists(popup, SECRET)).toBe(false);
    // bob manages no group: no approval banner for him
    expect(await popup.getByText(/wait(s)? for your approval/).count()).toBe(0);
    await popup.close();
  });

  it('alice, the group’s manager, sees the banner, checks who bob is and approves him', async () => {
    alice = await signedInProfile(vault, 'alice');
    const popup = await openPopup(alice);
    const banner = popup.getByRole('status').filter({ hasText: 'waits for your approval' });
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.innerText()).toContain(`1 person waits for your approval to join ${GROUP}`);
    await shot(popup, 'approval-1-banner');
    await banner.getByRole('button', { name: 'Review' }).click();

    await popup.getByRole('heading', { name: 'Waiting for your approval' }).waitFor();
    const card = popup.getByRole('article', { name: `Bob Silva (bob) wants to join ${GROUP}` });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('Added by an administrator');
    expect(text).toContain('Key fingerprint');
    expect(text).toContain('Signing key fingerprint');
    expect(text).toMatch(/([0-9a-f]{4} ){15}[0-9a-f]{4}/);
    await shot(popup, 'approval-2-view');
    expect(await seriousA11yViolations(popup)).toEqual([]);

    await card.getByRole('button', { name: 'Approve' }).click();
    await popup.getByText(`Bob Silva can now open what is shared with ${GROUP}.`).waitFor();
    await popup.getByText('Nobody is waiting for your approval.').waitFor();
    await shot(popup, 'approval-3-approved');
    await popup.getByRole('button', { name: 'Back' }).click();
    await findRow(popup, SECRET);
    expect(await popup.getByText(/waits? for your approval/).count()).toBe(0);
    await popup.close();
  });

  it('after the approval bob lists the secret and reveals its client secret', async () => {
    const popup = await openPopup(bob!);
    await expect.poll(() => lists(popup, SECRET), { timeout: 30_000 }).toBe(true);
    await popup.getByRole('option', { name: new RegExp(`^${SECRET}`) }).click();
    await popup.getByRole('button', { name: 'Show' }).click();
    expect(await popup.getByText(/^sk_demo_/).innerText()).toMatch(/^sk_demo_/);
    await shot(popup, 'approval-4-bob-reads');
    await popup.close();
  });
});
