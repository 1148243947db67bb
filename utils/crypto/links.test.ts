import { describe, expect, it } from 'vitest';
import { decryptLink, encryptLink, fromB64url, linkUrl, newId, newLinkKey, toB64url } from './index';
import { byteLength, expectVepError, flipByte } from './testing';

const fields = { name: 'Billing API', clientId: 'abc', clientSecret: 'shh' };

describe('external links', () => {
  it('round-trips the shared fields with the key taken back from the URL fragment', async () => {
    const linkId = newId();
    const linkKey = newLinkKey();
    const c = await encryptLink(linkKey, linkId, fields);
    const url = new URL(linkUrl('https://vault.example.com/', linkId, linkKey));
    expect(url.origin + url.pathname).toBe(`https://vault.example.com/s/${linkId}`);
    expect(url.hash).toBe(`#${toB64url(linkKey)}`);
    expect(await decryptLink(fromB64url(url.hash.slice(1)), linkId, c)).toEqual(fields);
  });

  it('fails on a wrong key, another link id, or any changed byte', async () => {
    const linkId = newId();
    const linkKey = newLinkKey();
    const c = await encryptLink(linkKey, linkId, fields);
    await expectVepError(decryptLink(newLinkKey(), linkId, c), 'decrypt_failed');
    await expectVepError(decryptLink(linkKey, newId(), c), 'decrypt_failed');
    const changed = [
      ...Array.from({ length: byteLength(c.iv) }, (_, i) => ({ ...c, iv: flipByte(c.iv, i) })),
      ...Array.from({ length: byteLength(c.ct) }, (_, i) => ({ ...c, ct: flipByte(c.ct, i) })),
    ];
    await Promise.all(changed.map((x) => expectVepError(decryptLink(linkKey, linkId, x), 'decrypt_failed')));
  });

  it('refuses fields that are not text and link keys of the wrong size', async () => {
    await expectVepError(encryptLink(newLinkKey(), newId(), { n: 1 } as never), 'bad_input');
    expect(() => linkUrl('https://vault.example.com', newId(), new Uint8Array(16))).toThrow(/32 bytes/);
  });
});
