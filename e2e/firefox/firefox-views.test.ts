import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { openStore } from '../../server/src/db/connect';
import { updatePolicy } from '../../server/src/services/sharing-policy';
import { ARTIFACTS_DIR } from '../support/extension';
import { startDemoVault, type RunningVault } from '../support/vault-server';
import {
  bodyText,
  click,
  fill,
  launchFirefox,
  openFromOptions,
  waitForText,
  type FirefoxProfile,
} from './support/firefox';

// The popup's other views in Firefox, in one profile and one popup tab (each Firefox start costs time):
// alice makes an external link from the External card, finds it in the sharing center and revokes it;
// she makes a private group from the Groups view; and she approves bob, whom an administrator put in
// the "Platform team" she manages, from the approval banner. The vault server is real, with the demo
// organisation, external sharing on and the mail going to an outbox folder.
const SECRET = 'Datadog metrics';
const RECIPIENT = 'dana@partner.example';
const GROUP = 'Release managers';
const MANAGED = 'Platform team';

let vault: RunningVault;
let alice: FirefoxProfile;
let popup: Page;
let outbox: string;
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, `firefox-${name}.png`) });

/** `npm run vault -- <args>` against a vault's database, as an administrator types it. */
function vaultCli(sqlitePath: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['server/src/cli/main.ts', ...args], {
      env: { ...process.env, VAULT_DB_PATH: sqlitePath },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`vault ${args.join(' ')}: ${out}`))));
  });
}

/** The text of the first element matching `selector` that contains `text`, as a person reads it. */
const textOf = (page: Page, selector: string, text: string) =>
  page.evaluate(
    (sel, t) => [...document.querySelectorAll<HTMLElement>(sel)].find((e) => e.innerText.includes(t))?.innerText ?? '',
    selector,
    text,
  );

/** Throws with what the page shows, and a screenshot, when `step` fails: a timeout alone says nothing. */
async function showing<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    await shot(page, `${name}-failed`).catch(() => undefined);
    throw new Error(`${name}: the page shows: ${await bodyText(page).catch(() => '?')}`, { cause: e });
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  outbox = mkdtempSync(join(tmpdir(), 'vaultshare-outbox-'));
  vault = await startDemoVault({
    prepare: async (sqlitePath) => {
      // External sharing on, as `npm run vault -- sharing set --external on` does.
      const store = await openStore({ sqlitePath });
      await updatePolicy(store.db, { external: true, maxLinkSeconds: 30 * 86_400 });
      await store.close();
      // In the demo bob is an approved member of the Platform team; the administrator takes him out and
      // puts him back, so he waits for a manager (alice) to approve him.
      await vaultCli(sqlitePath, ['group', 'remove', MANAGED, 'bob']);
      await vaultCli(sqlitePath, ['group', 'add', MANAGED, 'bob']);
    },
    config: { outboxDir: outbox },
  });
  alice = await launchFirefox();
  const person = vault.users.find((u) => u.username === 'alice')!;
  await fill(alice.options, 'Vault server', vault.url);
  await fill(alice.options, 'Username', 'alice');
  await fill(alice.options, 'Password', person.password);
  await click(alice.options, 'button', 'Sign in');
  await waitForText(alice.options, `Signed in as ${person.name}`, 60_000);
  popup = await openFromOptions(alice, 'popup.html');
  await popup.setViewport({ width: 380, height: 560 });
  await showing(popup, 'views-list', () => popup.waitForSelector('[role="option"]', { timeout: 30_000 }));
}, 240_000);
afterAll(async () => {
  await alice?.close();
  await vault?.cleanup();
  if (outbox) rmSync(outbox, { recursive: true, force: true });
});

