import { enroll } from '../../utils/crypto';
import { configFromEnv } from '../../server/src/config';
import { openStore } from '../../server/src/db/connect';
import { createContext } from '../../server/src/services';
import { invite, enroll as enrollAccount } from '../../server/src/services/accounts';

/**
 * Adds enrolled people to a vault's database (before its server starts), with real keys. They never sign
 * in, so a low PBKDF2 count is fine: only their public keys matter, as recipients of a share.
 */
export async function addPeople(sqlitePath: string, people: { username: string; name: string }[]): Promise<void> {
  const store = await openStore({ sqlitePath });
  try {
    const s = await createContext(store, { ...configFromEnv(), sqlitePath, quiet: true, minKdfIterations: 1000 });
    for (const p of people) {
      const { id, code } = await invite(s, { ...p, email: `${p.username}@example.com` });
      const keys = await enroll(`${p.username}-password`, id, 1000);
      await enrollAccount(
        s,
        {
          username: p.username,
          code,
          kdf: keys.kdf,
          authKey: keys.authKey,
          publicKey: keys.publicKey,
          encryptedPrivateKey: keys.encryptedPrivateKey,
        },
        'e2e',
      );
    }
  } finally {
    await store.close();
  }
}
