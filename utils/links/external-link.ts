import {
  VepError,
  createGrant,
  createSignedGrant,
  deriveLinkSecrets,
  encryptLink,
  linkUrl,
  linkVerifierHash,
  newId,
  newLinkKey,
  normaliseAccessCode,
  openGrant,
  toB64url,
} from '@/utils/crypto';
import type { LinkView } from '@/utils/contract';
import { revealSecret, type Unlocked } from '@/utils/secrets';
import { VaultError } from '@/utils/vault/errors';
import { verifyOwnLinkGrant } from '@/utils/session/grant-trust';
import { deviceTrust } from '@/utils/secrets/device-trust';

/** The product's PBKDF2 count for an access code (docs/crypto.md, "External links"). */
export const CODE_ITERATIONS = 600_000;

/** What the External screen asks for. `accessCode` null: the link opens with the URL alone. */
export type LinkDraft = {
  secretId: string;
  recipientEmail: string;
  expiresAt: string;
  maxAccesses: number | null;
  accessCode: string | null;
};

/** Where links point: the administrator's base URL, else the vault server the extension signed in to. */
async function linkBase(u: Unlocked, serverUrl: string): Promise<string> {
  return (await u.client.call('sharingPolicy')).baseUrl ?? serverUrl;
}

/**
 * Makes an external link on this device: the client secret is opened here, a copy of the fields is encrypted
 * under the link's own key (never the itemKey), and the server receives only that ciphertext, the verifier's
 * hash and the fragment key granted to the sharer. The value shared is the one at this moment.
 * @returns the link as the server lists it, and its URL (with the key in the fragment) to copy
 */
export async function createExternalLink(
  u: Unlocked,
  serverUrl: string,
  d: LinkDraft,
): Promise<{ link: LinkView; url: string }> {
  // A code the page would refuse is refused here, before the value is opened or anything is sent.
  let accessCode: string | null = null;
  try {
    accessCode = d.accessCode === null ? null : normaliseAccessCode(d.accessCode);
  } catch (e) {
    throw new VaultError('invalid_request', { detail: e instanceof Error ? e.message : String(e) });
  }
  const base = await linkBase(u, serverUrl);
  const summary = await u.client.call('getSecret', { params: { id: d.secretId } });
  const { clientSecret } = await revealSecret(u, d.secretId);
  const id = newId();
  const fragmentKey = newLinkKey();
  try {
    const code = accessCode ? { code: accessCode, iterations: CODE_ITERATIONS } : null;
    const { linkKey, verifier } = await deriveLinkSecrets(fragmentKey, id, code);
    const ciphertext = await encryptLink(linkKey, id, {
      name: summary.name,
      url: summary.url,
      clientId: summary.clientId,
      clientSecret,
    });
    linkKey.fill(0);
    const target = {
      subjectKind: 'link' as const,
      subjectId: id,
      recipientKind: 'user' as const,
      recipientId: u.me.userId,
      recipientPublicKey: u.me.publicKey,
    };
    // Signed by the sharer (granter = recipient, revision 1), so that "Copy link" can tell it is theirs.
    const sharerGrant = u.me.signingKey
      ? await createSignedGrant(target, fragmentKey, 1, { id: u.me.userId, signingKey: u.me.signingKey })
      : await createGrant(target, fragmentKey);
    const link = await u.client.call('createLink', {
      body: {
        id,
        secretId: d.secretId,
        recipientEmail: d.recipientEmail,
        expiresAt: d.expiresAt,
        maxAccesses: d.maxAccesses,
        ciphertext,
        verifierHash: await linkVerifierHash(verifier),
        code: code ? { iterations: CODE_ITERATIONS } : null,
        sharerGrant,
      },
    });
    return { link, url: linkUrl(base, id, fragmentKey) };
  } finally {
    fragmentKey.fill(0);
  }
}

/**
 * Opens the sharer's own grant of a link's fragment key, after checking that the sharer signed it (docs/crypto.md,
 * "Limits of VEP/2", external links): a key the server put there instead would make a copied link carry a key it
 * knows. An unsigned grant (a link made before links were signed) opens only while this device has not seen
 * that link's grant signed.
 * @throws {@link VaultError} `untrusted_grant` naming the link's secret
 */
async function fragmentKeyOf(u: Unlocked, link: LinkView): Promise<Uint8Array> {
  try {
    await verifyOwnLinkGrant(
      { id: link.id, label: link.secretName, grant: link.sharerGrant },
      { userId: u.me.userId, signingPublicKey: u.me.signingPublicKey },
      deviceTrust(u.db),
    );
  } catch (e) {
    if (e instanceof VepError) throw new VaultError('untrusted_grant', { detail: e.message });
    throw e;
  }
  return openGrant(link.sharerGrant, { subjectKind: 'link', subjectId: link.id }, u.me.privateKey, u.me.publicKey);
}

/** The URL of one of the sharer's links again, for "Copy link" in the sharing center. */
export async function externalLinkUrl(u: Unlocked, serverUrl: string, link: LinkView): Promise<string> {
  const key = await fragmentKeyOf(u, link);
  try {
    return linkUrl(await linkBase(u, serverUrl), link.id, key);
  } finally {
    key.fill(0);
  }
}

/** Emails a link (one with an access code) to its recipient; the server writes the message and keeps none of it. */
export async function emailExternalLink(u: Unlocked, link: LinkView): Promise<LinkView> {
  const key = await fragmentKeyOf(u, link);
  try {
    return await u.client.call('sendLink', { params: { id: link.id }, body: { fragmentKey: toB64url(key) } });
  } finally {
    key.fill(0);
  }
}
