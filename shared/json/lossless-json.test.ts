import { describe, expect, it } from 'vitest';
import { JsonParseError, parseJson, tryParseJson, get, getPath, isJsonNumber, isJsonObject, jsonEquals, toPlain, fromPlain, jsonFloat, jsonInt, jsonNumber, set, remove, cloneJson, type JsonValue } from './lossless-json';
import { dumpsSorted, pythonDumps, writeRecordingJson } from './python-json';

const num = (v: JsonValue | undefined) => (isJsonNumber(v) ? v : undefined);

describe('parseJson', () => {
  it('keeps number tokens and int/float identity', () => {
    const v = parseJson('{"a": 1, "b": 1.0, "c": 6760981245874068000, "d": -0, "e": 1E5, "f": -9.722539834911004e-05}');
    expect(num(get(v, 'a'))).toEqual({ kind: 'number', raw: '1', isInteger: true });
    expect(num(get(v, 'b'))).toEqual({ kind: 'number', raw: '1.0', isInteger: false });
    expect(num(get(v, 'c'))?.raw).toBe('6760981245874068000');
    expect(num(get(v, 'd'))).toEqual({ kind: 'number', raw: '-0', isInteger: true });
    expect(num(get(v, 'e'))?.isInteger).toBe(false);
    expect(num(get(v, 'f'))?.raw).toBe('-9.722539834911004e-05');
  });

  it('accepts Python NaN / Infinity / -Infinity', () => {
    const v = parseJson('[NaN, Infinity, -Infinity]') as JsonValue[];
    expect(v.map((x) => num(x)?.raw)).toEqual(['NaN', 'Infinity', '-Infinity']);
    expect(writeRecordingJson(v)).toBe('[\n  NaN,\n  Infinity,\n  -Infinity\n]\n');
  });

  it('decodes escapes exactly, keeps lone surrogates and re-forms pairs', () => {
    const s = parseJson('"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\ud800x\\uDFFF"') as string;
    expect(s).toBe('a"\\/\b\f\n\r\té😀\ud800x\udfff');
    expect(dumpsSorted(s)).toBe('"a\\"\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\ud800x\\udfff"');
  });

  it('keeps object entries in written order; duplicate keys follow Python (first position, last value)', () => {
    const dups: string[] = [];
    const v = parseJson('{"z": 1, "a": 2, "z": 3}', { onDuplicateKey: (k) => dups.push(k) });
    expect(isJsonObject(v) && v.entries.map((e) => e[0])).toEqual(['z', 'a']);
    expect(num(get(v, 'z'))?.raw).toBe('3');
    expect(dups).toEqual(['z']);
    // large objects switch to an index; semantics must not change
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i % 30}": ${i}`).join(', ');
    const big = parseJson(`{${keys}}`);
    expect(isJsonObject(big) && big.entries.length).toBe(30);
    expect(num(get(big, 'k5'))?.raw).toBe('35');
  });

  it('skips a leading BOM and only JSON whitespace', () => {
    expect(parseJson('\ufeff [1]\n')).toEqual([{ kind: 'number', raw: '1', isInteger: true }]);
    expect(() => parseJson('\u00a0[1]')).toThrow(JsonParseError);
  });

  it.each([
    ['', 'Unexpected end of input (expected a value) at line 1, column 1'],
    ['{"a": 1,\n  "b": [1, 2,\n', 'Unexpected end of input (expected a value) at line 3, column 1'],
    ['{"a" 1}', "Expected ':' but found '1' at line 1, column 6"],
    ['[1, 2', "Unexpected end of input (expected ',' or ']') at line 1, column 6"],
    ['[1,]', "Expected a value but found ']' at line 1, column 4"],
    ['{"a": 1,}', "Expected a double-quoted property name but found '}' at line 1, column 9"],
    ['[01]', "Expected ',' or ']' but found '1' at line 1, column 3"],
    ['"abc', 'Unterminated string at line 1, column 1'],
    ['"a\nb"', 'Invalid control character in string at line 1, column 3'],
    ['"\\x"', 'Invalid escape at line 1, column 2'],
    ['"\\u12g4"', 'Invalid \\uXXXX escape at line 1, column 2'],
    ['[1] x', "Extra data after the top-level value: 'x' at line 1, column 5"],
    ['-', 'Unexpected end of input (expected a digit) at line 1, column 2'],
    ['[tru]', "Expected a value but found 't' at line 1, column 2"],
  ])('reports %j as a positioned JsonParseError', (text, message) => {
    const r = tryParseJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(JsonParseError);
      expect(r.error.message).toBe(message);
    }
  });

  it('gives offset, line and column separately', () => {
    const r = tryParseJson('{\n  "a": 1,\n  "b": ?\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.offset, r.error.line, r.error.column, r.error.reason]).toEqual([19, 3, 8, "Expected a value but found '?'"]);
  });
});

