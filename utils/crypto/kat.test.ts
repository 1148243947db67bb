import { describe, expect, it } from 'vitest';
import { aesGcmDecrypt, aesGcmEncrypt, hkdfSha256, pbkdf2Sha256, toB64url, utf8 } from './index';
import { openBytes, sealBytes } from './aes-gcm';
import { toHex } from './encoding';
import { hex } from './testing';

// Published vectors: if one fails, the primitive (or our call of WebCrypto) is wrong, not the test.
describe('PBKDF2-HMAC-SHA256 known answers (RFC 6070 inputs, SHA-256 outputs)', () => {
  it.each([
    ['password', 'salt', 1, 32, '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b'],
    ['password', 'salt', 2, 32, 'ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43'],
    ['password', 'salt', 4096, 32, 'c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a'],
    [
      'passwordPASSWORDpassword',
      'saltSALTsaltSALTsaltSALTsaltSALTsalt',
      4096,
      40,
      '348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9',
    ],
  ])('%s / %s, c=%i, dkLen=%i', async (password, salt, c, dkLen, expected) => {
    expect(toHex(await pbkdf2Sha256(utf8(password), utf8(salt), c, dkLen))).toBe(expected);
  });
});

describe('HKDF-SHA256 known answers (RFC 5869)', () => {
  const ikm = hex('0b'.repeat(22));

  it('test case 1', async () => {
    const okm = await hkdfSha256(ikm, hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42);
    expect(toHex(okm)).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });

  it('test case 3: empty salt and info', async () => {
    const okm = await hkdfSha256(ikm, new Uint8Array(0), new Uint8Array(0), 42);
    expect(toHex(okm)).toBe('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  });

  it('treats an empty salt as the RFC\'s "not provided" (32 zero bytes), as the account keys rely on', async () => {
    const empty = await hkdfSha256(ikm, new Uint8Array(0), 'vep1/auth');
    const zeros = await hkdfSha256(ikm, new Uint8Array(32), 'vep1/auth');
    expect(toHex(empty)).toBe(toHex(zeros));
  });

  it('encodes a string info as UTF-8', async () => {
    expect(toHex(await hkdfSha256(ikm, new Uint8Array(0), 'vep1/auth'))).toBe(
      toHex(await hkdfSha256(ikm, new Uint8Array(0), utf8('vep1/auth'))),
    );
  });
});

describe('AES-256-GCM known answers (McGrew & Viega, GCM spec test cases 15 and 16)', () => {
  const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
  const iv = hex('cafebabefacedbaddecaf888');
  const p16 =
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39';
  const c16 =
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662';

  it('test case 16: 256-bit key, 96-bit IV, with AAD', async () => {
    const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const sealed = await sealBytes(key, hex(p16), aad, iv);
    expect(sealed).toEqual({ v: 1, iv: toB64url(iv), ct: toB64url(hex(c16 + '76fc6ece0f4e1768cddf8853bb2d551b')) });
    expect(toHex(await openBytes(key, sealed, aad))).toBe(p16);
  });

  it('test case 15 through the public string-AAD API (empty AAD)', async () => {
    const p15 = p16 + '1aafd255';
    const c15 = c16 + '898015ad' + 'b094dac5d93471bdec1a502270e3cc6c';
    const sealed = await aesGcmEncrypt(key, hex(p15), '', iv);
    expect(sealed.ct).toBe(toB64url(hex(c15)));
    expect(toHex(await aesGcmDecrypt(key, sealed, ''))).toBe(p15);
  });
});
