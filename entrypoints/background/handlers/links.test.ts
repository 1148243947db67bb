import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createGrant,
  decryptLink,
  deriveLinkSecrets,
  encryptSecret,
  generateKeyPair,
  isSigned,
  linkVerifierHash,
  newSigningKeys,
  newItemKey,
  parseLinkUrl,
  signGrant,
  toB64url,
  type KeyPair,
} from '@/utils/crypto';
import { openCache } from '@/utils/cache';
import type { CreateLinkRequest, LinkView } from '@/utils/contract';
import type { VaultSession } from '@/utils/session';
import type { SyncEngine } from '@/utils/sync';
import { fakeClient } from '@/test/fake-client';
import { secret, uuid } from '@/test/fixtures';
import { createUnlockedWork } from '../unlocked';
import { createLinksHandlers } from './links';

const ME = uuid();
let me: KeyPair;
beforeEach(async () => {
  fakeBrowser.reset();
  me = await generateKeyPair();
});

/** A vault server in memory that keeps the links it is given, and a worker signed in to it. */
async function setup(baseUrl: string | null = null, signing?: Awaited<ReturnType<typeof newSigningKeys>>) {
  const summary = secret({ name: 'Partner billing', url: 'https://billing.example.com', clientId: 'partner-billing' });
  const itemKey = newItemKey();
  const reveal = {
    secretId: summary.id,
    valueRevision: 1,
    value: await encryptSecret(itemKey, summary.id, 1, { clientSecret: 'sk_live_worker_1' }),
    keyPath: {
      via: 'user' as const,
      grant: await createGrant(
        {
          subjectKind: 'secret',
          subjectId: summary.id,
          recipientKind: 'user',
          recipientId: ME,
          recipientPublicKey: me.publicKey,
        },
        itemKey,
      ),
    },
  };
  const links: { body: CreateLinkRequest; view: LinkView }[] = [];
  const sent: string[] = [];
  const { client } = fakeClient({
    sharingPolicy: () => ({ external: true, maxLinkSeconds: 30 * 86_400, baseUrl }),
    getSecret: () => summary,
    revealSecret: () => reveal,
    createLink: ({ body }) => {
      const b = body as unknown as CreateLinkRequest;
      const view: LinkView = {
        id: b.id,
        secretId: b.secretId,
        secretName: summary.name,
        recipientEmail: b.recipientEmail,
        createdAt: new Date().toISOString(),
        expiresAt: b.expiresAt,
        maxAccesses: b.maxAccesses,
        accesses: 0,
        remainingAccesses: b.maxAccesses,
        status: 'active',
        hasCode: b.code !== null,
        revokedAt: null,
        lastEmailedAt: null,
        sharerGrant: b.sharerGrant,
        log: [],
      };
      links.push({ body: b, view });
      return view;
    },
    listLinks: () => ({ links: links.map((l) => l.view), next: null }),
    sendLink: ({ body }) => (sent.push((body as unknown as { fragmentKey: string }).fragmentKey), links[0]!.view),
  });
  const session = {
    unlocked: () => ({
      client,
      owner: { userId: ME, serverUrl: 'https://vault.example' },
      me: {
        userId: ME,
        privateKey: me.privateKey,
        publicKey: me.publicKey,
        signingKey: signing?.signingKey,
        signingPublicKey: signing?.signingPublicKey ?? null,
      },
    }),
    lock: vi.fn(),
  } as unknown as VaultSession;
  const engine = { run: vi.fn(async () => ({ ok: true })) } as unknown as SyncEngine;
  const handlers = createLinksHandlers(createUnlockedWork({ db: () => openCache(), session, engine }), session);
  return { handlers, summary, links, sent };
}

const draft = (secretId: string, accessCode: string | null) => ({
  secretId,
  recipientEmail: 'partner@example.org',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  maxAccesses: 1,
  accessCode,
});

