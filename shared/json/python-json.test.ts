import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonFloat, jsonInt, jsonObject, mapLeaves, mapLeavesShared, type JsonValue } from './json-value';
import { compareCodePoints, dumpsSorted, dumpsSortedMemo } from './python-json';

describe('compareCodePoints (Python str ordering)', () => {
  it('orders lone surrogates as code points of their own and pairs as one code point', () => {
    // Found by the CPython oracle (seed 368902693): two keys sharing a lone high surrogate prefix.
    const keys = ['😀', '\ud800|', '\uffff', '\ud800\udc00', '\ud8001'];
    expect([...keys].sort(compareCodePoints)).toEqual(['\ud8001', '\ud800|', '\uffff', '\ud800\udc00', '😀']);
    expect(compareCodePoints('\ud800', '\ud800')).toBe(0);
    expect(compareCodePoints('a\ud83d\ude00', 'a\uffff')).toBeGreaterThan(0);
  });
});

const leafValue = fc.oneof(
  fc.constantFrom<JsonValue>(null, true, false, '', 'score: 0.12345', 'é😀\ud800', jsonFloat(0.1234567), jsonFloat(2.5), jsonInt(7)),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.double({ noNaN: true }).map((x) => jsonFloat(x)),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, leafValue, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.uniqueArray(fc.tuple(fc.string({ maxLength: 3 }), tie('tree')), { maxLength: 4, selector: ([k]) => k }).map((entries) => jsonObject(entries as Array<[string, JsonValue]>)),
})) as { tree: fc.Arbitrary<JsonValue> };

describe('dumpsSortedMemo and mapLeavesShared (property)', () => {
  it('dump exactly as dumpsSorted, also for trees sharing subtrees dumped before', () => {
    fc.assert(fc.property(tree, tree, (a, b) => {
      const memo = new Map<object, string>();
      const both: JsonValue = [a, jsonObject([['b', b], ['a', a]]), a];
      expect(dumpsSortedMemo(a, memo)).toBe(dumpsSorted(a));
      expect(dumpsSortedMemo(both, memo)).toBe(dumpsSorted(both));
      expect(dumpsSortedMemo(b, memo)).toBe(dumpsSorted(b));
    }));
  });

  it('map leaves like mapLeaves, share every unchanged container and never touch the input', () => {
    const upper = (v: JsonValue) => (typeof v === 'string' && v.includes('a') ? v.toUpperCase() : v);
    fc.assert(fc.property(tree, (t) => {
      const before = dumpsSorted(t);
      const shared = mapLeavesShared(t, upper);
      expect(dumpsSorted(shared)).toBe(dumpsSorted(mapLeaves(t, upper)));
      expect(dumpsSorted(t)).toBe(before);
      const changed = dumpsSorted(shared) !== before;
      if (!changed) expect(shared).toBe(t);
    }));
  });
});
