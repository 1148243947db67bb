import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { LinkView, SecretSummary } from '../../utils/contract';
import { decryptLink, deriveLinkSecrets, openGrant, parseLinkUrl, toB64url, type Ciphertext } from '../../utils/crypto';
import { updatePolicy } from '../src/services/sharing-policy';
import { dialects, startTestServer, type TestServer } from './support/harness';
import { buildOrg } from './support/org';
import { errorPaths, expectProblem, expectRefused } from './support/problems';
import { VaultClient } from './support/client';
import { createLink, linkBody, fragmentOf, linkInfo, openLink, presentVerifier, verifierFor } from './support/links';
import { databaseBytes, expectAbsent } from './support/bytes';

const HOUR = 3_600_000;

/** A text/plain body as the reader sees it: soft line breaks joined, =XX escapes decoded. */
const quotedPrintable = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

describe.each(dialects)('external links on %s', (dialect) => {
  let s: TestServer;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let secret: SecretSummary;
  let outbox: string;
  const logs: string[] = [];
  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'vaultshare-outbox-'));
    // Generous open limits: this suite opens many links from one address; the limits have their own test.
    // Not quiet, so every request's log line is written, and kept here to check that nothing secret is in it.
    const write = process.stdout.write.bind(process.stdout);
    const keep = (chunk: string | Uint8Array) =>
      String(chunk).startsWith('{"level"') ? (logs.push(String(chunk)), true) : write(chunk);
    vi.spyOn(process.stdout, 'write').mockImplementation(keep as typeof process.stdout.write);
    s = await startTestServer(dialect, {
      outboxDir: outbox,
      linkOpens: { perLink: 100, perNetwork: 1000 },
      quiet: false,
    });
    org = await buildOrg(s);
    secret = await org.alice.createSecret({
      name: 'Partner billing',
      clientSecret: 'sk_live_external_7Qz',
      url: 'https://billing.example.com/v2',
      clientId: 'partner-billing',
    });
    await org.alice.share(secret.id, [{ ...org.bob.me(), canEdit: false }]);
    await updatePolicy(s.store.db, { external: true, maxLinkSeconds: 7 * 86_400 });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await s?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const myLinks = async (who = org.alice) => (await who.call<{ links: LinkView[] }>('GET', '/v1/links')).body.links;

  it('opens once in a browser without an account, shows the fields, then says it is finished', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 1 });
    expect(link.res.status).toBe(201);
    expect(link.res.body).toMatchObject({
      status: 'active',
      remainingAccesses: 1,
      secretName: 'Partner billing',
      hasCode: false,
      recipientEmail: 'partner@example.org',
    });
    expect((await linkInfo(s.url, link.id)).body).toEqual({ status: 'active', code: null });

    const first = await openLink(s.url, link.id, link.fragmentKey);
    expect(first.res.status).toBe(200);
    expect(first.fields).toEqual({
      name: 'Partner billing',
      url: 'https://billing.example.com/v2',
      clientId: 'partner-billing',
      clientSecret: 'sk_live_external_7Qz',
    });
    expect(first.res.body.remainingAccesses).toBe(0);

    expectProblem((await openLink(s.url, link.id, link.fragmentKey)).res, 410, 'link_finished');
    expect((await linkInfo(s.url, link.id)).body).toEqual({ status: 'finished', code: null });
    const mine = (await myLinks()).find((l) => l.id === link.id)!;
    expect(mine).toMatchObject({ status: 'finished', accesses: 1, remainingAccesses: 0 });
    expect(mine.log).toEqual([
      { at: expect.any(String), network: '127.0.0.0/24', browser: expect.any(String), outcome: 'opened' },
    ]);
  });

  it('of 20 simultaneous opens of a one-access link, exactly one gets the ciphertext', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 1 });
    const { verifier } = await verifierFor(link.id, link.fragmentKey);
    const results = await Promise.all(Array.from({ length: 20 }, () => presentVerifier(s.url, link.id, verifier)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectProblem(r, 410, 'link_finished');
    const row = await s.store.db
      .selectFrom('links')
      .select('accesses')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(row.accesses).toBe(1);
    expect((await myLinks()).find((l) => l.id === link.id)!.log).toHaveLength(1);
  });

  it('of 20 simultaneous opens of a three-access link, exactly three succeed', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 3 });
    const { verifier } = await verifierFor(link.id, link.fragmentKey);
    const results = await Promise.all(Array.from({ length: 20 }, () => presentVerifier(s.url, link.id, verifier)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
  });

  it('counts nothing for an unlimited link but still records each access', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: null });
    for (let i = 0; i < 3; i++) expect((await openLink(s.url, link.id, link.fragmentKey)).res.status).toBe(200);
    expect((await myLinks()).find((l) => l.id === link.id)).toMatchObject({
      status: 'active',
      maxAccesses: null,
      remainingAccesses: null,
      accesses: 3,
    });
  });

  it('stops at its expiry', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 5 });
    // Time passing, without the test waiting for it: the expiry moves into the past.
    await s.store.db
      .updateTable('links')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', link.id)
      .execute();
    expectProblem((await openLink(s.url, link.id, link.fragmentKey)).res, 410, 'link_expired');
    expect((await linkInfo(s.url, link.id)).body.status).toBe('expired');
    expect((await myLinks()).find((l) => l.id === link.id)).toMatchObject({ status: 'expired', accesses: 0 });
  });

  it('a revoked link stops working at once; only its sharer can revoke it or see it', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 5 });
    expect((await openLink(s.url, link.id, link.fragmentKey)).res.status).toBe(200);
    await expectRefused(s, 404, 'not_found', () => org.bob.call('POST', `/v1/links/${link.id}/revoke`));
    expect((await myLinks(org.bob)).map((l) => l.id)).not.toContain(link.id);
    const revoked = await org.alice.call<LinkView>('POST', `/v1/links/${link.id}/revoke`);
    expect(revoked.body).toMatchObject({ status: 'revoked', accesses: 1, remainingAccesses: 4 });
    expect(Date.parse(revoked.body.expiresAt)).toBeLessThanOrEqual(Date.now());
    expectProblem((await openLink(s.url, link.id, link.fragmentKey)).res, 410, 'link_revoked');
    expect((await linkInfo(s.url, link.id)).body).toEqual({ status: 'revoked', code: null });
    const audit = await s.store.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('object_id', '=', link.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['link.created', 'link.opened', 'link.revoked', 'link.refused']);
    expect(JSON.parse(audit[3]!.details)).toMatchObject({ reason: 'revoked' });
  });

  it('is paused while its API secret is disabled: refused without counting an access, and opens again once enabled', async () => {
    const other = await org.alice.createSecret({ name: 'Paused partner', clientSecret: 'sk_paused_1' });
    const link = await createLink(org.alice, other, { maxAccesses: 1 });
    const disabled = await org.alice.call<SecretSummary>('POST', `/v1/secrets/${other.id}/disable`, {
      baseRevision: other.revision,
    });
    expect(disabled.status).toBe(200);
    const refused = await openLink(s.url, link.id, link.fragmentKey);
    expect(expectProblem(refused.res, 403, 'link_paused').detail).toMatch(/disabled the API secret/);
    expect((await myLinks()).find((l) => l.id === link.id)).toMatchObject({ status: 'active', accesses: 0 });
    const enabled = await org.alice.call('POST', `/v1/secrets/${other.id}/enable`, {
      baseRevision: disabled.body.revision,
    });
    expect(enabled.status).toBe(200);
    const opened = await openLink(s.url, link.id, link.fragmentKey);
    expect(opened.res.status).toBe(200);
    expect(opened.fields?.clientSecret).toBe('sk_paused_1');
    const reasons = await s.store.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('object_id', '=', link.id)
      .orderBy('id')
      .execute();
    expect(reasons.map((a) => a.action)).toEqual(['link.created', 'link.refused', 'link.opened']);
    expect(JSON.parse(reasons[1]!.details)).toMatchObject({ reason: 'secret_disabled' });
  });

  it('asks for the access code; a wrong code counts against the link and five close it', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 2, code: 'amber-falcon-42' });
    expect((await linkInfo(s.url, link.id)).body).toEqual({ status: 'active', code: { iterations: 600_000 } });
    // The fragment alone is not enough.
    expect(expectProblem((await openLink(s.url, link.id, link.fragmentKey)).res, 403, 'wrong_code').detail).toMatch(
      /4 tries are left/,
    );
    expectProblem((await openLink(s.url, link.id, link.fragmentKey, 'amber-falcon-43')).res, 403, 'wrong_code');
    const right = await openLink(s.url, link.id, link.fragmentKey, ' amber-falcon-42 ');
    expect(right.fields?.clientSecret).toBe('sk_live_external_7Qz');
    const { verifier } = await verifierFor(link.id, link.fragmentKey, 'nope-nope');
    for (let i = 0; i < 2; i++) expectProblem(await presentVerifier(s.url, link.id, verifier), 403, 'wrong_code');
    expectProblem(await presentVerifier(s.url, link.id, verifier), 410, 'link_finished');
    // Closed: the right code no longer opens it.
    expectProblem((await openLink(s.url, link.id, link.fragmentKey, 'amber-falcon-42')).res, 410, 'link_finished');
    const mine = (await myLinks()).find((l) => l.id === link.id)!;
    expect(mine).toMatchObject({ status: 'finished', accesses: 1, remainingAccesses: 1 });
    expect(mine.log.map((l) => l.outcome)).toEqual([
      'wrong_code',
      'wrong_code',
      'opened',
      'wrong_code',
      'wrong_code',
      'wrong_code',
    ]);
  });

  it('records the coarse network and browser family of each opener', async () => {
    const link = await createLink(org.alice, secret, { maxAccesses: 2 });
    const { verifier } = await verifierFor(link.id, link.fragmentKey);
    const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
    expect((await presentVerifier(s.url, link.id, verifier, { 'user-agent': ua })).status).toBe(200);
    expect((await myLinks()).find((l) => l.id === link.id)!.log).toEqual([
      { at: expect.any(String), network: '127.0.0.0/24', browser: 'Firefox', outcome: 'opened' },
    ]);
  });

  it('refuses an expiry beyond the administrator maximum or in the past, and changes nothing', async () => {
    const tooLate = new Date(Date.now() + 8 * 24 * HOUR).toISOString();
    const late = await linkBody(org.alice, secret, { expiresAt: tooLate });
    const made = await expectRefused(s, 422, 'expiry_too_late', () => org.alice.call('POST', '/v1/links', late.body));
    expect(made.detail).toMatch(/at most 7 days/);
    const past = await linkBody(org.alice, secret, { expiresAt: new Date(Date.now() - HOUR).toISOString() });
    await expectRefused(s, 422, 'expiry_in_past', () => org.alice.call('POST', '/v1/links', past.body));
    expect((await createLink(org.alice, secret, { expiresInMs: 7 * 24 * HOUR - 60_000 })).res.status).toBe(201);
  });

  it('validates the recipient email and the maximum accesses', async () => {
    const email = await linkBody(org.alice, secret, { email: 'not-an-email' });
    const bad = await expectRefused(s, 400, 'invalid_request', () => org.alice.call('POST', '/v1/links', email.body));
    expect(bad.errors?.map((e) => e.path)).toEqual(['recipientEmail']);
    const zero = await linkBody(org.alice, secret, { maxAccesses: 0 });
    await expectRefused(s, 400, 'invalid_request', () => org.alice.call('POST', '/v1/links', zero.body));
  });

  it('only the owner may create links; a viewer is refused and a stranger sees nothing', async () => {
    const bobs = await linkBody(org.bob, secret);
    await expectRefused(s, 403, 'forbidden', () => org.bob.call('POST', '/v1/links', bobs.body));
    const { body } = await linkBody(org.alice, secret);
    await expectRefused(s, 404, 'not_found', () => org.dave.call('POST', '/v1/links', body));
    await expectRefused(s, 401, 'unauthenticated', () =>
      new VaultClient(s.url, 'nobody').call('POST', '/v1/links', body),
    );
  });

  it('refuses every link while external sharing is off, and says so', async () => {
    await updatePolicy(s.store.db, { external: false });
    try {
      expect((await org.alice.call('GET', '/v1/sharing/policy')).body).toEqual({
        external: false,
        maxLinkSeconds: 7 * 86_400,
        baseUrl: null,
      });
      const { body } = await linkBody(org.alice, secret);
      await expectRefused(s, 403, 'external_sharing_off', () => org.alice.call('POST', '/v1/links', body));
    } finally {
      await updatePolicy(s.store.db, { external: true });
    }
  });

  it('lets the sharer copy the link again from the grant of its key made for them', async () => {
    const link = await createLink(org.alice, secret);
    const view = (await myLinks()).find((l) => l.id === link.id)!;
    const back = await openGrant(
      view.sharerGrant,
      { subjectKind: 'link', subjectId: link.id },
      org.alice.privateKey,
      org.alice.publicKey,
    );
    expect(toB64url(back)).toBe(fragmentOf(link.fragmentKey));
  });

  it('writes an emailed link to the outbox; a link without an access code cannot be emailed', async () => {
    const plain = await createLink(org.alice, secret);
    await expectRefused(s, 422, 'access_code_required', () =>
      org.alice.call('POST', `/v1/links/${plain.id}/send`, { fragmentKey: fragmentOf(plain.fragmentKey) }),
    );
    expect(readdirSync(outbox)).toEqual([]);
    const link = await createLink(org.alice, secret, { code: 'amber-falcon-42', email: 'recipient@partner.example' });
    await expectRefused(s, 404, 'not_found', () =>
      org.bob.call('POST', `/v1/links/${link.id}/send`, { fragmentKey: fragmentOf(link.fragmentKey) }),
    );
    const sent = await org.alice.call<LinkView>('POST', `/v1/links/${link.id}/send`, {
      fragmentKey: fragmentOf(link.fragmentKey),
    });
    expect(sent.status).toBe(200);
    expect(sent.body.lastEmailedAt).toEqual(expect.any(String));
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = quotedPrintable(readFileSync(join(outbox, files[0]!), 'utf8'));
    expect(eml).toMatch(/^To: recipient@partner\.example$/m);
    expect(eml).toContain(`${s.url}/s/${link.id}#${fragmentOf(link.fragmentKey)}`);
    expect(eml).not.toContain('amber-falcon-42');
    expect(eml).not.toContain('sk_live_external_7Qz');
  });

  it('lists links a page at a time, newest first, each link once, also among links made in the same instant', async () => {
    const own = await org.frank.createSecret({ name: 'Frank’s sandbox', clientSecret: 'sk_frank_1' });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createLink(org.frank, own, { email: `p${i}@partner.example` })).id);
    // Three made within one millisecond: the order (and the cursor) goes on by id.
    await s.store.db
      .updateTable('links')
      .set({ created_at: '2026-01-02T03:04:05.006Z' })
      .where('id', 'in', made.slice(1, 4))
      .execute();
    type Page = { links: LinkView[]; next: string | null };
    const all = (await org.frank.call<Page>('GET', '/v1/links')).body;
    expect(all.next).toBeNull();
    expect(all.links.map((l) => l.id).sort()).toEqual([...made].sort());
    const times = all.links.map((l) => l.createdAt);
    expect(times).toEqual([...times].sort().reverse());

    const pages: Page[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const query: string = cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : 'limit=2';
      const res: { status: number; body: Page } = await org.frank.call<Page>('GET', `/v1/links?${query}`);
      expect(res.status).toBe(200);
      pages.push(res.body);
      cursor = res.body.next;
    }
    expect(pages.map((p) => p.links.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.links.map((l) => l.id))).toEqual(all.links.map((l) => l.id));

    // One secret's links, paged the same way; another user's cursor shows nothing of frank's.
    const first = (await org.frank.call<Page>('GET', `/v1/links?secretId=${own.id}&limit=4`)).body;
    expect(first.links).toHaveLength(4);
    const rest = (await org.frank.call<Page>('GET', `/v1/links?secretId=${own.id}&limit=4&cursor=${first.next}`)).body;
    expect(rest).toEqual({ links: [all.links[4]], next: null });
    const bobs = (await org.bob.call<Page>('GET', `/v1/links?cursor=${pages[0]!.next}`)).body.links;
    expect(bobs.filter((l) => made.includes(l.id))).toEqual([]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=many', 'limit'],
    ['cursor=2026-01-02', 'cursor'],
    ["cursor=x'%20OR%201=1--", 'cursor'],
    ['secretId=nope', 'secretId'],
    ['page=2', ''],
  ])('refuses a list asked for with %s, in words, at that field', async (query, path) => {
    const problem = await expectRefused(s, 400, 'invalid_request', () => org.alice.call('GET', `/v1/links?${query}`));
    if (path) expect(errorPaths(problem)).toEqual([path]);
  });

  it('keeps no client secret, link key, verifier or access code in the database or the logs', async () => {
    const link = await createLink(org.alice, secret, { code: 'amber-falcon-42', maxAccesses: 3 });
    await org.alice.call('POST', `/v1/links/${link.id}/send`, { fragmentKey: fragmentOf(link.fragmentKey) });
    const opened = await openLink(s.url, link.id, link.fragmentKey, 'amber-falcon-42');
    expect(opened.fields?.clientSecret).toBe('sk_live_external_7Qz');
    const derived = await verifierFor(link.id, link.fragmentKey, 'amber-falcon-42');
    const db = await databaseBytes(s);
    const log = Buffer.from(logs.join('\n'));
    expect(logs.length).toBeGreaterThan(10);
    for (const [what, value] of [
      ['client secret', 'sk_live_external_7Qz'],
      ['access code', 'amber-falcon-42'],
      ['fragment key', link.fragmentKey],
      ['link key', derived.linkKey],
      ['verifier', derived.verifier],
    ] as const) {
      expectAbsent(db, `${what} in the database`, value);
      expectAbsent(log, `${what} in the logs`, value);
    }
  });
});

