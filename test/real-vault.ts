import { openCache } from '@/utils/cache';
import type { Unlocked } from '@/utils/secrets';
import { createVaultClient, type VaultClient } from '@/utils/vault/client';
import type { VaultClient as TestClient } from '@/server/test/support/client';

/**
 * What the extension's worker holds for one signed-in person, built from a server test client (which
 * enrolled them with real keys): the extension's own vault client with their token, and a fresh cache.
 */
export async function unlockedAs(person: TestClient, serverUrl: string): Promise<Unlocked & { client: VaultClient }> {
  return {
    db: await openCache({ name: `cache-${person.username}` }),
    client: createVaultClient({ serverUrl, getToken: () => person.token }),
    me: {
      userId: person.userId,
      privateKey: person.privateKey,
      publicKey: person.publicKey,
      signingKey: person.signingKey,
      signingPublicKey: person.signingPublicKey,
    },
  };
}

/** A client that records the bodies it sends, to check what a share put on the wire. */
export function recording(client: VaultClient) {
  const sent: { name: string; body: unknown }[] = [];
  const wrapped: VaultClient = {
    call(name, input) {
      sent.push({ name, body: input?.body });
      return client.call(name, input);
    },
  };
  return { client: wrapped, sent };
}
