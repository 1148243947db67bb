import { describe, expect, it } from 'vitest';
import { VepError, formatFingerprint, fromB64url, fromUtf8, newId, randomBytes, toB64url, utf8 } from './index';

describe('base64url', () => {
  it.each([
    [[], ''],
    [[0xff], '_w'],
    [[0xfb, 0xff], '-_8'],
    [[1, 2, 3], 'AQID'],
    [[0x66, 0x6f, 0x6f, 0x62], 'Zm9vYg'],
  ])('encodes %j as %s without padding and decodes it back', (input, text) => {
    expect(toB64url(new Uint8Array(input))).toBe(text);
    expect([...fromB64url(text)]).toEqual(input);
  });

  it('round-trips every byte value', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(fromB64url(toB64url(all))).toEqual(all);
  });

  it("agrees with Node's own base64url on random bytes of every length up to 100", () => {
    for (let n = 0; n <= 100; n++) {
      const bytes = randomBytes(n);
      const text = Buffer.from(bytes).toString('base64url');
      expect(toB64url(bytes)).toBe(text);
      expect(fromB64url(text)).toEqual(bytes);
    }
  });

  it.each([
    'Zm9vYg==',
    'Zm9v+g',
    'Zm9v/g',
    'Zm9v Yg',
    'Z',
    'Zm9vYh',
    '_x',
    'AB',
    'AAB',
    'Zm9vé',
    'Zm9v\u0100',
    'AA\0A',
  ])('refuses %j as bad_input', (bad) => {
    expect(() => fromB64url(bad)).toThrow(VepError);
    try {
      fromB64url(bad);
    } catch (e) {
      expect((e as VepError).code).toBe('bad_input');
    }
  });
});

describe('utf8', () => {
  it('round-trips text outside ASCII', () => {
    expect(fromUtf8(utf8('clé → 🔑'))).toBe('clé → 🔑');
    expect([...utf8('é')]).toEqual([0xc3, 0xa9]);
  });

  it('refuses invalid UTF-8 instead of inventing characters', () => {
    expect(() => fromUtf8(new Uint8Array([0xc3]))).toThrow(VepError);
  });
});

describe('random values', () => {
  it('gives the requested number of bytes, different each time', () => {
    expect(randomBytes(32)).toHaveLength(32);
    expect(toB64url(randomBytes(16))).not.toBe(toB64url(randomBytes(16)));
  });

  it('makes UUID v4 ids', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('formatFingerprint', () => {
  it('shows 16 groups of 4 hex digits', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(formatFingerprint(hex)).toBe(
      '0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef',
    );
  });

  it('refuses anything but 64 hex digits', () => {
    expect(() => formatFingerprint('abcd')).toThrow(VepError);
    expect(() => formatFingerprint('g'.repeat(64))).toThrow(VepError);
  });
});
