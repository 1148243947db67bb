import { describe, expect, it } from 'vitest';
import { SENSITIVE_FIELDS, aesGcmDecrypt, decryptSecret, encryptSecret, fromUtf8, newId, newItemKey } from './index';
import { byteLength, expectVepError, flipByte } from './testing';

const secretId = newId();

describe('secret values', () => {
  it('round-trips the sensitive fields', async () => {
    const itemKey = newItemKey();
    const c = await encryptSecret(itemKey, secretId, 1, { clientSecret: 's3cr3t-✓' });
    expect(c.v).toBe(1);
    expect(byteLength(c.iv)).toBe(12);
    expect(await decryptSecret(itemKey, secretId, 1, c)).toEqual({ clientSecret: 's3cr3t-✓' });
  });

  it('encrypts only the listed sensitive fields, as one JSON object bound to id and revision', async () => {
    const itemKey = newItemKey();
    const fields = { clientSecret: 'x', name: 'descriptive, stays in clear' } as { clientSecret: string };
    const c = await encryptSecret(itemKey, secretId, 4, fields);
    const json = fromUtf8(await aesGcmDecrypt(itemKey, c, `vep1/secret/${secretId}/4`));
    expect(Object.keys(JSON.parse(json))).toEqual([...SENSITIVE_FIELDS]);
  });

  it('uses a fresh IV each time', async () => {
    const itemKey = newItemKey();
    const [a, b] = await Promise.all([1, 2].map(() => encryptSecret(itemKey, secretId, 1, { clientSecret: 'same' })));
    expect(a?.iv).not.toBe(b?.iv);
  });

  it('fails on a wrong key, secret id or revision (a replayed old value)', async () => {
    const itemKey = newItemKey();
    const c = await encryptSecret(itemKey, secretId, 2, { clientSecret: 'v2' });
    await expectVepError(decryptSecret(newItemKey(), secretId, 2, c), 'decrypt_failed');
    await expectVepError(decryptSecret(itemKey, newId(), 2, c), 'decrypt_failed');
    await expectVepError(decryptSecret(itemKey, secretId, 3, c), 'decrypt_failed');
    await expectVepError(decryptSecret(itemKey, secretId, 1, c), 'decrypt_failed');
  });

  it.each(['iv', 'ct'] as const)('fails on a change to any byte of %s', async (field) => {
    const itemKey = newItemKey();
    const c = await encryptSecret(itemKey, secretId, 1, { clientSecret: 'value' });
    await Promise.all(
      Array.from({ length: byteLength(c[field]) }, (_, i) =>
        expectVepError(decryptSecret(itemKey, secretId, 1, { ...c, [field]: flipByte(c[field], i) }), 'decrypt_failed'),
      ),
    );
  });

  it('fails on a malformed ciphertext object instead of guessing', async () => {
    const itemKey = newItemKey();
    const c = await encryptSecret(itemKey, secretId, 1, { clientSecret: 'value' });
    await expectVepError(decryptSecret(itemKey, secretId, 1, { ...c, v: 2 as 1 }), 'decrypt_failed');
    await expectVepError(decryptSecret(itemKey, secretId, 1, { ...c, iv: 'AAAA' }), 'decrypt_failed');
    await expectVepError(decryptSecret(itemKey, secretId, 1, { ...c, ct: c.ct.slice(0, 20) }), 'decrypt_failed');
  });

  it('refuses bad input before encrypting', async () => {
    await expectVepError(encryptSecret(newItemKey(), secretId, 0, { clientSecret: 'x' }), 'bad_input');
    await expectVepError(encryptSecret(newItemKey(), secretId, 1.5, { clientSecret: 'x' }), 'bad_input');
    await expectVepError(encryptSecret(newItemKey(), 'a/1', 1, { clientSecret: 'x' }), 'bad_input');
    await expectVepError(encryptSecret(new Uint8Array(16), secretId, 1, { clientSecret: 'x' }), 'bad_input');
    await expectVepError(encryptSecret(newItemKey(), secretId, 1, { clientSecret: 42 } as never), 'bad_input');
  });
});