describe('external links by email through a real SMTP server', () => {
  let s: TestServer;
  let smtp: SMTPServer;
  const received: { to: string[]; data: string }[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const { port } = smtp.server.address() as { port: number };
    s = await startTestServer('sqlite', {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'Vaultshare <vault@example.com>',
    });
    await updatePolicy(s.store.db, { external: true, baseUrl: 'https://vault.example.com' });
  });
  afterAll(async () => {
    await s?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('delivers the link to the recipient; the message alone does not open the secret', async () => {
    const org = await buildOrg(s);
    const secret = await org.alice.createSecret({ name: 'Partner billing', clientSecret: 'sk_live_mailed_9Xy' });
    const link = await createLink(org.alice, secret, {
      code: 'quiet-harbor-77',
      email: 'partner@example.org',
      maxAccesses: 1,
    });
    const sent = await org.alice.call<LinkView>('POST', `/v1/links/${link.id}/send`, {
      fragmentKey: fragmentOf(link.fragmentKey),
    });
    expect(sent.status).toBe(200);
    expect(received).toHaveLength(1);
    const mail = { ...received[0]!, data: quotedPrintable(received[0]!.data) };
    expect(mail.to).toEqual(['partner@example.org']);
    expect(mail.data).toMatch(/^Subject: Alice Tester shared an API secret with you/m);
    expect(mail.data).toMatch(/access code, which Alice Tester gives you another way/);
    expect(mail.data).not.toContain('quiet-harbor-77');
    expect(mail.data).not.toContain('sk_live_mailed_9Xy');

    // Everything in the message, plus everything the server holds, still does not decrypt it.
    const url = /https:\/\/vault\.example\.com\/s\/\S+/.exec(mail.data)![0];
    const parsed = parseLinkUrl(url);
    expect(parsed.linkId).toBe(link.id);
    const row = await s.store.db
      .selectFrom('links')
      .select('ciphertext')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    const withoutCode = await deriveLinkSecrets(parsed.fragmentKey, link.id, null);
    await expect(decryptLink(withoutCode.linkKey, link.id, JSON.parse(row.ciphertext) as Ciphertext)).rejects.toThrow(
      /could not be decrypted/,
    );
    // With the code passed another way, the recipient opens it.
    const opened = await openLink(s.url, link.id, parsed.fragmentKey, 'quiet-harbor-77');
    expect(opened.fields?.clientSecret).toBe('sk_live_mailed_9Xy');
  });
});

describe('opening links is rate-limited', () => {
  let s: TestServer;
  afterAll(() => s?.close());

  it('per link and per network', async () => {
    s = await startTestServer('sqlite', { linkOpens: { perLink: 3, perNetwork: 5 } });
    await updatePolicy(s.store.db, { external: true });
    const org = await buildOrg(s);
    const secret = await org.alice.createSecret({ name: 'Limited', clientSecret: 'sk_limited' });
    const a = await createLink(org.alice, secret, { maxAccesses: null });
    const b = await createLink(org.alice, secret, { maxAccesses: null });
    const va = (await verifierFor(a.id, a.fragmentKey)).verifier;
    const vb = (await verifierFor(b.id, b.fragmentKey)).verifier;
    for (let i = 0; i < 3; i++) expect((await presentVerifier(s.url, a.id, va)).status).toBe(200);
    const limited = await presentVerifier(s.url, a.id, va);
    expectProblem(limited, 429, 'too_many_attempts');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) expect((await presentVerifier(s.url, b.id, vb)).status).toBe(200);
    expectProblem(await presentVerifier(s.url, b.id, vb), 429, 'too_many_attempts');
  });
});
