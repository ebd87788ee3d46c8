// Robustness (fast-check): random and mutated inputs to the tool-result parser, the citation
// extractor, the chain builder and the event deriver never throw, never hang, and come back with
// typed results (issues) instead.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChains, chainFor, type ChainInput } from './chains';
import { analyzeCitations, codePointLength, extractCitations } from './citations';
import { deriveEvents } from './events';
import { parseFileSearchResult } from './tool-results';
import { corpusInputs, pathOf } from './test-fixtures.test';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Paths to every node (bounded), for picking a mutation site. */
function paths(v: Json, limit = 4000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (x: Json, p: (string | number)[]): void => {
    if (out.length >= limit) return;
    out.push(p);
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...p, i]));
    else if (x !== null && typeof x === 'object') for (const k of Object.keys(x)) walk(x[k]!, [...p, k]);
  };
  walk(v, []);
  return out;
}

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('<|file-1|>', '(cite as <|', "{'a': ", '[1] document_id: ', '\n', 'file_search', '|>'),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
);

type Op = { site: number; kind: 'delete' | 'replace' | 'dup' | 'truncate'; value: Json };
const op: fc.Arbitrary<Op> = fc.record({
  site: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'dup', 'truncate'),
  value: junk,
});

function mutate(root: Json, ops: Op[]): Json {
  let v = clone(root);
  for (const o of ops) {
    const ps = paths(v);
    const p = ps[o.site % ps.length]!;
    if (p.length === 0) {
      v = o.kind === 'replace' ? o.value : v;
      continue;
    }
    const parent = p.slice(0, -1).reduce<Json>((x, k) => (x as Record<string | number, Json>)[k]!, v) as
      Record<string | number, Json> | Json[];
    const key = p[p.length - 1]!;
    const cur = (parent as Record<string | number, Json>)[key]!;
    if (o.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key];
    } else if (o.kind === 'replace') (parent as Record<string | number, Json>)[key] = o.value;
    else if (o.kind === 'dup' && Array.isArray(parent)) parent.splice(key as number, 0, clone(cur));
    else if (o.kind === 'truncate' && typeof cur === 'string')
      (parent as Record<string | number, Json>)[key] = cur.slice(0, o.site % (cur.length + 1));
  }
  return v;
}

/** Fails the property if a call takes long enough to suggest runaway work. */
function timed<T>(f: () => T, ms = 2000): T {
  const t0 = performance.now();
  const r = f();
  expect(performance.now() - t0).toBeLessThan(ms);
  return r;
}

const realToolContent = (prefix: string): Json => {
  const rec = corpusInputs().find((i) => i.path.includes(prefix))!.record as {
    request: { body: { messages: { role: string; content: Json }[] } };
  };
  return rec.request.body.messages.find((m) => m.role === 'tool')!.content;
};

describe('fuzz: tool-result parser', () => {
  const bases = [realToolContent('6e47f2fe'), realToolContent('5513bd49'), realToolContent('0b85055d')];

  it('mutated real tool messages never throw and keep their promises', () => {
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(op, { minLength: 1, maxLength: 6 }), (b, ops) => {
        const content = mutate(bases[b]!, ops);
        const r = timed(() => parseFileSearchResult(content, { argumentsJson: '{"query":"x"}' }));
        expect(typeof r.recognised).toBe('boolean');
        for (const c of r.chunks) {
          expect(typeof c.text).toBe('string');
          expect(['parenthesised', 'bare', 'missing']).toContain(c.cite.form);
          expect(['literal', 'fallback', 'absent']).toContain(c.attributesParse);
        }
        if (!r.recognised) expect(r.issues.map((i) => i.kind)).toEqual(['not-file-search']);
      }),
      { numRuns: 300 },
    );
  });

  it('random strings and string splices in a single-string result never throw', () => {
    const text = (bases[0] as { text: string }[]).map((p) => p.text).join('');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(text.length), (s, at) => {
        timed(() => parseFileSearchResult(s));
        timed(() => parseFileSearchResult(text.slice(0, at) + s + text.slice(at)));
        timed(() =>
          parseFileSearchResult([
            { type: 'text', text: `[1] document_id: ${s}, score: ${s}, attributes: {${s}} cite as <|${s}|>\n${s}` },
          ]),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: citations', () => {
  const piece = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      ' <|file-a|>',
      '<|file-b|>',
      ' ',
      '  ',
      '<|',
      '|>',
      '📈',
      '<|None|>',
      '<|d2a1bbec-1f2e-4a3b-9c8d-0123456789ab|>',
      '.',
      '[file-a]',
    ),
  );
  it('cleaned text and code-point indexes stay consistent', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const raw = pieces.join('');
        const r = extractCitations(raw, new Map([['file-a', 'a.txt']]));
        const n = codePointLength(r.cleanedText);
        // exactly the markers (ASCII) and one space per dropped space were removed
        const removed = r.matches.reduce((acc, m) => acc + (m.rawEnd - m.rawStart) + (m.droppedSpace ? 1 : 0), 0);
        expect(codePointLength(raw) - n).toBe(removed);
        for (const a of r.annotations) expect(a.index).toBeLessThanOrEqual(n);
        const idx = r.annotations.map((a) => a.index);
        expect([...idx].sort((x, y) => x - y)).toEqual(idx);
        const view = analyzeCitations(raw, [], { deltas: pieces.map((text, step) => ({ text, step })) });
        expect(view.deltasReproduceText).toBe(true);
        for (const m of view.markers) expect(m.cleanedIndex).toBeLessThanOrEqual(n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: chains and event derivation', () => {
  const seeds = ['6e47f2fe', '149e68a5', '3420e208', '8851b238', '5dc67bb6'].map((p) =>
    chainFor(pathOf(p), buildChains(corpusInputs()))!,
  );

  it('mutated recordings of real chains never throw, never fall into the catch-all', () => {
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(op, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('HEAD' as const, 'V2510' as const),
        (k, ops, version) => {
          const chain = seeds[k]!;
          const inputs: ChainInput[] = chain.turns.map((t, i) => ({
            path: t.path,
            record: i === ops[0]!.site % chain.turns.length ? mutate(t.record as Json, ops) : t.record,
          }));
          const chains = timed(() => buildChains(inputs));
          for (const c of chains) {
            const s = timed(() => deriveEvents(c, { version }));
            expect(s.issues.filter((i) => i.kind === 'internal-error')).toEqual([]);
            expect(['completed', 'incomplete', 'failed', 'none']).toContain(s.terminal);
            const seqs = s.events
              .map((e) => (e.event as { sequence_number?: number }).sequence_number)
              .filter((x) => x !== undefined);
            expect(new Set(seqs).size).toBe(seqs.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('arbitrary JSON as recordings never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }), (records) => {
        const chains = timed(() => buildChains(records.map((record, i) => ({ path: `p${i}`, record }))));
        for (const c of chains) timed(() => deriveEvents(c));
      }),
      { numRuns: 200 },
    );
  });
});
