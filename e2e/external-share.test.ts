import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openStore } from '../server/src/db/connect';
import { updatePolicy } from '../server/src/services/sharing-policy';
import { ARTIFACTS_DIR, CHROMIUM, type ExtensionBrowser } from './support/extension';
import { seriousA11yViolations } from './support/axe';
import { catalogue } from './support/catalogue';
import { findRow, openPopup, signedInProfile } from './support/session';
import { startDemoVault, type RunningVault } from './support/vault-server';

// The External card as a new user follows it: alice makes a link with one access and an access code, has
// the vault server email it (to the outbox), a second browser without the extension or an account opens it
// with the code and sees the client secret, a second open finds it finished, alice's sharing center says
// Finished; another link stops working once alice revokes it. Nothing that opens a link is stored.
const SECRET = 'Datadog metrics';
const CODE = 'amber-falcon-42';
const RECIPIENT = 'dana@partner.example';

let vault: RunningVault;
let alice: ExtensionBrowser;
let plain: Browser;
let outbox: string;
let clientSecret = '';
let firstUrl = '';
let secondUrl = '';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
/** A screenshot in the light theme and one in the dark, each checked by axe (contrast included). */
async function shots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(page, scheme === 'light' ? name : `${name}-dark`);
    expect(await seriousA11yViolations(page, { contrastChecked: true })).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  outbox = mkdtempSync(join(tmpdir(), 'vaultshare-outbox-'));
  vault = await startDemoVault({
    // The administrator turns external sharing on, as `npm run vault -- sharing set --external on` does.
    prepare: async (sqlitePath) => {
      const store = await openStore({ sqlitePath });
      await updatePolicy(store.db, { external: true, maxLinkSeconds: 30 * 86_400 });
      await store.close();
    },
    config: { outboxDir: outbox },
  });
  alice = await signedInProfile(vault, 'alice');
  plain = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});
afterAll(async () => {
  await plain?.close();
  await alice?.close();
  await vault?.cleanup();
  if (outbox) rmSync(outbox, { recursive: true, force: true });
});

/** The recipient's own browser: a fresh context, no extension, no account. */
async function recipientPage(): Promise<Page> {
  const context = await plain.newContext({ locale: 'en-US' });
  return context.newPage();
}

/** Opens the row's Share screen and picks the External card. */
async function openExternal(popup: Page) {
  await findRow(popup, SECRET);
  await popup.getByRole('button', { name: `Actions for ${SECRET}` }).click();
  await popup.getByRole('menuitem', { name: 'Share' }).click();
  await popup.getByRole('button', { name: /^External/ }).click();
  await popup.getByRole('heading', { name: 'Share externally' }).waitFor();
}

