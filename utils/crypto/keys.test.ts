import { describe, expect, it } from 'vitest';
import { fromB64url, toB64url } from './encoding';
import { generateKeyPair, importPublicKey, isCanonicalP256Spki } from './keys';
import { importVerifyKey, newSigningKeys, sign, verify } from './signing';
import { expectVepError } from './testing';

const subtle = globalThis.crypto.subtle;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The same point as a compressed SPKI (0x02/0x03 and x only), which WebCrypto never exports. */
async function compressedSpki(spkiB64: string): Promise<string> {
  const spki = fromB64url(spkiB64);
  const x = spki.slice(27, 59);
  const yOdd = spki[90]! & 1;
  const head = [0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a];
  const tail = [0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00, yOdd ? 0x03 : 0x02];
  return toB64url(Uint8Array.from([...head, ...tail, ...x]));
}

describe('canonical P-256 public keys', () => {
  it('agrees with exporting the imported key again, for ECDH and ECDSA keys', async () => {
    for (let i = 0; i < 20; i++) {
      const { publicKey } = i % 2 ? await generateKeyPair() : { publicKey: (await newSigningKeys()).signingPublicKey };
      const spki = fromB64url(publicKey);
      const again = new Uint8Array(
        await subtle.exportKey('spki', await subtle.importKey('spki', spki, ECDSA, true, ['verify'])),
      );
      expect(isCanonicalP256Spki(spki)).toBe(true);
      expect(again).toEqual(spki);
    }
  });

  it('refuses other encodings of the same key, and bytes that are no key at all', async () => {
    const { publicKey } = await generateKeyPair();
    const spki = fromB64url(publicKey);
    const longer = toB64url(Uint8Array.from([...spki, 0]));
    const otherCurve = Uint8Array.from(spki);
    otherCurve[22] = 0x08; // the curve's OID changed
    const offCurve = Uint8Array.from(spki);
    offCurve[90] = offCurve[90]! ^ 1; // y changed: the point is no longer on the curve
    for (const bad of [await compressedSpki(publicKey), longer, toB64url(otherCurve), 'AAAA']) {
      expect(isCanonicalP256Spki(fromB64url(bad))).toBe(false);
      await expectVepError(importPublicKey(bad), 'bad_input');
      await expectVepError(importVerifyKey(bad), 'bad_input');
    }
    // In the canonical form, but no point of the curve: the import refuses it.
    expect(isCanonicalP256Spki(offCurve)).toBe(true);
    for (const bad of [toB64url(offCurve)]) {
      await expectVepError(importPublicKey(bad), 'bad_input');
      await expectVepError(importVerifyKey(bad), 'bad_input');
    }
  });
});

describe('verify', () => {
  it('checks each signature against its own signer, the same key asked for again and again', async () => {
    const alice = await newSigningKeys();
    const bob = await newSigningKeys();
    const message = new TextEncoder().encode('grant statement');
    const byAlice = await sign(alice.signingKey, message);
    for (let i = 0; i < 3; i++) {
      expect(await verify(alice.signingPublicKey, message, byAlice)).toBe(true);
      expect(await verify(bob.signingPublicKey, message, byAlice)).toBe(false);
      expect(await verify(alice.signingPublicKey, new TextEncoder().encode('other'), byAlice)).toBe(false);
    }
  });

  it('refuses a signer key in a form other than canonical SPKI, even one asked for before in canonical form', async () => {
    const alice = await newSigningKeys();
    const message = new TextEncoder().encode('grant statement');
    const sig = await sign(alice.signingKey, message);
    expect(await verify(alice.signingPublicKey, message, sig)).toBe(true);
    await expectVepError(verify(await compressedSpki(alice.signingPublicKey), message, sig), 'bad_input');
  });
});