describe('helpers', () => {
  const v = parseJson('{"a": {"b": [10, {"c": "x"}]}, "__proto__": 1, "f": 2.50}');

  it('get / getPath / set / remove', () => {
    expect(getPath(v, 'a', 'b', 1, 'c')).toBe('x');
    expect(getPath(v, 'a', 'zz')).toBeUndefined();
    expect(get('not an object', 'a')).toBeUndefined();
    const copy = cloneJson(v);
    if (!isJsonObject(copy)) throw new Error('object expected');
    set(copy, 'f', jsonInt(3));
    set(copy, 'new', null);
    expect(remove(copy, 'a')).toBe(true);
    expect(dumpsSorted(copy)).toBe('{"__proto__": 1, "f": 3, "new": null}');
    expect(dumpsSorted(v)).toBe('{"__proto__": 1, "a": {"b": [10, {"c": "x"}]}, "f": 2.5}');
  });

  it('toPlain keeps order and treats __proto__ as a plain key', () => {
    const p = toPlain(v) as Record<string, unknown>;
    expect(Object.keys(p)).toEqual(['a', '__proto__', 'f']);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(p, '__proto__')?.value).toBe(1);
    expect(p).toMatchObject({ a: { b: [10, { c: 'x' }] }, f: 2.5 });
    expect(toPlain(parseJson('123456789012345678901234567890'))).toBe(1.2345678901234568e29);
  });

  it('fromPlain: safe integers and bigints become ints, other numbers floats; cycles throw', () => {
    expect(dumpsSorted(fromPlain({ b: [1, 2.5, -0, 1e300, 2n ** 70n, NaN], a: 'é', c: null, d: true }))).toBe(
      '{"a": "\\u00e9", "b": [1, 2.5, -0.0, 1e+300, 1180591620717411303424, NaN], "c": null, "d": true}',
    );
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => fromPlain(cyc)).toThrow(/cycle/);
    const shared = { x: 1 };
    expect(dumpsSorted(fromPlain([shared, shared]))).toBe('[{"x": 1}, {"x": 1}]');
    expect(() => fromPlain({ f: () => 1 })).toThrow(TypeError);
  });

  it('jsonNumber validates tokens; jsonFloat uses Python repr', () => {
    expect(jsonNumber('1e5').isInteger).toBe(false);
    expect(() => jsonNumber('01')).toThrow();
    expect(jsonFloat(2).raw).toBe('2.0');
    expect(jsonFloat(-0).raw).toBe('-0.0');
  });

  it('jsonEquals: exact ints, float values, int never equals float, order matters', () => {
    expect(jsonEquals(parseJson('[1, 1.0, 1e2, NaN]'), parseJson('[1, 1.00, 100.0, NaN]'))).toBe(true);
    expect(jsonEquals(parseJson('1'), parseJson('1.0'))).toBe(false);
    expect(jsonEquals(parseJson('9007199254740993'), parseJson('9007199254740992'))).toBe(false);
    expect(jsonEquals(parseJson('0.0'), parseJson('-0.0'))).toBe(false);
    expect(jsonEquals(parseJson('{"a": 1, "b": 2}'), parseJson('{"b": 2, "a": 1}'))).toBe(false);
  });
});

describe('deep nesting (100,000 levels)', () => {
  const N = 100_000;
  const arrays = '['.repeat(N) + '1' + ']'.repeat(N);
  const objects = '{"a": '.repeat(N) + '[]' + '}'.repeat(N);

  it('parses, walks and writes without stack overflow', () => {
    for (const text of [arrays, objects]) {
      const v = parseJson(text);
      expect(dumpsSorted(v)).toBe(text);
      // indented writer engine, at a depth where the output still fits in memory (indent=0)
      expect(pythonDumps(v, { indent: 0 }).length).toBeGreaterThan(2 * N);
      expect(jsonEquals(v, cloneJson(v))).toBe(true);
      expect(jsonEquals(fromPlain(toPlain(v)), v)).toBe(true);
    }
  });

  it('writeRecordingJson at depth 5,000 (indent=2 output grows quadratically: 100k levels would be ~2e10 chars)', () => {
    const n = 5_000;
    const v = parseJson('['.repeat(n) + ']'.repeat(n));
    const out = writeRecordingJson(v);
    expect(out.startsWith('[\n  [\n    [')).toBe(true);
    expect(out.endsWith('  ]\n]\n')).toBe(true);
    expect(jsonEquals(parseJson(out), v)).toBe(true);
  });
});
