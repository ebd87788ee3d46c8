import { describe, expect, it } from 'vitest';
import { applyReplacement, minimalReplacement } from './text-edit';

describe('minimalReplacement', () => {
  it('replaces only the differing middle', () => {
    expect(minimalReplacement('abc', 'abc')).toBeNull();
    expect(minimalReplacement('hello world', 'hello brave world')).toEqual({ start: 6, end: 6, text: 'brave ' });
    expect(minimalReplacement('aaaa', 'aa')).toEqual({ start: 2, end: 4, text: '' });
    expect(minimalReplacement('', 'x')).toEqual({ start: 0, end: 0, text: 'x' });
  });
  it('round-trips and never splits a surrogate pair', () => {
    const cases: Array<[string, string]> = [['a\u{1F600}b', 'a\u{1F601}b'], ['x\u{1F600}', 'x'], ['abcabc', 'abc'], ['{"a": 1}\n', '{"a": 2}\n']];
    for (const [a, b] of cases) {
      const r = minimalReplacement(a, b);
      expect(applyReplacement(a, r)).toBe(b);
      if (r && a.length > 0) {
        expect(a.charCodeAt(r.start) >= 0xdc00 && a.charCodeAt(r.start) <= 0xdfff).toBe(false);
      }
    }
    const r = minimalReplacement('a\u{1F600}b', 'a\u{1F601}b')!;
    expect(r.text).toBe('\u{1F601}');
  });
});