describe('in Firefox, the External card, the Groups view and approvals', { timeout: 240_000 }, () => {
  it('the External card makes a link, the sharing center lists it and revokes it', async () => {
    await fill(popup, 'Search API secrets', SECRET);
    await click(popup, 'button', `Actions for ${SECRET}`);
    await click(popup, '[role="menuitem"]', 'Share');
    await click(popup, 'button', 'External', { partial: true });
    await showing(popup, 'views-external', async () => {
      await popup.waitForFunction(
        () => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent?.trim() === 'Share externally'),
        { timeout: 30_000 },
      );
      await waitForText(popup, 'Your administrator allows links to last at most 30 days.');
    });
    // A wrong email is refused at its field, before anything is sent.
    await fill(popup, "Recipient's email", 'dana@partner');
    await click(popup, 'button', 'Create link');
    await waitForText(popup, 'This is not a valid email address.');
    await fill(popup, "Recipient's email", RECIPIENT);
    await click(popup, 'button', 'Create link');
    await showing(popup, 'views-external-created', () => waitForText(popup, 'Link created', 60_000));
    const link = await popup.evaluate(
      () =>
        (
          [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Link')?.control as
            HTMLInputElement | undefined
        )?.value,
    );
    expect(link).toMatch(new RegExp(`^${vault.url}/s/[0-9a-f-]{36}#[A-Za-z0-9_-]{43}$`));
    // Without an access code the link is the key: nothing is emailed.
    expect(await bodyText(popup)).toContain('Only a link with an access code can be sent by email');
    expect(readdirSync(outbox)).toEqual([]);
    await shot(popup, 'views-external-created');

    await click(popup, 'button', 'Sharing center');
    const item = () => textOf(popup, 'li.link-item', SECRET);
    await showing(popup, 'views-center', () =>
      popup.waitForFunction(
        (n) =>
          [...document.querySelectorAll<HTMLElement>('li.link-item')].some(
            (li) => li.innerText.includes(n) && li.innerText.includes('Active'),
          ),
        { timeout: 30_000 },
        SECRET,
      ),
    );
    expect(await item()).toContain(RECIPIENT);
    expect(await item()).toContain('Access log: 0 entries');
    await shot(popup, 'views-center');
    await click(popup, 'button', 'Revoke');
    await waitForText(popup, `Revoke the link for ${RECIPIENT}?`);
    await click(popup, '[role="alertdialog"] button', 'Revoke');
    await waitForText(popup, `The link for ${RECIPIENT} no longer works.`);
    expect(await item()).toContain('Revoked');
    expect(await item()).not.toContain('Active');
    await click(popup, 'button', 'Back to the list');
  });

  it('the Groups view lists her groups and makes a private group with bob', async () => {
    await click(popup, 'button', 'Groups');
    await showing(popup, 'views-groups', () => waitForText(popup, 'Private groups'));
    await popup.waitForFunction(() => document.body.innerText.includes('Payments on-call'), { timeout: 30_000 });
    expect(await textOf(popup, 'button', 'Payments on-call')).toContain('Private group · 3 members · Enabled · Owner');
    await shot(popup, 'views-groups');

    await click(popup, 'button', 'New group');
    await waitForText(popup, 'New private group');
    await fill(popup, 'Name', GROUP);
    await fill(popup, 'Search people', 'bob');
    await click(popup, '[role="option"]', 'Bob Silva', { partial: true });
    await click(popup, 'button', 'Save');
    await showing(popup, 'views-group', () =>
      popup.waitForFunction(
        () => document.querySelector('.details__sub')?.textContent === 'Private group · 1 member · Enabled · Owner',
        { timeout: 30_000 },
      ),
    );
    expect(await textOf(popup, 'h2', GROUP)).toBe(GROUP);
    expect(await textOf(popup, 'ul', 'Bob Silva')).toContain('Bob Silva');
    await shot(popup, 'views-group');
    await click(popup, 'button', 'Back to the list');
    await waitForText(popup, 'Private groups');
    expect(await textOf(popup, 'button', GROUP)).toContain('Private group · 1 member · Enabled · Owner');
    await click(popup, 'button', 'Back to the list');
  });

  it('the approval banner leads to bob, pending in her group; she approves him', async () => {
    await showing(popup, 'views-banner', () =>
      waitForText(popup, `1 person waits for your approval to join ${MANAGED}`, 60_000),
    );
    await click(popup, 'button', 'Review');
    await showing(popup, 'views-approvals', () => waitForText(popup, 'Waiting for your approval'));
    const card = await textOf(popup, 'article', `Bob Silva (bob) wants to join ${MANAGED}`);
    expect(card).toContain('Added by an administrator');
    expect(card).toContain('Signing key fingerprint');
    expect(card).toMatch(/([0-9a-f]{4} ){15}[0-9a-f]{4}/);
    await shot(popup, 'views-approvals');
    await click(popup, 'article button', 'Approve');
    await waitForText(popup, `Bob Silva can now open what is shared with ${MANAGED}.`);
    await waitForText(popup, 'Nobody is waiting for your approval.');
    await click(popup, 'button', 'Back to the list');
    await fill(popup, 'Search API secrets', SECRET);
    await popup.waitForSelector('[role="option"]', { timeout: 30_000 });
    expect(await bodyText(popup)).not.toMatch(/waits? for your approval/);
  });
});
