// Robustness: random and mutated chunk lists (missing fields, wrong types, nulls, dropped or
// duplicated items) never make buildTimeline / stateAt / streamSummary throw, and the timeline
// keeps its structural promises.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline, stateAt, streamSummary, type Timeline } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusRoot = path.resolve(repoRoot, '../shared/corpus');
const bodyOf = (rel: string): unknown[] => JSON.parse(fs.readFileSync(path.join(corpusRoot, rel), 'utf8')).response.body;

// One real stream per variant, trimmed to keep runs fast.
const BASES: Record<string, unknown[]> = {
  chatTools: bodyOf('llama-stack/responses/recordings/e73b8fbb6fe7f956879bc35e76b5419428fc85ba80d9bd947af77ad75e410b80.json'),
  chatReasoning: bodyOf('llama-stack/common/recordings/8019a21d3845675fc1966b90850ec4405f763792f3dea3ade299706fab3c2745.json'),
  ollama: bodyOf('llama-stack-2025-10/recordings/responses/f477c2fe1332.json').slice(0, 8),
  genai: bodyOf('llama-stack/responses/recordings/7c8cef4d00854e8ddf48aa3d143a6e3f5e5198e9bdca2b6e6eda676de8fba05f.json').slice(0, 4),
  sse: bodyOf('llama-stack/messages/recordings/f22657bfd86db6348c0a0d0b17332dcfc038b345d2a7be8da4b880a433d36a52.json').slice(-30),
};

/** Exercise every consumer entry point and check the invariants that must always hold. */
function checkTimeline(t: Timeline): void {
  expect(t.choices.length).toBeGreaterThan(0);
  expect(t.steps.every((s, i) => s.index === i)).toBe(true);
  // The builder's try/catch is a last resort; adapters themselves must not throw.
  expect(t.steps.filter((s) => s.note?.includes('adapter error')).map((s) => s.note)).toEqual([]);
  const last = t.steps.length - 1;
  let prev = stateAt(t, -1);
  for (let k = 0; k <= last; k++) {
    const s = stateAt(t, k);
    s.choices.forEach((c, i) => {
      const p = prev.choices[i];
      expect(c.content.startsWith(p?.content ?? '')).toBe(true);
      expect(c.reasoning.startsWith(p?.reasoning ?? '')).toBe(true);
      expect(c.toolCalls.length).toBeGreaterThanOrEqual(p?.toolCalls.length ?? 0);
    });
    prev = s;
  }
  expect(() => JSON.stringify(t)).not.toThrow();
  JSON.stringify(streamSummary(t));
}

type Op = { path: number[]; kind: 'delete' | 'set' | 'null' | 'dropItem' | 'dupItem' | 'insertItem'; value: unknown };

const opArb: fc.Arbitrary<Op> = fc.record({
  path: fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }),
  kind: fc.constantFrom('delete', 'set', 'set', 'null', 'dropItem', 'dupItem', 'insertItem'),
  value: fc.jsonValue({ maxDepth: 2 }),
});

/** Walks `path` (each number picks a key / element modulo size) and damages what it finds. */
function mutate(list: unknown[], op: Op): void {
  const [first = 0, ...rest] = op.path;
  if (op.kind === 'dropItem' && list.length) return void list.splice(first % list.length, 1);
  if (op.kind === 'dupItem' && list.length) return void list.splice(first % list.length, 0, structuredClone(list[first % list.length]));
  if (op.kind === 'insertItem') return void list.splice(first % (list.length + 1), 0, op.value);
  let node: unknown = list;
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  for (const n of op.path) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node as Record<string, unknown>;
    key = keys[n % keys.length];
    node = (node as Record<string | number, unknown>)[key as string];
  }
  if (parent === undefined || key === undefined) return;
  const p = parent as Record<string | number, unknown>;
  if (op.kind === 'delete' && !Array.isArray(parent)) delete p[key];
  else p[key] = op.kind === 'null' ? null : op.value;
}

describe('fuzz: buildTimeline never throws', () => {
  it('on arbitrary JSON values as the whole recording or as the body', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(true, false, null, 'yes'), fc.boolean(), (v, streaming, exception) => {
        checkTimeline(buildTimeline(v));
        checkTimeline(buildTimeline({ request: {}, response: { body: v, is_streaming: streaming, ...(exception ? { is_exception: true, exception_data: v } : {}) } }));
      }),
      { numRuns: 300 },
    );
  });

  it('on mutated real streams (missing fields, wrong types, nulls, dropped/duplicated items)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(BASES)), fc.array(opArb, { minLength: 1, maxLength: 8 }), (base, ops) => {
        const body = structuredClone(BASES[base] ?? []);
        for (const op of ops) mutate(body, op);
        const t = buildTimeline({ request: {}, response: { body, is_streaming: true } });
        checkTimeline(t);
        if (!body.every((x) => typeof x === 'string')) expect(t.steps.length).toBe(body.length);
      }),
      { numRuns: 400 },
    );
  });

  it('unknown chunk shapes become steps with no deltas and a note', () => {
    const junk = fc.oneof(
      fc.constantFrom(null, 0, true, 'x', []),
      fc.dictionary(fc.constantFrom('foo', 'bar', 'baz', 'qux'), fc.jsonValue({ maxDepth: 1 })),
      fc.record({ __type__: fc.constant('some.module.Unknown'), __data__: fc.dictionary(fc.constantFrom('a', 'b'), fc.jsonValue({ maxDepth: 1 })) }),
    );
    fc.assert(
      fc.property(fc.array(junk, { minLength: 1, maxLength: 10 }), (items) => {
        const body = [{ __type__: 'x.ChatCompletionChunk', __data__: { choices: [] } }, ...items];
        const t = buildTimeline({ request: {}, response: { body, is_streaming: true } });
        expect(t.steps).toHaveLength(body.length);
        for (const s of t.steps.slice(1)) {
          expect(s.added).toEqual([]);
          expect(s.note).toBeTruthy();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('on random SSE line lists', () => {
    const line = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('event: content_block_delta', 'event: content.delta', ': keep-alive', 'data: [DONE]', 'data: {', 'data: null'),
      fc.jsonValue({ maxDepth: 3 }).map((v) => `data: ${JSON.stringify(v)}`),
      fc.record({ type: fc.constantFrom('message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'error'), index: fc.jsonValue({ maxDepth: 0 }), delta: fc.jsonValue({ maxDepth: 2 }), content_block: fc.jsonValue({ maxDepth: 2 }) }).map((v) => `data: ${JSON.stringify(v)}`),
      fc.record({ event_type: fc.constantFrom('content.start', 'content.delta', 'interaction.complete', 'error'), index: fc.nat(3), delta: fc.jsonValue({ maxDepth: 2 }), interaction: fc.jsonValue({ maxDepth: 2 }) }).map((v) => `data: ${JSON.stringify(v)}`),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        checkTimeline(buildTimeline({ request: {}, response: { body: lines, is_streaming: true } }));
      }),
      { numRuns: 300 },
    );
  });
});
