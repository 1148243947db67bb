import { describe, expect, it } from 'vitest';
import { openCache } from '@/utils/cache';
import { deviceTrust } from './device-trust';

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
