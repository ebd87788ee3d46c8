import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './python-json';

describe('compareCodePoints (Python str ordering)', () => {
  it('orders lone surrogates as code points of their own and pairs as one code point', () => {
    // Found by the CPython oracle (seed 368902693): two keys sharing a lone high surrogate prefix.
    const keys = ['😀', '\ud800|', '\uffff', '\ud800\udc00', '\ud8001'];
    expect([...keys].sort(compareCodePoints)).toEqual(['\ud8001', '\ud800|', '\uffff', '\ud800\udc00', '😀']);
    expect(compareCodePoints('\ud800', '\ud800')).toBe(0);
    expect(compareCodePoints('a\ud83d\ude00', 'a\uffff')).toBeGreaterThan(0);
  });
});
