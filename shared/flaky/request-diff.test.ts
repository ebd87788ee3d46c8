import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { get, jsonFloat, jsonInt, jsonNumber, type JsonValue } from '../json/json-value';
import { parseJson } from '../json/lossless-json';
import { pythonDumps } from '../json/python-json';
import { diffAnswers, diffJson, jsonSame, renderValue } from './request-diff';
import { rawHashView } from './hash-view';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const load = (rel: string): JsonValue => parseJson(readFileSync(CORPUS + rel, 'utf8'));
const RESP = 'llama-stack/responses/recordings/';

describe('diffJson', () => {
  it('ignores key order', () => {
    expect(diffJson(parseJson('{"a": 1, "b": {"x": [1, 2], "y": null}}'), parseJson('{"b": {"y": null, "x": [1, 2]}, "a": 1}'))).toEqual([]);
  });

  it('compares numbers exactly: int vs float, big ints, Python float value', () => {
    expect(diffJson(parseJson('{"t": 1}'), parseJson('{"t": 1.0}'))).toEqual([{ path: '$.t', kind: 'type', before: '1', after: '1.0', note: 'int → float' }]);
    // equal as JS doubles, different as Python ints
    expect(diffJson(parseJson('{"seed": 6760981245874068000}'), parseJson('{"seed": 6760981245874068001}'))).toEqual([
      { path: '$.seed', kind: 'changed', before: '6760981245874068000', after: '6760981245874068001' },
    ]);
    // same Python float, different token: equal by default, different with numbers: 'raw'
    expect(diffJson(parseJson('[0.7]'), parseJson('[0.70]'))).toEqual([]);
    expect(diffJson(parseJson('[0.7]'), parseJson('[0.70]'), { numbers: 'raw' })).toHaveLength(1);
    expect(diffJson(parseJson('[0.0]'), parseJson('[-0.0]'))).toHaveLength(1);
  });

  it('reports added / removed / changed / type by JSON path', () => {
    const a = parseJson('{"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": true, "odd key": 1}');
    const b = parseJson('{"model": "m", "messages": [{"role": "user", "content": "hello"}], "temperature": 0.5, "odd key": "1"}');
    expect(diffJson(a, b)).toEqual([
      { path: '$.messages[0].content', kind: 'changed', before: '"hi"', after: '"hello"', offset: 1 },
      { path: '$.stream', kind: 'removed', before: 'true' },
      { path: '$["odd key"]', kind: 'type', before: '1', after: '"1"', note: 'int → string' },
      { path: '$.temperature', kind: 'added', after: '0.5' },
    ]);
  });

  it('aligns arrays: one inserted item is one entry, not a cascade', () => {
    const a = parseJson('[{"role": "user"}, {"role": "assistant"}, {"role": "tool"}]');
    const b = parseJson('[{"role": "user"}, {"role": "system"}, {"role": "assistant"}, {"role": "tool"}]');
    expect(diffJson(a, b)).toEqual([{ path: '$[1]', kind: 'added', after: '{"role": "system"}' }]);
    expect(diffJson(b, a)).toEqual([{ path: '$[1]', kind: 'removed', before: '{"role": "system"}' }]);
    // a changed item between equal ones is compared field by field
    expect(diffJson(parseJson('[1, {"a": 1, "b": 2}, 3]'), parseJson('[1, {"a": 1, "b": 5}, 3, 4]'))).toEqual([
      { path: '$[1].b', kind: 'changed', before: '2', after: '5' },
      { path: '$[3]', kind: 'added', after: '4' },
    ]);
  });

  it('summarises long strings around the first difference', () => {
    const long = 'x'.repeat(500);
    const [d] = diffJson(`${long}A${long}`, `${long}B${long}`);
    expect(d).toMatchObject({ path: '$', kind: 'changed', offset: 500, note: 'strings differ from offset 500 (length 1001 → 1001)' });
    expect(d!.before!.length).toBeLessThan(100);
    expect(d!.before).toContain('A');
    expect(d!.after).toContain('B');
  });

  it('survives very deep nesting (iterative)', () => {
    const deep = (leaf: string) => parseJson('['.repeat(20_000) + leaf + ']'.repeat(20_000));
    const d = diffJson(deep('1'), deep('2'));
    expect(d).toHaveLength(1);
    expect(d[0]!.path.endsWith('[0]')).toBe(true);
    expect(renderValue(deep('1')).length).toBeLessThan(130);
  });

  it('lists the fields that differ between two re-recorded variants of one corpus request', () => {
    const current = load(`${RESP}6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json`);
    const older = load(`${RESP}2fa72534cefd5c8baeb7e65efd1e9f6bdb8710a974804a5bc79fd8bca669464f.json`);
    const d = diffJson(rawHashView(current), rawHashView(older));
    const paths = d.map((x) => x.path);
    // the stack renamed the tool (file_search → knowledge_search) and stopped sending two parameters
    expect(paths).toContain('$.body.tools[0].function.name');
    expect(d.find((x) => x.path === '$.body.tools[0].function.name')).toMatchObject({ kind: 'changed', before: '"file_search"', after: '"knowledge_search"' });
    expect(d.filter((x) => x.kind === 'removed').map((x) => x.path).sort()).toEqual(['$.body.parallel_tool_calls', '$.body.service_tier']);
    // tool-call ids differ between recordings, and the tool result text (ids, scores)
    expect(paths).toContain('$.body.messages[1].tool_calls[0].id');
    expect(paths).toContain('$.body.messages[2].content[1].text');
    // unchanged parts are not listed
    expect(paths.some((p) => p.startsWith('$.body.messages[0]'))).toBe(false);
    expect(paths).not.toContain('$.test_id');
    expect(diffJson(rawHashView(current), rawHashView(current))).toEqual([]);
  });

  it('diffAnswers compares the reconstructed answers (text, tool calls, usage)', () => {
    const a = load(`${RESP}6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json`);
    const b = load(`${RESP}4490f369ec01d3241d24685db68675c440d1ec12b3ca8fc5dd429c48a5415158.json`);
    const r = diffAnswers(a, b);
    expect(r.same).toBe(false);
    expect(r.a.variant).toBe('chat-completion-chunks');
    expect(r.differences.map((d) => d.path)).toEqual(['$.choices[0].content', '$.usage.completion_tokens', '$.usage.prompt_tokens', '$.usage.total_tokens']);
    expect(diffAnswers(a, a).same).toBe(true);
    // turn-0 variants that both call a tool: only the provider's call id differs
    const c = load(`${RESP}149e68a5c212401a54ae4ce9c2d29bc2c9da80cc1ef0ed170e8708907b39adf7.json`);
    const e = load(`${RESP}b30da63114770b8c975bf66e24aee40546a0658db3df58b9b4d948e4e95b0961.json`);
    expect(diffAnswers(c, e).differences.map((d) => d.path)).toEqual(['$.choices[0].toolCalls[0].id']);
    // plain JSON values work too, and a recorded exception shows as an error
    const ex = load('llama-stack/inference/recordings/28a43dc80443ccae98eee165c58522090fd6f0637031153b0105399093d39c52.json');
    const r2 = diffAnswers(JSON.parse(readFileSync(`${CORPUS}${RESP}6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json`, 'utf8')), ex);
    expect(r2.b.error).not.toBeNull();
    expect(r2.differences.some((d) => d.path.startsWith('$.error'))).toBe(true);
  });

  it('request view of a recording: URL path, normalised area and test id as the recorder hashes them', () => {
    const rec = load(`${RESP}6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json`);
    const view = rawHashView(rec);
    expect(get(view, 'endpoint')).toBe('/v1/v1/chat/completions');
    expect(get(view, 'method')).toBe('POST');
    expect(get(view, 'test_id')).toBe(get(rec, 'test_id'));
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests on random lossless trees (ints incl. big ones, floats incl. -0.0/NaN, odd keys)

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'a b', '', '0'));
const num = fc.oneof(
  fc.integer().map((n) => jsonInt(n)),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => jsonInt(n)),
  fc.double().map((x) => jsonFloat(x)),
  fc.constantFrom('1', '1.0', '0.70', '1e-05', '-0', '-0.0').map((raw) => jsonNumber(raw)),
);
const { tree } = fc.letrec<{ tree: JsonValue }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.string({ maxLength: 8 }),
    num,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(key, tie('tree')), { maxLength: 4, selector: (e) => e[0] }).map((entries): JsonValue => ({ kind: 'object', entries })),
  ),
}));

function shuffleKeys(v: JsonValue, seed: number): JsonValue {
  if (Array.isArray(v)) return v.map((x, i) => shuffleKeys(x, seed + i));
  if (v !== null && typeof v === 'object' && v.kind === 'object') {
    const entries = v.entries.map(([k, x], i): [string, JsonValue] => [k, shuffleKeys(x, seed + i)]);
    entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7) || (seed % 2 ? 1 : -1) * (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { kind: 'object', entries };
  }
  return v;
}

describe('diffJson properties', () => {
  it('never throws on random pairs, and reports nothing exactly when the trees are the same', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const d = diffJson(a, b);
        expect(d.length === 0).toBe(jsonSame(a, b));
        for (const e of d) expect(e.path.startsWith('$')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('diffJson(a, a) is empty, also after reordering keys and a Python dumps/parse round trip', () => {
    fc.assert(
      fc.property(tree, fc.nat(100), (a, seed) => {
        expect(diffJson(a, a)).toEqual([]);
        expect(diffJson(a, shuffleKeys(a, seed))).toEqual([]);
        expect(diffJson(a, parseJson(pythonDumps(a)))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
