// The Python-literal reader on repr output: quotes and escapes, True/False/None, numbers as
// printed (keeping `1680307200.0`), nan/inf, tuples, nesting, and clean failure on unknown reprs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePythonLiteral, pyDictGet, type PyNode } from './python-literal';

const ok = (text: string, start = 0) => {
  const r = parsePythonLiteral(text, start);
  if (!r.ok) throw new Error(`parse failed: ${r.error} at ${r.offset}`);
  return r;
};

describe('parsePythonLiteral', () => {
  it('reads the real attribute dict of recording f6960cae (§5.7)', () => {
    const text =
      "{'region': 'us', 'category': 'engineering', 'date': 1680307200.0, 'filename': 'us_engineering_q2.txt', 'document_id': 'file-284290576317', 'token_count': 18.0, 'metadata_token_count': 32.0}";
    const r = ok(text);
    expect(r.end).toBe(text.length);
    expect(r.value).toEqual({
      region: 'us',
      category: 'engineering',
      date: 1680307200,
      filename: 'us_engineering_q2.txt',
      document_id: 'file-284290576317',
      token_count: 18,
      metadata_token_count: 32,
    });
    const date = pyDictGet(r.node, 'date');
    expect(date).toMatchObject({ kind: 'float', raw: '1680307200.0' });
  });

  it('handles both quote styles, apostrophes and Python escapes', () => {
    const r = ok(`{"it's": "Bob's file", 'q': 'say "hi"', 'esc': 'a\\'b\\\\c\\n\\t\\x41\\u00e9\\U0001F600'}`);
    expect(r.value).toEqual({ "it's": "Bob's file", q: 'say "hi"', esc: "a'b\\c\n\tAé😀" });
    // unknown escapes keep the backslash, like Python
    expect(ok(`'a\\qb'`).value).toBe('a\\qb');
    expect(ok(`'\\101'`).value).toBe('A');
  });

  it('reads True / False / None, ints, floats, exponents, nan and inf', () => {
    const r = ok("{'a': True, 'b': False, 'c': None, 'd': 7, 'e': -3, 'f': 1e-05, 'g': nan, 'h': inf, 'i': -inf, 'j': 1_000}");
    const v = r.value as Record<string, unknown>;
    expect(v).toMatchObject({ a: true, b: false, c: null, d: 7, e: -3, f: 1e-5, h: Infinity, i: -Infinity, j: 1000 });
    expect(Number.isNaN(v.g)).toBe(true);
    expect(pyDictGet(r.node, 'd')?.kind).toBe('int');
    expect(pyDictGet(r.node, 'f')).toMatchObject({ kind: 'float', raw: '1e-05' });
  });

  it('reads lists, tuples, sets and nested dicts', () => {
    const r = ok(
      "{'t': (1, 'x'), 'one': (5,), 'paren': (5), 'empty': (), 'l': [[1], {'k': [None]}], 's': {1, 2}, 'n': {'deep': {'er': 1.5}}}",
    );
    expect(r.value).toEqual({
      t: [1, 'x'],
      one: [5],
      paren: 5,
      empty: [],
      l: [[1], { k: [null] }],
      s: [1, 2],
      n: { deep: { er: 1.5 } },
    });
    expect((pyDictGet(r.node, 't') as PyNode).kind).toBe('tuple');
    expect((pyDictGet(r.node, 's') as PyNode).kind).toBe('set');
    expect(ok('{}').value).toEqual({});
  });

  it('stops after the literal and reports where', () => {
    const text = "[1] document_id: x, score: 1.0, attributes: {'a': 1} cite as <|x|>\ntext";
    const start = text.indexOf('{');
    const r = ok(text, start);
    expect(text.slice(r.end)).toBe(' cite as <|x|>\ntext');
  });

  it('fails cleanly on reprs that are not plain data', () => {
    const r = parsePythonLiteral("{'when': datetime.datetime(2024, 1, 1, 0, 0)}");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/datetime/);
      expect(r.offset).toBe(9);
    }
    for (const bad of ["{'a': 1", "{'a' 1}", "'unterminated", '[1 2]', '', '{1: }', "{'a': Decimal('1')}", '1j', '--1']) {
      expect(parsePythonLiteral(bad).ok, bad).toBe(false);
    }
  });

  it('keys that are not strings use their source text, __proto__ stays a plain key', () => {
    const v = ok("{1: 'a', None: 'b', '__proto__': 'c'}").value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['1', 'None', '__proto__']);
    expect(v['__proto__']).toBe('c');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it('rejects absurd nesting instead of overflowing the stack', () => {
    expect(parsePythonLiteral('['.repeat(100000)).ok).toBe(false);
  });
});

/** Python repr of a generated value (single quotes unless the string has ' and no "). */
function pyRepr(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') {
    const q = v.includes("'") && !v.includes('"') ? '"' : "'";
    let s = '';
    for (const ch of v) {
      if (ch === '\\') s += '\\\\';
      else if (ch === q) s += `\\${q}`;
      else if (ch === '\n') s += '\\n';
      else if (ch === '\t') s += '\\t';
      else if (ch === '\r') s += '\\r';
      else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) s += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
      else s += ch;
    }
    return q + s + q;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(', ')}}`;
}

describe('parsePythonLiteral (property)', () => {
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
      fc.string({ unit: 'binary-ascii' }),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(
        fc.string({ unit: 'grapheme-ascii' }).filter((k) => k !== '__proto__'),
        tie('v'),
        { maxKeys: 4 },
      ),
    ),
  })).v;

  it('round-trips repr output of random plain data', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = pyRepr(v);
        const r = parsePythonLiteral(text);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.end).toBe(text.length);
          expect(r.value).toEqual(v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(250), (s, start) => {
        const r = parsePythonLiteral(s, start);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
