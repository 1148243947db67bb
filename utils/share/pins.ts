import { fingerprintOf } from '@/utils/crypto';
import { pinKey, type CacheDb } from '@/utils/cache';
import type { RecipientKind } from '@/utils/contract';
import type { KeyChange, RecipientKey } from './types';

/** A recipient about to receive a grant, with the fingerprint computed here from the key the server gave. */
export type GrantTarget = {
  key: RecipientKey;
  kind: RecipientKind;
  id: string;
  name: string;
  publicKey: string;
  fingerprint: string;
};

/**
 * Trust on first use (docs/crypto.md, "Trust in public keys"). The fingerprint is computed from the public
 * key itself, never taken from the server's `fingerprint` field, and compared with the pin: a recipient
 * with a different key is returned as a change unless the user confirmed exactly this new fingerprint.
 */
export async function checkPins(
  db: CacheDb,
  targets: readonly Omit<GrantTarget, 'fingerprint'>[],
  confirmed: Partial<Record<RecipientKey, string>> = {},
) {
  const ok: GrantTarget[] = [];
  const changes: KeyChange[] = [];
  // Every pin in one read-only transaction: ten recipients are one IndexedDB round trip, not ten.
  const tx = db.transaction('pins');
  const [pins] = await Promise.all([Promise.all(targets.map((t) => tx.store.get(pinKey(t.kind, t.id)))), tx.done]);
  for (const [i, t] of targets.entries()) {
    const fingerprint = await fingerprintOf(t.publicKey);
    const pin = pins[i];
    if (pin && pin.fingerprint !== fingerprint && confirmed[t.key] !== fingerprint)
      changes.push({ key: t.key, name: t.name, pinned: pin.fingerprint, current: fingerprint });
    else ok.push({ ...t, fingerprint });
  }
  return { ok, changes };
}

/** Pins (or, after the user confirmed a change, re-pins) the keys that were just granted to. */
export async function pinAll(db: CacheDb, targets: readonly GrantTarget[], now = new Date()): Promise<void> {
  const tx = db.transaction('pins', 'readwrite');
  await Promise.all([
    ...targets.map((t) =>
      tx.store.put({
        key: pinKey(t.kind, t.id),
        kind: t.kind,
        id: t.id,
        fingerprint: t.fingerprint,
        pinnedAt: now.toISOString(),
      }),
    ),
    tx.done,
  ]);
}
