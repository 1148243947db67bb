import type { CacheDb } from '@/utils/cache';
import { VepError } from '@/utils/crypto';
import type { GrantTrust } from '@/utils/session/grant-trust';

/**
 * This device's grant trust (docs/crypto.md, "Verifying a grant" and "Migration") in the `pins` store, next
 * to the encryption-key pins and kept across full syncs like them: a user's signing fingerprint under
 * `signing:user:<id>`, and the mark that a signed grant of a subject was opened under `signed:<kind>:<id>`.
 */
export function deviceTrust(db: CacheDb, now = () => new Date()): GrantTrust {
  const put = (key: string, id: string, fingerprint: string) =>
    db.put('pins', { key, kind: 'user', id, fingerprint, pinnedAt: now().toISOString() }).then(() => undefined);
  return {
    signingPin: async (userId) => (await db.get('pins', `signing:user:${userId}`))?.fingerprint,
    pinSigning: (userId, fingerprint) => put(`signing:user:${userId}`, userId, fingerprint),
    signedSeen: async (subject) => !!(await db.get('pins', `signed:${subject}`)),
    // Marked once: the right-click index verifies every value at each unlock, and a write per value (one
    // IndexedDB transaction each) cost more than the verification; a mark keeps the time it was first made.
    markSigned: async (subject) => {
      if (!(await db.get('pins', `signed:${subject}`))) await put(`signed:${subject}`, subject, '');
    },
  };
}

/**
 * How many pins a transaction of {@link batchTrust} reads or writes. Each request costs the worker's thread
 * tens of microseconds to make, and all of one transaction's are made in one task: the ~200 of a batch of values
 * in one go held a message back for 5-14 ms, once per batch (a trace of a cold build of 10,000). In parts, the
 * next part is asked for in the task that delivers the last one, and a message waiting is answered in between.
 */
export const PINS_PER_TRANSACTION = 25;

/** The pins under `keys` (undefined where there is none), read {@link PINS_PER_TRANSACTION} at a time. */
async function readPins(db: CacheDb, keys: readonly string[]) {
  const out = [];
  for (let start = 0; start < keys.length; start += PINS_PER_TRANSACTION) {
    const tx = db.transaction('pins');
    const part = keys.slice(start, start + PINS_PER_TRANSACTION).map((k) => tx.store.get(k));
    out.push(...(await Promise.all([...part, tx.done.then(() => undefined)])).slice(0, part.length));
  }
  return out;
}

/**
 * Which of `subjects` have a "signed seen" mark. Many of one kind (`secret:…`, the right-click index's batch of
 * values) are found with one request, the mark keys in the range from the least to the greatest (keys only,
 * at most {@link MARKS_RANGE_SLACK} times as many as asked for): the indexer asks for its values in id order,
 * so a batch's range holds its own marks and few others. A request per mark cost the worker a task and an
 * IndexedDB request object each, ~10,000 of each in a cold build of 10,000 (a trace: the worker's tasks during
 * the build 26,500 → 15,500, their time 3.4 → 2.7 s). A few of a kind are read one by one. A mark the range left out (past the cap) is
 * not lost: {@link batchTrust} asks the store again for any subject not found here.
 */
