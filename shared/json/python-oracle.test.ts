// Property tests against CPython itself: the writer, the parser and the float helpers must agree
// with `json.dumps` / `repr` / `round` / `format` on many random inputs. Python is spawned once per
// batch; the whole block is skipped (with a printed reason) when python3 is not installed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, jsonEquals } from './lossless-json';
import { dumpsSorted, pythonDumps, writeRecordingJson } from './python-json';
import { formatFixed, pythonFloatRepr, pythonRound } from './python-float';
import { sha256Hex } from '../hash/sha256';

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('python3 not found on PATH: skipping the CPython oracle comparisons');

function runPython(script: string, input: unknown): unknown {
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const SEED = Number(process.env.FC_SEED ?? (process.env.CI ? 20261126 : Date.now() % 2 ** 31));

// ---- raw JSON text generator: independent of our writer (raw tokens, mixed escaping, whitespace)

function pick(seed: number, i: number, n: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) % n;
}

const SHORT: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\', 47: '\\/' };

/** Encode a JS string as a JSON string token, choosing escapes pseudo-randomly. Surrogates are
 * always escaped: raw ones cannot cross UTF-8 to Python, and Python never writes them raw. */
function encodeJsonString(s: string, seed: number): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const r = pick(seed, i, 4);
    const hex = c.toString(16).padStart(4, '0');
    const u = '\\u' + (r === 1 ? hex.toUpperCase() : hex);
    if (c >= 0xd800 && c <= 0xdfff) out += u;
    else if (c < 0x20 || c === 34 || c === 92) out += SHORT[c] !== undefined && r !== 0 ? SHORT[c] : u;
    else if (c === 47) out += r === 0 ? '\\/' : '/';
    else out += r === 3 ? u : s[i];
  }
  return out + '"';
}

const unit = fc.oneof(
  fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u0080', 'é', '\u2028', '\ufeff', '\uffff', '\ue000', '\ud800', '\udbff', '\udc00', '\udfff', '😀', '\u{10ffff}', 'a', ' '),
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
);
const jsString = fc.array(unit, { maxLength: 10 }).map((a) => a.join(''));
const rawString = fc.tuple(jsString, fc.nat()).map(([s, seed]) => encodeJsonString(s, seed));

const AWKWARD = ['1e-05', '1e16', '1E16', '-0.0', '-0', '0', '5e-324', '4e-324', '2.4703282292062328e-324', '1.7976931348623157e308', '1e400', '-1e400', '1.0', '0.1', '2.5', '0.015625', '1e22', '1e21', '9999999999999998.0', '0.0001', '0.00009999', '1.5e+16', '123456789012345678901234567890.25', 'NaN', 'Infinity', '-Infinity', '9007199254740993', '-9007199254740993', '6760981245874068000', '1e-7', '0.30000000000000004'];
const rawNumber = fc.oneof(
  fc.constantFrom(...AWKWARD),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 2 })).map(([x, k]) => (k === 0 ? String(x) : k === 1 ? x.toExponential() : x.toPrecision(17))),
);
const ws = fc.constantFrom('', '', ' ', '\n', '\t', '\r\n  ');
const key = fc.oneof(rawString, fc.constantFrom('"a"', '"\\u0061"', '"b"', '"é"', '"\\u00e9"', '"😀"', '"\\ud83d\\ude00"', '"\\ue000"', '"\\uffff"', '"\\ud800"', '"\\udc00"', '""'));

const { json: rawJson } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small', withCrossShrink: true }, rawNumber, rawString, fc.constantFrom('true', 'false', 'null'), tie('array'), tie('object')),
  array: fc.tuple(fc.array(fc.tuple(ws, tie('json'), ws), { maxLength: 5 }), ws).map(([items, w]) => '[' + (items.length ? items.map(([a, v, b]) => a + v + b).join(',') : w) + ']'),
  object: fc.tuple(fc.array(fc.tuple(ws, key, ws, tie('json')), { maxLength: 5 }), ws).map(([es, w]) => '{' + (es.length ? es.map(([a, k, b, v]) => a + k + b + ':' + a + v + b).join(',') : w) + '}'),
})) as { json: fc.Arbitrary<string> };

