import {
  createGrant,
  decryptLink,
  deriveLinkSecrets,
  encryptLink,
  fromB64url,
  linkVerifierHash,
  newId,
  newLinkKey,
  toB64url,
  type Ciphertext,
} from '../../../utils/crypto';
import type { LinkView, PublicLinkInfo, SecretSummary } from '../../../utils/contract';
import type { Res, VaultClient } from './client';

/** The product's PBKDF2 count for access codes; the server refuses fewer. */
export const CODE_ITERATIONS = 600_000;

export type MadeLink = { id: string; fragmentKey: Uint8Array; res: Res<LinkView> };

/**
 * Creates a link as the extension does: reveals the secret on "the sharer's device", encrypts a copy of its
 * fields under the link's own key, and uploads the ciphertext, the verifier's hash and the sharer's grant.
 */
type LinkOptions = {
  code?: string;
  maxAccesses?: number | null;
  expiresInMs?: number;
  expiresAt?: string;
  email?: string;
};

export async function createLink(
  sharer: VaultClient,
  secret: SecretSummary,
  opts: LinkOptions = {},
): Promise<MadeLink> {
  const { id, fragmentKey, body } = await linkBody(sharer, secret, opts);
  return { id, fragmentKey, res: await sharer.call<LinkView>('POST', '/v1/links', body) };
}

/** The body of a link creation as `sharer`'s extension would make it. */
export async function linkBody(sharer: VaultClient, secret: SecretSummary, opts: LinkOptions = {}) {
  const id = newId();
  const fragmentKey = newLinkKey();
  const code = opts.code ? { code: opts.code, iterations: CODE_ITERATIONS } : null;
  const { linkKey, verifier } = await deriveLinkSecrets(fragmentKey, id, code);
  const fields = {
    name: secret.name,
    url: secret.url,
    clientId: secret.clientId,
    clientSecret: await sharer.reveal(secret.id),
  };
  const body = {
    id,
    secretId: secret.id,
    recipientEmail: opts.email ?? 'partner@example.org',
    expiresAt: opts.expiresAt ?? new Date(Date.now() + (opts.expiresInMs ?? 3_600_000)).toISOString(),
    maxAccesses: opts.maxAccesses === undefined ? 1 : opts.maxAccesses,
    ciphertext: await encryptLink(linkKey, id, fields),
    verifierHash: await linkVerifierHash(verifier),
    code: code ? { iterations: CODE_ITERATIONS } : null,
    sharerGrant: await createGrant(
      {
        subjectKind: 'link',
        subjectId: id,
        recipientKind: 'user',
        recipientId: sharer.userId,
        recipientPublicKey: sharer.publicKey,
      },
      fragmentKey,
    ),
  };
  return { id, fragmentKey, body };
}

async function call<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Res<T>> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export const linkInfo = (base: string, id: string) => call<PublicLinkInfo>(base, 'GET', `/v1/public/links/${id}`);

/** The verifier a recipient's page would present for this fragment and code. */
export async function verifierFor(id: string, fragmentKey: Uint8Array, code?: string) {
  return deriveLinkSecrets(fragmentKey, id, code ? { code, iterations: CODE_ITERATIONS } : null);
}

/** Presents a verifier, as the link page does, without an account. */
export const presentVerifier = (base: string, id: string, verifier: string, headers: Record<string, string> = {}) =>
  call<{ ciphertext: Ciphertext; remainingAccesses: number | null }>(
    base,
    'POST',
    `/v1/public/links/${id}/open`,
    { verifier },
    headers,
  );

/** Opens a link end to end as a recipient would: derive, present, decrypt. */
export async function openLink(base: string, id: string, fragmentKey: Uint8Array, code?: string) {
  const s = await verifierFor(id, fragmentKey, code);
  const res = await presentVerifier(base, id, s.verifier);
  const fields = res.status === 200 ? await decryptLink(s.linkKey, id, res.body.ciphertext) : undefined;
  return { res, fields };
}

export const fragmentOf = (k: Uint8Array) => toB64url(k);
export const keyOf = (s: string) => fromB64url(s);