describe('the worker’s external link handlers', () => {
  it('makes a link whose ciphertext opens with the URL and the access code, and with nothing less', async () => {
    const { handlers, summary, links } = await setup();
    const { url, link } = await handlers.createExternalLink(draft(summary.id, 'amber-falcon-42'));
    const parsed = parseLinkUrl(url);
    expect(url.startsWith(`https://vault.example/s/${link.id}#`)).toBe(true);
    const { body } = links[0]!;
    expect(body.code).toEqual({ iterations: 600_000 });
    const right = await deriveLinkSecrets(parsed.fragmentKey, link.id, {
      code: 'amber-falcon-42',
      iterations: 600_000,
    });
    expect(body.verifierHash).toBe(await linkVerifierHash(right.verifier));
    expect(await decryptLink(right.linkKey, link.id, body.ciphertext)).toEqual({
      name: 'Partner billing',
      url: 'https://billing.example.com',
      clientId: 'partner-billing',
      clientSecret: 'sk_live_worker_1',
    });
    const fragmentOnly = await deriveLinkSecrets(parsed.fragmentKey, link.id, null);
    await expect(decryptLink(fragmentOnly.linkKey, link.id, body.ciphertext)).rejects.toThrow(/could not be decrypted/);
    // Nothing the server received holds the client secret or the fragment key.
    const sentText = JSON.stringify(body);
    expect(sentText).not.toContain('sk_live_worker_1');
    expect(sentText).not.toContain(toB64url(parsed.fragmentKey));
  });

  it('refuses an access code the link page would refuse, before opening the value or sending anything', async () => {
    const { handlers, summary, links } = await setup();
    for (const code of ['abc', ' 12345 ', 'x'.repeat(129)])
      await expect(handlers.createExternalLink(draft(summary.id, code))).rejects.toMatchObject({
        code: 'invalid_request',
      });
    expect(links).toEqual([]);
  });

  it('copies a link again and emails it with the key kept for the sharer', async () => {
    const { handlers, summary, sent } = await setup('https://links.example.com');
    const { url, link } = await handlers.createExternalLink(draft(summary.id, 'amber-falcon-42'));
    expect(url.startsWith('https://links.example.com/s/')).toBe(true);
    expect((await handlers.copyExternalLink({ linkId: link.id })).url).toBe(url);
    await handlers.emailExternalLink({ linkId: link.id });
    expect(sent).toEqual([url.split('#')[1]]);
    await expect(handlers.copyExternalLink({ linkId: uuid() })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('signs the sharer’s own copy of the link key, and refuses to copy a link whose copy the server replaced', async () => {
    const signing = await newSigningKeys();
    const { handlers, summary, links } = await setup(null, signing);
    const { url, link } = await handlers.createExternalLink(draft(summary.id, 'amber-falcon-42'));
    const original = links[0]!.view.sharerGrant;
    expect(isSigned(original) && original.granterId).toBe(ME);
    expect((await handlers.copyExternalLink({ linkId: link.id })).url).toBe(url);

    // the server swaps in a grant of a key it chose: unsigned, then signed by someone else
    const theirs = await createGrant(
      {
        subjectKind: 'link',
        subjectId: link.id,
        recipientKind: 'user',
        recipientId: ME,
        recipientPublicKey: me.publicKey,
      },
      newItemKey(),
    );
    links[0]!.view.sharerGrant = theirs;
    await expect(handlers.copyExternalLink({ linkId: link.id })).rejects.toMatchObject({
      code: 'untrusted_grant',
      detail:
        'The key for the link to “Partner billing” is not signed, though this device has seen it signed before. The server may have replaced it; nothing was opened.',
    });
    const mallory = await newSigningKeys();
    links[0]!.view.sharerGrant = await signGrant(theirs, { subjectKind: 'link', subjectId: link.id }, 1, {
      id: ME,
      signingKey: mallory.signingKey,
    });
    await expect(handlers.emailExternalLink({ linkId: link.id })).rejects.toMatchObject({ code: 'untrusted_grant' });
    links[0]!.view.sharerGrant = original;
    expect((await handlers.copyExternalLink({ linkId: link.id })).url).toBe(url);
  });
});
