import type { Handlers, SecretsProtocol } from '@/utils/messaging';
import { createSecret, revealSecret, setSecretStatus, updateSecret } from '@/utils/secrets';
import { refreshSummary } from '@/utils/secrets/reveal';
import { rotateItemKey } from '@/utils/secrets/rotate';
import type { UnlockedWork } from '../unlocked';

/** One API secret: its value, and the writes that change it (each followed by a sync). */
export function createSecretHandlers(work: UnlockedWork): Handlers<SecretsProtocol> {
  return {
    // A reveal is the secret's new "last use": re-read it, and the sync after tells the pages to redraw.
    revealSecret: (d) =>
      work.write(async (u) => {
        const value = await revealSecret(u, d.secretId);
        await refreshSummary(u, d.secretId).catch(() => undefined);
        return value;
      }),
    createSecret: (d) => work.write((u) => createSecret(u, d)),
    rotateItemKey: (d) => work.write((u) => rotateItemKey(u, d.secretId)),
    updateSecret: (d) => work.write((u) => updateSecret(u, d)),
    setSecretStatus: (d) => work.write((u) => setSecretStatus(u, d)),
  };
}