// PBKDF2 of the access code (600,000 rounds) runs in the worker and in the page; a busy machine takes a while.
describe('external share, end to end', { timeout: 300_000 }, () => {
  it('alice creates a link with one access and an access code, copies it and has it emailed', async () => {
    const popup = await openPopup(alice);
    await findRow(popup, SECRET);
    await popup.getByRole('option', { name: new RegExp(`^${SECRET}`) }).click();
    await popup.getByRole('button', { name: 'Show' }).click();
    clientSecret = await popup.getByText(/^sk_demo_/).innerText();
    await popup.getByRole('button', { name: 'Back to the list' }).click();

    await findRow(popup, SECRET);
    await popup.getByRole('button', { name: `Actions for ${SECRET}` }).click();
    await popup.getByRole('menuitem', { name: 'Share' }).click();
    await popup.getByRole('button', { name: /^External/ }).waitFor();
    await shots(popup, 'external-1-cards');
    await popup.getByRole('button', { name: /^External/ }).click();
    await popup.getByRole('heading', { name: 'Share externally' }).waitFor();
    await popup.getByText('Your administrator allows links to last at most 30 days.').waitFor();
    await popup.getByText(/gets the API secret as it is now/).waitFor();

    // A wrong email is refused at its field, before anything is sent.
    await popup.getByLabel(/^Recipient's email/).fill('dana@partner');
    await popup.getByRole('button', { name: 'Create link' }).click();
    await popup.getByText('This is not a valid email address.').waitFor();
    await popup.getByLabel(/^Recipient's email/).fill(RECIPIENT);
    expect(await popup.getByLabel('Maximum accesses').inputValue()).toBe('1');
    await popup.getByLabel('Access code').fill(CODE);
    await shots(popup, 'external-2-form');
    await popup.getByRole('button', { name: 'Create link' }).click();
    await popup.getByRole('heading', { name: 'Link created' }).waitFor({ timeout: 120_000 });
    firstUrl = await popup.getByLabel('Link', { exact: true }).inputValue();
    expect(firstUrl).toMatch(new RegExp(`^${vault.url}/s/[0-9a-f-]{36}#[A-Za-z0-9_-]{43}$`));
    await popup.getByText(/without the access code\. Give them the code another way/).waitFor();
    await shots(popup, 'external-3-created');

    await popup.getByRole('button', { name: 'Copy link' }).click();
    await popup.getByText('Link copied. The clipboard will be cleared in 30 seconds.').waitFor();

    await popup.getByRole('button', { name: `Email it to ${RECIPIENT}` }).click();
    await popup.getByText(`Sent to ${RECIPIENT}. Remember to give them the access code another way.`).waitFor();
    const mails = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(mails).toHaveLength(1);
    const eml = readFileSync(join(outbox, mails[0]!), 'utf8');
    const body = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(eml).toContain(`To: ${RECIPIENT}`);
    // The email carries the link (so the server saw its fragment) but neither the code nor the value.
    expect(body).toContain(new URL(firstUrl).pathname);
    expect(body).not.toContain(CODE);
    expect(body).not.toContain(clientSecret);
    await popup.close();
  });

  it('a browser without the extension opens it with the code and sees the client secret, once', async () => {
    const page = await recipientPage();
    await page.goto(firstUrl);
    await page.getByLabel('Access code').fill(CODE);
    await shot(page, 'external-4-recipient-code');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText(clientSecret).waitFor({ timeout: 120_000 });
    await page.getByText(SECRET).first().waitFor();
    await shot(page, 'external-5-recipient-opened');

    await page.goto(firstUrl);
    await page.getByText('This link has already been used the number of times allowed.').waitFor();
    expect(await page.getByText(clientSecret).count()).toBe(0);
    await shot(page, 'external-6-recipient-finished');
    await page.context().close();
  });

  it('alice sees Finished in the sharing center, with the access in its log', async () => {
    const popup = await openPopup(alice);
    await popup.getByRole('button', { name: 'Sharing center' }).click();
    const item = popup.getByRole('listitem', { name: SECRET });
    await item.getByText('Finished').waitFor();
    expect(await item.innerText()).toContain(RECIPIENT);
    expect(await item.getByRole('button').count()).toBe(0);
    await item.getByText('Access log: 1 entry').click();
    await item.getByText('Opened').waitFor();
    await shots(popup, 'external-7-center-finished');
    await popup.close();
  });

  it('a revoked link stops working', async () => {
    const popup = await openPopup(alice);
    await openExternal(popup);
    await popup.getByLabel(/^Recipient's email/).fill(RECIPIENT);
    await popup.getByLabel('Expiration').selectOption({ label: '1 hour' });
    await popup.getByRole('checkbox', { name: 'Unlimited' }).check();
    await popup.getByRole('button', { name: 'Create link' }).click();
    await popup.getByRole('heading', { name: 'Link created' }).waitFor({ timeout: 60_000 });
    secondUrl = await popup.getByLabel('Link', { exact: true }).inputValue();
    await popup.getByText(/Only a link with an access code can be sent by email/).waitFor();

    const page = await recipientPage();
    await page.goto(secondUrl);
    await page.getByRole('button', { name: 'Show the API secret' }).click();
    await page.getByText(clientSecret).waitFor({ timeout: 60_000 });

    // The secret's details list the link beside who has access.
    await popup.getByRole('button', { name: 'Close' }).click();
    await findRow(popup, SECRET);
    await popup.getByRole('option', { name: new RegExp(`^${SECRET}`) }).click();
    const shares = popup.getByRole('region', { name: 'External shares' });
    await shares.getByText(RECIPIENT).waitFor();
    await shares.scrollIntoViewIfNeeded();
    await shots(popup, 'external-8-details-shares');
    await shares.getByRole('button', { name: 'Manage in the sharing center' }).click();

    const item = popup.getByRole('listitem', { name: SECRET }).filter({ hasText: 'Active' });
    await item.getByRole('button', { name: 'Revoke' }).click();
    await popup.getByRole('alertdialog', { name: `Revoke the link for ${RECIPIENT}?` }).waitFor();
    await shots(popup, 'external-9-revoke-confirm');
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await popup.getByText(`The link for ${RECIPIENT} no longer works.`).waitFor();
    expect(await popup.getByRole('listitem', { name: SECRET }).filter({ hasText: 'Active' }).count()).toBe(0);
    expect(await popup.getByText('Revoked', { exact: true }).count()).toBe(1);

    await page.goto(secondUrl);
    await page.getByText('This link was revoked by the person who shared it.').waitFor();
    expect((await page.locator('main').innerText()).trim()).toBe('This link was revoked by the person who shared it.');
    await shot(page, 'external-10-recipient-revoked');
    await page.context().close();
    await popup.close();
  });

  it.each(['pt-BR', 'es'])('the External screen and the sharing center speak %s', async (lang) => {
    const say = catalogue(lang);
    const profile = await signedInProfile(vault, 'alice', lang);
    try {
      const popup = await openPopup(profile);
      await popup.getByRole('combobox', { name: say('searchLabel') }).fill(SECRET);
      await popup.getByRole('button', { name: say('actionsFor', SECRET) }).click();
      await popup.getByRole('menuitem', { name: say('actionShare') }).click();
      await popup.getByRole('button', { name: new RegExp(`^${say('externalCard')}`) }).click();
      await popup.getByRole('heading', { name: say('externalTitle') }).waitFor();
      await popup.getByText(say('linkMaxLifetime', say('durationDaysOther', '30'))).waitFor();
      await popup.getByLabel(new RegExp(`^${say('linkRecipientEmail')}`)).fill('dana@');
      await popup.getByRole('button', { name: say('linkCreate') }).click();
      await popup.getByText(say('linkEmailInvalid')).waitFor();
      await shots(popup, `external-2-form-${lang}`);
      await popup.getByRole('button', { name: say('sharingCenter') }).click();
      const item = popup.getByRole('listitem', { name: SECRET }).filter({ hasText: say('linkStatusFinished') });
      await item.getByText(say('linkRemaining')).waitFor();
      await popup.getByText(say('linkStatusRevoked'), { exact: true }).waitFor();
      // The subtitle wraps rather than being cut ("Links que você compartilhou com pessoas fora do c…").
      const sub = popup.getByText(say('sharingCenterSub'), { exact: true });
      expect(await sub.evaluate((e) => e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth)).toBe(false);
      await shots(popup, `external-7-center-${lang}`);
    } finally {
      await profile.close();
    }
  });

  it('the database holds neither the client secret, nor a link key, nor the access code', () => {
    const files = [vault.sqlitePath, `${vault.sqlitePath}-wal`].filter(existsSync);
    const stored = Buffer.concat(files.map((f) => readFileSync(f))).toString('latin1');
    for (const url of [firstUrl, secondUrl]) expect(stored).not.toContain(new URL(url).hash.slice(1));
    expect(stored).not.toContain(CODE);
    expect(stored).not.toContain(clientSecret);
  });
});