async function readMarks(db: CacheDb, subjects: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const byKind = new Map<string, string[]>();
  for (const s of subjects) {
    const kind = s.slice(0, s.indexOf(':') + 1);
    (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(s);
  }
  for (const list of byKind.values()) {
    if (list.length < PINS_PER_TRANSACTION) {
      const records = await readPins(
        db,
        list.map((s) => `signed:${s}`),
      );
      records.forEach((r, i) => r && found.add(list[i]!));
      continue;
    }
    const sorted = [...list].sort();
    const wanted = new Set(list);
    const range = IDBKeyRange.bound(`signed:${sorted[0]}`, `signed:${sorted.at(-1)}`);
    for (const key of await db.getAllKeys('pins', range, list.length * MARKS_RANGE_SLACK)) {
      const subject = String(key).slice('signed:'.length);
      if (wanted.has(subject)) found.add(subject);
    }
  }
  return found;
}

/** How many mark keys one range read of {@link readMarks} may return, per mark asked for. */
export const MARKS_RANGE_SLACK = 4;

/** What a batch of checks is expected to ask: the users whose signing pins, the subjects whose marks. */
export type TrustWanted = { signers: Iterable<string>; subjects: Iterable<string> };

/** {@link deviceTrust} for a batch of checks, with the marks it recorded still to be written. */
export type BatchTrust = GrantTrust & {
  /** Writes the "signed seen" marks of the batch, in one transaction; call it when the batch is done. */
  flush(): Promise<void>;
};

/**
 * {@link deviceTrust} for a batch of checks (the right-click index verifies a batch of values at a time):
 * the pins and marks the batch is expected to ask for are read up front, a few transactions for the batch
 * ({@link PINS_PER_TRANSACTION} requests each), instead of a transaction or two per value. Only what this
 * device has recorded is taken from that read (a pin, a mark): anything it did not find is asked of the store again at the moment it is needed, so a mark or pin
 * recorded meanwhile (a reveal in the popup) is never missed, and refusing an unsigned grant of a subject seen
 * signed stays exact. Pins and marks are only ever added, never changed (a sign-out clears them, and drops
 * the index with its batch). A pin is written at once; the batch's new marks count for its own checks at
 * once and are written together by {@link BatchTrust.flush} (the values are checked one after the other, and a
 * first build on a device would otherwise wait for two transactions per value). A user's key pinned by one
 * check is the pin for the others.
 */
export async function batchTrust(db: CacheDb, wanted: TrustWanted, now = () => new Date()): Promise<BatchTrust> {
  const store = deviceTrust(db, now);
  const pins = new Map<string, string>();
  const seen = new Set<string>();
  const unwritten = new Set<string>();
  const signers = [...new Set(wanted.signers)];
  const subjects = [...new Set(wanted.subjects)];
  const pinRecords = await readPins(
    db,
    signers.map((id) => `signing:user:${id}`),
  );
  pinRecords.forEach((r, i) => r && pins.set(signers[i]!, r.fingerprint));
  for (const subject of await readMarks(db, subjects)) seen.add(subject);
  return {
    signingPin: async (userId) => pins.get(userId) ?? store.signingPin(userId),
    // The first check to pin a user's key pins it for the batch at once, before its write lands, so another
    // value of the same batch signed with another key of that user is refused, as it would be had the two been
    // checked one after the other with the pin written in between.
    pinSigning: async (userId, fingerprint) => {
      const pinned = pins.get(userId);
      if (pinned === fingerprint) return;
      if (pinned)
        throw new VepError(
          'bad_signature',
          'Two grants checked together are signed with different signing keys of the same person. Nothing was opened.',
        );
      pins.set(userId, fingerprint);
      await store.pinSigning(userId, fingerprint);
    },
    signedSeen: async (subject) => seen.has(subject) || (await store.signedSeen(subject)),
    markSigned: async (subject) => {
      if (seen.has(subject)) return;
      seen.add(subject);
      unwritten.add(subject);
    },
    async flush() {
      if (!unwritten.size) return;
      const list = [...unwritten];
      unwritten.clear();
      const at = now().toISOString();
      for (let start = 0; start < list.length; start += PINS_PER_TRANSACTION) {
        const part = list.slice(start, start + PINS_PER_TRANSACTION);
        const tx = db.transaction('pins', 'readwrite');
        // A mark keeps the time it was first made: one written meanwhile (a reveal) is left as it is.
        const found = await Promise.all(part.map((s) => tx.store.get(`signed:${s}`)));
        await Promise.all([
          ...part.flatMap((s, i) =>
            found[i] ? [] : [tx.store.put({ key: `signed:${s}`, kind: 'user', id: s, fingerprint: '', pinnedAt: at })],
          ),
          tx.done,
        ]);
      }
    },
  };
}
