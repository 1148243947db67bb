import { describe, expect, it } from 'vitest';
import { openCache } from '@/utils/cache';
import { batchTrust, deviceTrust, MARKS_RANGE_SLACK, PINS_PER_TRANSACTION } from './device-trust';

describe('device trust (signing pins and "signed seen" marks in the pins store)', () => {
  it('marks a subject once: a later mark keeps the time it was first made', async () => {
    const db = await openCache();
    let at = new Date('2026-11-30T10:00:00Z');
    const trust = deviceTrust(db, () => at);
    expect(await trust.signedSeen('secret:s1')).toBe(false);
    await trust.markSigned('secret:s1');
    at = new Date('2026-11-30T11:00:00Z');
    await trust.markSigned('secret:s1');
    expect(await trust.signedSeen('secret:s1')).toBe(true);
    expect((await db.get('pins', 'signed:secret:s1'))?.pinnedAt).toBe('2026-11-30T10:00:00.000Z');
    expect(await trust.signedSeen('secret:s2')).toBe(false);
    db.close();
  });

  it('pins a signing fingerprint per user', async () => {
    const db = await openCache();
    const trust = deviceTrust(db);
    expect(await trust.signingPin('u1')).toBeUndefined();
    await trust.pinSigning('u1', 'ab:cd');
    expect(await trust.signingPin('u1')).toBe('ab:cd');
    expect(await trust.signingPin('u2')).toBeUndefined();
    db.close();
  });
});

describe('batch trust (the right-click index reads pins and marks once per batch)', () => {
  it('answers from one read, still sees a mark made after it, and writes a mark once', async () => {
    const db = await openCache();
    const store = deviceTrust(db);
    await store.markSigned('secret:s1');
    await store.pinSigning('u1', 'f1');
    const trust = await batchTrust(db, { signers: ['u1', 'u2'], subjects: ['secret:s1', 'secret:s2'] });
    expect(await trust.signingPin('u1')).toBe('f1');
    expect(await trust.signedSeen('secret:s1')).toBe(true);
    expect(await trust.signedSeen('secret:s2')).toBe(false);
    await store.markSigned('secret:s2'); // a reveal meanwhile: not in the batch's read, still seen
    expect(await trust.signedSeen('secret:s2')).toBe(true);
    await Promise.all([trust.markSigned('secret:s3'), trust.markSigned('secret:s3')]);
    // Seen by the batch's own checks at once, written to the store when the batch is done.
    expect(await trust.signedSeen('secret:s3')).toBe(true);
    expect(await store.signedSeen('secret:s3')).toBe(false);
    await trust.flush();
    expect(await store.signedSeen('secret:s3')).toBe(true);
    db.close();
  });

  it('writes the marks of a batch together, keeping the time of a mark made meanwhile', async () => {
    const db = await openCache();
    let at = new Date('2026-11-30T10:00:00Z');
    const store = deviceTrust(db, () => at);
    const trust = await batchTrust(db, { signers: [], subjects: ['secret:a', 'secret:b'] }, () => at);
    await trust.markSigned('secret:a');
    await trust.markSigned('secret:b');
    await store.markSigned('secret:b'); // a reveal in the popup, before the batch is done
    at = new Date('2026-11-30T11:00:00Z');
    await trust.flush();
    expect((await db.get('pins', 'signed:secret:a'))?.pinnedAt).toBe('2026-11-30T11:00:00.000Z');
    expect((await db.get('pins', 'signed:secret:b'))?.pinnedAt).toBe('2026-11-30T10:00:00.000Z');
    await trust.flush(); // nothing left to write
    db.close();
  });

  it('reads and writes a batch larger than one transaction holds: every pin and mark at its own key', async () => {
    const db = await openCache();
    const store = deviceTrust(db);
    const n = PINS_PER_TRANSACTION * 3 + 7;
    const users = Array.from({ length: n }, (_, i) => `u${i}`);
    const subjects = Array.from({ length: n }, (_, i) => `secret:s${i}`);
    // Every third user pinned and every other subject marked before the batch: the read must map each answer
    // to its own key across the transactions' boundaries.
    for (let i = 0; i < n; i += 3) await store.pinSigning(users[i]!, `f${i}`);
    for (let i = 0; i < n; i += 2) await store.markSigned(subjects[i]!);
    const trust = await batchTrust(db, { signers: users, subjects });
    for (let i = 0; i < n; i++) {
      expect(await trust.signingPin(users[i]!)).toBe(i % 3 === 0 ? `f${i}` : undefined);
      expect(await trust.signedSeen(subjects[i]!)).toBe(i % 2 === 0);
    }
    for (const s of subjects) await trust.markSigned(s);
    await trust.flush();
    for (const s of subjects) expect(await store.signedSeen(s)).toBe(true);
    expect(await db.count('pins')).toBe(Math.ceil(n / 3) + n);
    db.close();
  });

  it("finds a large batch's marks with one range read, among other subjects' marks, and a few others one by one", async () => {
    const db = await openCache();
    const store = deviceTrust(db);
    const n = PINS_PER_TRANSACTION * 2 + 3;
    const subjects = Array.from({ length: n }, (_, i) => `secret:s${String(i).padStart(3, '0')}`);
    for (let i = 0; i < n; i += 2) await store.markSigned(subjects[i]!);
    // Marks of secrets outside the batch, inside its range and at both ends of it, and of a group.
    for (const other of ['secret:s000a', 'secret:s010x', 'secret:r', 'secret:t', 'group:g1'])
      await store.markSigned(other);
    const groups = ['group:g1', 'group:g2'];
    const trust = await batchTrust(db, { signers: [], subjects: [...subjects].reverse().concat(groups) });
    // What the batch's read found is answered without the store: with every mark deleted, it still says so.
    await db.clear('pins');
    for (let i = 0; i < n; i++) expect(await trust.signedSeen(subjects[i]!)).toBe(i % 2 === 0);
    expect(await trust.signedSeen('group:g1')).toBe(true);
    expect(await trust.signedSeen('group:g2')).toBe(false);
    expect(await trust.signedSeen('secret:s010x')).toBe(false); // not asked for: not taken from the range
    db.close();
  });

  it('caps a range read crowded with other marks, and asks the store for what it left out', async () => {
    const db = await openCache();
    const store = deviceTrust(db);
    const n = PINS_PER_TRANSACTION;
    const subjects = Array.from({ length: n }, (_, i) => `secret:s${String(i).padStart(3, '0')}`);
    for (let i = 0; i < n; i += 2) await store.markSigned(subjects[i]!);
    // More marks between the batch's first and second subject than the read may return.
    for (let j = 0; j < n * MARKS_RANGE_SLACK + 5; j++) await store.markSigned(`secret:s000-${j}`);
    const trust = await batchTrust(db, { signers: [], subjects });
    for (let i = 0; i < n; i++) expect(await trust.signedSeen(subjects[i]!)).toBe(i % 2 === 0);
    db.close();
  });

  it('refuses a second signing key of the same person pinned side by side in one batch', async () => {
    const db = await openCache();
    const trust = await batchTrust(db, { signers: ['u1'], subjects: [] });
    const [a, b] = await Promise.allSettled([trust.pinSigning('u1', 'k1'), trust.pinSigning('u1', 'k2')]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(await deviceTrust(db).signingPin('u1')).toBe('k1');
    await trust.pinSigning('u1', 'k1');
    db.close();
  });
});
