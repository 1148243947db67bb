import { describe, expect, it } from 'vitest';
import {
  createGrant,
  decryptLink,
  deriveLinkSecrets,
  encryptLink,
  fromB64url,
  generateKeyPair,
  linkUrl,
  newId,
  newLinkKey,
  normaliseAccessCode,
  openGrant,
  parseLinkUrl,
  toB64url,
} from './index';
import { toHex } from './encoding';
import { FAST_ITERATIONS, byteLength, expectVepError, flipByte } from './testing';

const fields = { name: 'Billing API', url: 'https://billing.example.com', clientId: 'abc', clientSecret: 'shh' };
const fast = (code: string) => ({ code, iterations: FAST_ITERATIONS });

describe('external link keys (known answers, computed independently with node:crypto)', () => {
  const fragmentKey = Uint8Array.from({ length: 32 }, (_, i) => i);
  const linkId = '3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

  it('without an access code: HKDF over the fragment key alone', async () => {
    const s = await deriveLinkSecrets(fragmentKey, linkId, null);
    expect(toHex(s.linkKey)).toBe('179db09fb177e480f50a6c205380d310ea618d6b02b9f4b3e9c4c710de34af16');
    expect(s.verifier).toBe('umazDcvrSnVoxNlaL9258BztP3ju7e3n1IFl3lqtqWA');
  });

  it('with an access code: HKDF over the fragment key and PBKDF2(code, salt = fragment key)', async () => {
    const s = await deriveLinkSecrets(fragmentKey, linkId, fast('  Tr0ub4dor&3 '), FAST_ITERATIONS);
    expect(toHex(s.linkKey)).toBe('b6af5c28b63a5ab362ec8cdc30046413a81918287ba3fc6997b540644d6dd679');
    expect(s.verifier).toBe('N_Uop9GsD2Kwk_tSKGKnLS7gC9U7F69zHTX8HqK2f7Y');
  });
});

describe('external links', () => {
  it('round-trips the shared fields with the key taken back from the URL fragment and the code', async () => {
    const linkId = newId();
    const fragmentKey = newLinkKey();
    const { linkKey, verifier } = await deriveLinkSecrets(fragmentKey, linkId, fast('orange-42'), FAST_ITERATIONS);
    const c = await encryptLink(linkKey, linkId, fields);
    const url = linkUrl('https://vault.example.com/', linkId, fragmentKey);
    expect(url).toBe(`https://vault.example.com/s/${linkId}#${toB64url(fragmentKey)}`);
    const back = parseLinkUrl(url);
    expect(back.linkId).toBe(linkId);
    const again = await deriveLinkSecrets(back.fragmentKey, linkId, fast('orange-42'), FAST_ITERATIONS);
    expect(again.verifier).toBe(verifier);
    expect(await decryptLink(again.linkKey, linkId, c)).toEqual(fields);
  });

  it('the fragment alone does not open a link that has a code, and a wrong code gives another verifier', async () => {
    const linkId = newId();
    const fragmentKey = newLinkKey();
    const right = await deriveLinkSecrets(fragmentKey, linkId, fast('orange-42'), FAST_ITERATIONS);
    const c = await encryptLink(right.linkKey, linkId, fields);
    const noCode = await deriveLinkSecrets(fragmentKey, linkId, null);
    const wrong = await deriveLinkSecrets(fragmentKey, linkId, fast('orange-43'), FAST_ITERATIONS);
    await expectVepError(decryptLink(noCode.linkKey, linkId, c), 'decrypt_failed');
    await expectVepError(decryptLink(wrong.linkKey, linkId, c), 'decrypt_failed');
    expect(new Set([right.verifier, noCode.verifier, wrong.verifier]).size).toBe(3);
    // The verifier is not the key: knowing what the server stores (its hash) does not decrypt.
    expect(toB64url(right.linkKey)).not.toBe(right.verifier);
  });

  it('fails on a wrong key, another link id, or any changed byte', async () => {
    const linkId = newId();
    const { linkKey } = await deriveLinkSecrets(newLinkKey(), linkId, null);
    const c = await encryptLink(linkKey, linkId, fields);
    await expectVepError(decryptLink(newLinkKey(), linkId, c), 'decrypt_failed');
    await expectVepError(decryptLink(linkKey, newId(), c), 'decrypt_failed');
    const changed = [
      ...Array.from({ length: byteLength(c.iv) }, (_, i) => ({ ...c, iv: flipByte(c.iv, i) })),
      ...Array.from({ length: byteLength(c.ct) }, (_, i) => ({ ...c, ct: flipByte(c.ct, i) })),
    ];
    await Promise.all(changed.map((x) => expectVepError(decryptLink(linkKey, linkId, x), 'decrypt_failed')));
  });

  it('another link id derives other keys, so a ciphertext cannot be moved between links', async () => {
    const fragmentKey = newLinkKey();
    const a = await deriveLinkSecrets(fragmentKey, newId(), null);
    const b = await deriveLinkSecrets(fragmentKey, newId(), null);
    expect(toB64url(a.linkKey)).not.toBe(toB64url(b.linkKey));
    expect(a.verifier).not.toBe(b.verifier);
  });

  it('keeps a copy of the fragment key that only the sharer opens', async () => {
    const linkId = newId();
    const fragmentKey = newLinkKey();
    const sharer = await generateKeyPair();
    const other = await generateKeyPair();
    const userId = newId();
    const grant = await createGrant(
      {
        subjectKind: 'link',
        subjectId: linkId,
        recipientKind: 'user',
        recipientId: userId,
        recipientPublicKey: sharer.publicKey,
      },
      fragmentKey,
    );
    expect(
      toB64url(await openGrant(grant, { subjectKind: 'link', subjectId: linkId }, sharer.privateKey, sharer.publicKey)),
    ).toBe(toB64url(fragmentKey));
    await expectVepError(
      openGrant(grant, { subjectKind: 'link', subjectId: newId() }, sharer.privateKey, sharer.publicKey),
      'decrypt_failed',
    );
    await expectVepError(
      openGrant(grant, { subjectKind: 'link', subjectId: linkId }, other.privateKey, other.publicKey),
      'wrong_recipient',
    );
  });

  it('refuses short codes, weak code hashing, bad fields and link keys of the wrong size', async () => {
    expect(() => normaliseAccessCode('12345')).toThrow(/6 to 128/);
    expect(normaliseAccessCode(' Café42 ')).toBe('Café42'.normalize('NFC'));
    await expectVepError(
      deriveLinkSecrets(newLinkKey(), newId(), { code: 'orange-42', iterations: 1000 }),
      'bad_input',
    );
    await expectVepError(deriveLinkSecrets(new Uint8Array(16), newId(), null), 'bad_input');
    await expectVepError(encryptLink(newLinkKey(), newId(), { n: 1 } as never), 'bad_input');
    expect(() => linkUrl('https://vault.example.com', newId(), new Uint8Array(16))).toThrow(/32 bytes/);
    expect(() => parseLinkUrl('https://vault.example.com/s/x')).toThrow(/not an external link/);
    expect(() => parseLinkUrl(`https://v.example.com/s/${newId()}#${toB64url(new Uint8Array(8))}`)).toThrow(/32 bytes/);
    expect(fromB64url(toB64url(newLinkKey())).length).toBe(32);
  });
});
