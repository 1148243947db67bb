import { createGrant, encryptSecret, newItemKey, signGrant } from '@/utils/crypto';
import type { RevealResponse, Signer } from '@/utils/contract';

/** Who signs the grants of an answer (VEP/2), with their signing key; without one the grants are VEP/1. */
export type ValuesSigner = { person: Signer; signingKey: CryptoKey };

/**
 * The values route (`POST /v1/secrets/values`) of a fake server, with real VEP/1: each client secret is
 * encrypted under its own item key, granted to the caller's public key when asked for (and signed, when a
 * signer is given). Tests change a
 * value (new revision), disable or hide a secret, and read which ids each call asked for.
 */
export function fakeValues() {
  const values = new Map<string, { clientSecret: string; valueRevision: number; hidden?: boolean }>();
  const batches: string[][] = [];

  async function reveal(
    secretId: string,
    publicKey: string,
    recipientId: string,
    signer?: ValuesSigner,
  ): Promise<RevealResponse | undefined> {
    const v = values.get(secretId);
    if (!v || v.hidden) return undefined;
    const itemKey = newItemKey();
    const value = await encryptSecret(itemKey, secretId, v.valueRevision, { clientSecret: v.clientSecret });
    const grant = await createGrant(
      { subjectKind: 'secret', subjectId: secretId, recipientKind: 'user', recipientId, recipientPublicKey: publicKey },
      itemKey,
    );
    if (!signer) return { secretId, value, valueRevision: v.valueRevision, keyPath: { via: 'user', grant } };
    const subject = { subjectKind: 'secret' as const, subjectId: secretId };
    const signed = await signGrant(grant, subject, 1, { id: signer.person.id, signingKey: signer.signingKey });
    return {
      secretId,
      value,
      valueRevision: v.valueRevision,
      keyRevision: 1,
      keyPath: { via: 'user', grant: signed, signer: signer.person },
    };
  }

  return {
    values,
    batches,
    set: (secretId: string, clientSecret: string, valueRevision = 1) =>
      void values.set(secretId, { clientSecret, valueRevision }),
    /** The route's answer for a caller: only the ids it can see. */
    async answer(
      ids: string[],
      me: { id: string; publicKey: string },
      signer?: ValuesSigner,
    ): Promise<{ items: RevealResponse[] }> {
      batches.push(ids);
      const items = await Promise.all(ids.map((id) => reveal(id, me.publicKey, me.id, signer)));
      return { items: items.filter((i): i is RevealResponse => !!i) };
    },
  };
}
