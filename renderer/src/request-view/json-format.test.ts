import { describe, expect, it } from 'vitest';
import { base64Bytes, cleanDoc, formatBytes, idSafe, jsonSummary, parseDataUrl, sniffBase64Image, toCompactJson, toJsonText } from './json-format';

describe('toJsonText', () => {
  it('matches JSON.stringify for plain values', () => {
    const v = { a: [1, 2, { b: 'x"y', c: null }], d: {}, e: [], f: true, g: 1.5, h: 'ü\u2028' };
    expect(toJsonText(v)).toBe(JSON.stringify(v, null, 2));
    expect(toCompactJson([1, { a: 2 }])).toBe('[1, {"a": 2}]');
  });

  it('never throws: NaN, bigint, cycles, toJSON, deep nesting', () => {
    const cyc: Record<string, unknown> = { a: 1 };
    cyc.self = cyc;
    expect(toJsonText([NaN, Infinity, -Infinity, 10n ** 20n], 0)).toBe('[NaN, Infinity, -Infinity, 100000000000000000000]');
    expect(toJsonText(cyc, 0)).toBe('{"a": 1, "self": "[Circular]"}');
    expect(toJsonText({ t: new Date(0) }, 0)).toBe('{"t": "1970-01-01T00:00:00.000Z"}');
    expect(toJsonText({ bad: { toJSON: () => { throw new Error('x'); } } }, 0)).toContain('"bad"');
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(() => toJsonText(deep)).not.toThrow();
    expect(toJsonText(undefined)).toBe('null');
  });

  it('summarises values', () => {
    expect(jsonSummary([1, 2])).toBe('[…] 2 items');
    expect(jsonSummary({ a: 1 })).toBe('{…} 1 key');
    expect(jsonSummary('x')).toBe('"x"');
  });
});

describe('data helpers', () => {
  it('parses data URLs', () => {
    expect(parseDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({ mime: 'image/png', base64: true, bytes: 8 });
    expect(parseDataUrl('data:,hello%20')).toEqual({ mime: 'text/plain', base64: false, bytes: 6 });
    expect(parseDataUrl('https://x/y.png')).toBeNull();
    expect(parseDataUrl('data:image/png;base64')).toBeNull();
  });

  it('sizes, sniffs and sanitises', () => {
    expect(base64Bytes('aGVsbG8=')).toBe(5);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 kB');
    expect(sniffBase64Image('iVBORw0KGgoAAA')).toBe('image/png');
    expect(sniffBase64Image('/9j/4AAQ')).toBe('image/jpeg');
    expect(sniffBase64Image('zzzz')).toBeNull();
    expect(idSafe('call_ab c/1')).toBe('call_ab_c_1');
  });

  it('cleans docstrings', () => {
    expect(cleanDoc('\n        Returns x.\n\n        :param a: A\n          more\n    ')).toBe('Returns x.\n\n:param a: A\n  more');
    expect(cleanDoc('one line')).toBe('one line');
    expect(cleanDoc('  \n ')).toBe('');
  });
});
