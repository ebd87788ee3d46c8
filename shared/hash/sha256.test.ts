import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, useNativeSha256, utf8Encode } from './sha256';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('NIST vector %j', (s, h) => expect(sha256Hex(s)).toBe(h));

  it('matches node:crypto on random bytes of every padding length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 1000 },
    );
  });

  it('UTF-8 encodes like Node (lone surrogates -> U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom('', '\ud800', '\udc00x', 'é😀'), (s, odd) => {
        const t = s + odd;
        expect(Buffer.from(utf8Encode(t)).equals(Buffer.from(t, 'utf8'))).toBe(true);
        expect(sha256Hex(t)).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
      }),
      { numRuns: 1000 },
    );
  });

  it('hashes 1 MB in well under a second', () => {
    const big = 'x'.repeat(1 << 20);
    const t0 = performance.now();
    expect(sha256Hex(big)).toBe(createHash('sha256').update(big).digest('hex'));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('a native implementation plugged in', () => {
  it('gives the same digests as the pure one, lone surrogates included', () => {
    const inputs = ['', 'abc', 'é😀', '\ud800 lone', '\udc00\ud800 reversed', 'ends high \ud83d', 'x'.repeat(100_000)];
    const pure = inputs.map((s) => sha256Hex(s));
    useNativeSha256((input) => createHash('sha256').update(input).digest('hex'));
    try {
      expect(inputs.map((s) => sha256Hex(s))).toEqual(pure);
    } finally {
      useNativeSha256(null);
    }
  });
});
