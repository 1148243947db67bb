import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { SecretSummary } from '../utils/contract';
import { linkUrl } from '../utils/crypto';
import { updatePolicy } from '../server/src/services/sharing-policy';
import { startTestServer, type TestServer } from '../server/test/support/harness';
import { buildOrg } from '../server/test/support/org';
import { createLink } from '../server/test/support/links';
import { ARTIFACTS_DIR, CHROMIUM } from './support/extension';

// The page a recipient opens, in a plain Chromium without the extension or an account: it decrypts with the
// key from the fragment and the access code, and says in one sentence when a link has ended.
let s: TestServer;
let browser: Browser;
let org: Awaited<ReturnType<typeof buildOrg>>;
let secret: SecretSummary;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  s = await startTestServer('sqlite');
  await updatePolicy(s.store.db, { external: true });
  org = await buildOrg(s);
  secret = await org.alice.createSecret({
    name: 'Partner billing',
    clientSecret: 'sk_live_page_4Rt',
    url: 'https://billing.example.com/v2',
    clientId: 'partner-billing',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** A fresh browser context, as a recipient's own browser: no extension, no cookies, a given language. */
async function recipient(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const context = await browser.newContext({ locale, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return { context, page, violations };
}

// Each open stretches the access code with PBKDF2 (600,000 rounds) in the page; on a busy machine that takes a while.
describe('the link page', { timeout: 240_000 }, () => {
  it('asks for the access code, shows the fields with Copy buttons, then says the link is finished', async () => {
    const link = await createLink(org.alice, secret, { code: 'amber-falcon-42', maxAccesses: 1 });
    const url = linkUrl(s.url, link.id, link.fragmentKey);
    const { context, page, violations } = await recipient();
    const res = await page.goto(url);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-robots-tag']).toMatch(/noindex/);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/noindex/);

    await page.getByLabel('Access code').waitFor();
    // The key is out of the address bar as soon as the page has it.
    expect(page.url()).toBe(`${s.url}/s/${link.id}`);
    await shot(page, 'link-1-code');
    await page.getByLabel('Access code').fill('wrong-code-1');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('This access code is not right').waitFor({ timeout: 90_000 });
    await shot(page, 'link-2-wrong-code');
    await page.getByLabel('Access code').fill('amber-falcon-42');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('sk_live_page_4Rt').waitFor({ timeout: 90_000 });
    for (const text of ['Partner billing', 'https://billing.example.com/v2', 'partner-billing'])
      await expect(page.getByText(text).first().isVisible()).resolves.toBe(true);
    expect(await page.getByText('This was the last access').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Copy: Client secret' }).click();
    await page.getByRole('button', { name: 'Copy: Client secret' }).filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('sk_live_page_4Rt');
    await shot(page, 'link-3-opened');
    expect(violations).toEqual([]);

    // Opening it again: one sentence and nothing else.
    await page.goto(url);
    await page.getByText('This link has already been used the number of times allowed.').waitFor();
    expect((await page.locator('main').innerText()).trim()).toBe(
      'This link has already been used the number of times allowed.',
    );
    await shot(page, 'link-4-finished');
    await context.close();
  });

  it("a revoked link stops working; the page speaks the reader's language", async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 3 });
    const url = linkUrl(s.url, link.id, link.fragmentKey);
    const pt = await recipient('pt-BR');
    await pt.page.goto(url);
    await pt.page.getByRole('button', { name: 'Mostrar o segredo de API' }).click();
    await pt.page.getByText('sk_live_page_4Rt').waitFor({ timeout: 90_000 });
    expect(await pt.page.getByText('Este link ainda pode ser aberto mais 2 vezes.').isVisible()).toBe(true);
    await shot(pt.page, 'link-5-opened-pt-BR');

    expect((await org.alice.call('POST', `/v1/links/${link.id}/revoke`)).status).toBe(200);
    const es = await recipient('es-ES');
    await es.page.goto(url);
    await es.page.getByText('La persona que compartió este enlace lo revocó.').waitFor();
    expect((await es.page.locator('main').innerText()).trim()).toBe('La persona que compartió este enlace lo revocó.');
    await shot(es.page, 'link-6-revoked-es');
    await pt.page.goto(url);
    await pt.page.getByText('Este link foi revogado por quem o compartilhou.').waitFor();
    await pt.context.close();
    await es.context.close();
  });

  it('a link without its fragment says it is incomplete', async () => {
    const link = await createLink(org.alice, secret);
    const { context, page } = await recipient();
    await page.goto(`${s.url}/s/${link.id}`);
    await page.getByText('This link is incomplete.').waitFor();
    await context.close();
  });
});