describe('lossless round trip (property)', () => {
  it('parse -> write -> parse gives the same tree, for indented and compact output', () => {
    fc.assert(
      fc.property(rawJson, (text) => {
        const v = parseJson(text);
        expect(jsonEquals(parseJson(writeRecordingJson(v)), v)).toBe(true);
        expect(jsonEquals(parseJson(dumpsSorted(v)), parseJson(pythonDumps(parseJson(dumpsSorted(v)))))).toBe(true);
        // re-writing written output is a fixed point
        const once = writeRecordingJson(v);
        expect(writeRecordingJson(parseJson(once))).toBe(once);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});

describe.skipIf(!hasPython)('CPython oracle', () => {
  it('writer == json.dumps(v, indent=2) and json.dumps(v, sort_keys=True) on random JSON', () => {
    const texts = fc.sample(rawJson, { numRuns: 3000, seed: SEED });
    const py = runPython(
      'import json,sys\nout=[]\nfor t in json.load(sys.stdin):\n v=json.loads(t)\n out.append([json.dumps(v, indent=2), json.dumps(v, sort_keys=True), json.dumps(v)])\nprint(json.dumps(out))',
      texts,
    ) as Array<[string, string, string]>;
    const bad: string[] = [];
    texts.forEach((t, i) => {
      const v = parseJson(t);
      const [indented, sorted, plain] = py[i]!;
      if (pythonDumps(v, { indent: 2 }) !== indented || dumpsSorted(v) !== sorted || pythonDumps(v) !== plain) bad.push(t);
    });
    expect(bad.slice(0, 5), `seed ${SEED}`).toEqual([]);
  });

  it('dumpsSorted == json.dumps(sort_keys=True) on every corpus file (compared via sha256)', () => {
    const corpus = resolve(fileURLToPath(import.meta.url), '../../../../shared/corpus');
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.json')) files.push(p);
      }
    };
    walk(corpus);
    const py = runPython(
      'import json,sys,hashlib\nprint(json.dumps([hashlib.sha256(json.dumps(json.load(open(f)), sort_keys=True).encode()).hexdigest() for f in json.load(sys.stdin)]))',
      files,
    ) as string[];
    const ours = files.map((f) => sha256Hex(dumpsSorted(parseJson(readFileSync(f, 'utf8')))));
    expect(ours).toEqual(py);
  });

  it('pythonFloatRepr / pythonRound / formatFixed == repr / round / format on random doubles', () => {
    const bits = fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff })).map(([hi, lo]) => {
      const dv = new DataView(new ArrayBuffer(8));
      dv.setUint32(0, hi);
      dv.setUint32(4, lo);
      return dv.getFloat64(0);
    });
    const decimalish = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 12 })).map(([n, k]) => n / 10 ** k);
    const nearTie = fc.tuple(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: 0, max: 10 })).map(([n, k]) => (n + 0.5) / 10 ** k);
    const dyadic = fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 30 })).map(([n, k]) => n / 2 ** k);
    const x = fc.oneof(bits, fc.double(), decimalish, nearTie, dyadic, fc.constantFrom(0, -0, 5e-324, 1e-5, 1e16, 1.7976931348623157e308, 0.015625, 1e-6, -1e-6, NaN, Infinity, -Infinity));
    const items = fc.sample(fc.tuple(x, fc.integer({ min: -5, max: 15 }), fc.integer({ min: 0, max: 20 })), { numRuns: 5000, seed: SEED });
    const toPy = (v: number): string => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : Object.is(v, -0) ? '-0.0' : String(v));
    const py = runPython(
      [
        'import json,sys',
        'def rnd(x, n):',
        '  try: return json.dumps(round(x, n))',
        "  except OverflowError: return 'overflow'",
        'out=[]',
        'for s,nd,fd in json.load(sys.stdin):',
        '  x=float(s)',
        "  out.append([json.dumps(x), json.dumps(round(x,5)), format(x,'.5f'), rnd(x,nd), format(x,'.%df'%fd)])",
        'print(json.dumps(out))',
      ].join('\n'),
      items.map(([v, nd, fd]) => [toPy(v), nd, fd]),
    ) as string[][];
    const bad: unknown[] = [];
    items.forEach(([v, nd, fd], i) => {
      const [repr, r5, f5, rn, fn] = py[i]!;
      const roundN = pythonRound(v, nd);
      const ours = [pythonFloatRepr(v), pythonFloatRepr(pythonRound(v, 5)), formatFixed(v, 5), rn === 'overflow' && !Number.isFinite(roundN) && Number.isFinite(v) ? 'overflow' : pythonFloatRepr(roundN), formatFixed(v, fd)];
      if (JSON.stringify(ours) !== JSON.stringify([repr, r5, f5, rn, fn])) bad.push({ x: toPy(v), nd, fd, ours, python: py[i] });
    });
    expect(bad.slice(0, 5), `seed ${SEED}`).toEqual([]);
  });
});
