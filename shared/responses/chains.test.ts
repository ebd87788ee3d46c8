// Turn chains: the corpus's real chains (re-recorded turns, overwritten turn-1 files, MCP,
// guardrails), the choice rule, pinning, and hand-made cases for the linking rules.
import { describe, expect, it } from 'vitest';
import { classifyHash } from '../hash/request-hash';
import { parseJson } from '../json/lossless-json';
import { buildChains, chainFor, pinChain, type ChainInput, type TurnChain } from './chains';
import {
  assistantCalls,
  callChunks,
  corpusInputs,
  corpusProfile,
  finishChunk,
  fnTool,
  pathOf,
  recording,
  searchResult,
  searchTool,
  textChunks,
  toolMsg,
  user,
  usageChunk,
} from './test-fixtures.test';

const chains = buildChains(corpusInputs(), { hashProfile: corpusProfile });
const base = (p: string) =>
  p
    .split('/')
    .pop()!
    .replace(/\.json$/, '')
    .slice(0, 8);
const turnsOf = (c: TurnChain | undefined) => c?.turns.map((t) => [t.index, base(t.path), t.link]);
const byTest = (fragment: string) => chains.filter((c) => c.testId?.includes(fragment));

describe('buildChains on the corpus', () => {
  it('keeps every chain consistent: consecutive turns, linked, chosen among the candidates', () => {
    expect(chains.length).toBeGreaterThan(30);
    for (const c of chains) {
      expect(c.turns.length).toBeGreaterThan(0);
      c.turns.forEach((t, i) => {
        if (i > 0) {
          expect(t.index).toBe(c.turns[i - 1]!.index + 1);
          expect(t.link).not.toBe('start');
          const cand = c.candidates.find((x) => x.path === t.path)!;
          expect(cand.parents.map((p) => p.path)).toContain(c.turns[i - 1]!.path);
        } else expect(t.link).toBe('start');
        const sameTurn = c.candidates.filter((x) => x.turn === t.index).map((x) => x.path);
        expect(new Set([t.path, ...t.alternatives])).toEqual(new Set(sameTurn));
      });
      expect(c.complete).toBe(
        c.turns[0]!.index === 0 && c.candidates.find((x) => x.path === c.turns[c.turns.length - 1]!.path)!.terminal,
      );
    }
    // every streaming chat turn of the corpus is in exactly one chain
    const all = chains.flatMap((c) => c.candidates.map((x) => x.path));
    expect(new Set(all).size).toBe(all.length);
  });

  it('default choice of a re-recorded test: the id-linked pair whose hashes are current', () => {
    const [c] = byTest('test_response_file_search_streaming_events[client_with_models');
    expect(turnsOf(c)).toEqual([
      [0, '16ce219b', 'start'],
      [1, 'f84f572a', 'id'],
    ]);
    expect(c!.turns.every((t) => t.hash.status === 'current' && !t.hash.approximate)).toBe(true);
    expect(c!.turns[0]!.alternatives.map(base).sort()).toEqual(['1cdc648f', '3ae0877c']);
    expect(c!.turns[1]!.alternatives).toHaveLength(14);
    expect(c!.complete).toBe(true);
    // the three answers whose turn-1 recording was overwritten (§8.3, §10.13)
    const unproduced = c!.issues.filter((i) => i.kind === 'unproduced-tool-call');
    expect(unproduced.map((i) => base(i.paths![0]!)).sort()).toEqual(['05368a68', '38bccd9c', '74a41a0b']);
    expect(unproduced.every((i) => i.ids!.join() === 'call_XZK04urToOgynVuyhIKAqDyw')).toBe(true);
    expect(c!.issues.filter((i) => i.kind === 'ambiguous-turn')).toHaveLength(2);
  });

  it('chainFor pins the worked example (§8): 3ae0877c → 6e47f2fe by tool-call id', () => {
    const c = chainFor(pathOf('6e47f2fe'), chains);
    expect(turnsOf(c)).toEqual([
      [0, '3ae0877c', 'start'],
      [1, '6e47f2fe', 'id'],
    ]);
    expect(c!.pinned).toBe(pathOf('6e47f2fe'));
    expect(c!.turns[0]!.toolCalls).toEqual([
      {
        index: 0,
        id: 'call_yrecP7RchFwSrzeZd9oqtJEN',
        name: 'knowledge_search',
        arguments: '{"query":"marketing updates"}',
        kind: 'file_search',
      },
    ]);
    expect(c!.turns[1]!.toolResults.map((r) => [r.toolCallId, r.name, r.kind, r.messageIndex])).toEqual([
      ['call_yrecP7RchFwSrzeZd9oqtJEN', 'knowledge_search', 'file_search', 2],
    ]);
    // pinning the first turn picks one of its own answers
    const c0 = chainFor(pathOf('3ae0877c'), chains)!;
    expect(c0.turns[0]!.path).toBe(pathOf('3ae0877c'));
    expect(c0.turns[1]!.link).toBe('id');
    expect(['02b32fe0', 'cff28a9e', '6e47f2fe', '2f5d0087', '30288189']).toContain(base(c0.turns[1]!.path));
    // §8.3: the answer's own turn-1 recording was overwritten; it follows a later run's turn 1 by
    // structure (same tool, same arguments), flagged
    const orphan = chainFor(pathOf('5513bd49'), chains)!;
    expect(turnsOf(orphan)).toEqual([
      [0, '447fc05a', 'start'],
      [1, '5513bd49', 'structure'],
    ]);
    expect(orphan.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(['structure-link', 'unproduced-tool-call']));
    // chosen turns are returned as they are
    expect(chainFor(pathOf('f84f572a'), chains)).toBe(byTest('test_response_file_search_streaming_events[client_with_models')[0]);
    expect(chainFor('no/such/file.json', chains)).toBeUndefined();
  });

  it('links the three-turn MCP chain by ids (§8.4 #3)', () => {
    const c = chainFor(pathOf('149e68a5'), chains)!;
    expect(turnsOf(c)).toEqual([
      [0, '149e68a5', 'start'],
      [1, '161554eb', 'id'],
      [2, '5957e26c', 'id'],
    ]);
    expect(c.turns.map((t) => t.toolCalls.map((x) => `${x.name}:${x.kind}`).join())).toEqual([
      'get_experiment_id:mcp',
      'get_experiment_results:mcp',
      '',
    ]);
  });

  it('two parallel built-in calls are answered by one turn with two tool messages (§8.4 #2)', () => {
    const c = chainFor(pathOf('1dbd102b'), chains)!;
    expect(turnsOf(c)).toEqual([
      [0, '12d6702f', 'start'],
      [1, '1dbd102b', 'id'],
    ]);
    expect(c.turns[1]!.toolResults.map((r) => r.toolCallId)).toEqual([
      'call_Fvpcub7CINR4M4mne3NrqPSh',
      'call_nNONu48z4o4psZIlHNDbWIe6',
    ]);
  });

  it('flags incomplete chains, attaches guard verdicts, ends at exceptions and client calls', () => {
    const [compound] = byTest('test_response_file_search_filter_compound_or[client_with_models');
    expect(compound!.issues.map((i) => i.kind).sort()).toEqual(['missing-answer', 'off-path-candidates', 'unproduced-tool-call']);
    expect(compound!.complete).toBe(false);
    const [category] = byTest('test_response_file_search_filter_by_category[openai_client');
    expect(category!.turns[0]!.index).toBe(1);
    expect(category!.issues.some((i) => i.kind === 'missing-turns')).toBe(true);

    const guard = chainFor(pathOf('43b0260a'), chains)!;
    expect(guard.guards.map((g) => [base(g.path), g.verdict, g.categories])).toEqual([
      ['711edda4', 'safe', []],
      ['72c53cb1', 'unsafe', ['S1']],
      ['8b4c24ef', 'safe', []],
      ['a02ef02d', 'safe', []],
    ]);
    expect(guard.guards[1]!.checkedText!.length).toBe(404);

    const failed = chainFor(pathOf('1a5a9da6'), chains)!;
    expect(failed.complete).toBe(true);
    expect(failed.issues.map((i) => i.kind)).toContain('exception-turn');

    const parallel = chainFor(pathOf('8851b238'), chains)!;
    expect(parallel.turns.map((t) => t.toolCalls.map((x) => x.kind))).toEqual([['function', 'function']]);
    expect(parallel.complete).toBe(true);
  });

  it('hash status of every candidate equals a full number-preserving classification (MANIFEST column)', () => {
    const texts = new Map(corpusInputs().map((i) => [i.path, i.text!]));
    for (const c of chains) {
      for (const x of c.candidates) {
        const full = classifyHash(x.path, parseJson(texts.get(x.path)!), { currentProfile: corpusProfile(x.path) });
        expect([x.path, x.hash.status, x.hash.algorithm, x.hash.approximate]).toEqual([
          x.path,
          full.status,
          full.algorithm ?? null,
          false,
        ]);
      }
    }
  });

  it('ignores non-chat and non-streaming recordings', () => {
    const paths = new Set(chains.flatMap((c) => c.candidates.map((x) => x.path)));
    expect(paths.has(pathOf('72c53cb1'))).toBe(false); // guard verdict (non-streaming)
    expect(paths.has(pathOf('8ff1d586'))).toBe(false); // embeddings
  });
});

describe('buildChains linking rules (hand-made)', () => {
  const T = 'tests/integration/responses/test_x.py::test_y[txt=openai/gpt-4o]';
  const tools = [searchTool(), fnTool('get_weather')];
  const q = user('What is new?');
  const turn0 = (id: string) =>
    recording(
      T,
      [q],
      [...callChunks(id, 'file_search', ['{"query":', '"news"}']), finishChunk('tool_calls'), usageChunk(5, 5)],
      tools,
    );
  const turn1 = (id: string, answer = 'Answer.') =>
    recording(
      T,
      [
        q,
        assistantCalls([{ id, name: 'file_search', args: '{"query":"news"}' }]),
        toolMsg(id, searchResult('news', [{ id: 'file-1', filename: 'a.txt', text: 'A' }])),
      ],
      textChunks([answer]),
      tools,
    );

  it('prefers id links; falls back to structure (flagged) when the ids differ', () => {
    const inputs: ChainInput[] = [
      { path: 'r/a0.json', record: turn0('call_A') },
      { path: 'r/a1.json', record: turn1('call_A') },
      { path: 'r/b1.json', record: turn1('call_B', 'Other.') },
    ];
    const [c] = buildChains(inputs);
    expect(turnsOf(c)).toEqual([
      [0, 'a0', 'start'],
      [1, 'a1', 'id'],
    ]);
    // b1 answers a call nobody produced; it can still follow a0 by structure when pinned
    expect(c!.issues.find((i) => i.kind === 'unproduced-tool-call')!.ids).toEqual(['call_B']);
    const pinned = pinChain(c!, 'r/b1.json');
    expect(turnsOf(pinned)).toEqual([
      [0, 'a0', 'start'],
      [1, 'b1', 'structure'],
    ]);
    expect(pinned.issues.some((i) => i.kind === 'structure-link')).toBe(true);
  });

  it('chooses among re-recordings by hash status, then era', () => {
    const status = (s: 'current' | 'stale', algorithm: string) => ({
      status: s,
      algorithm,
      expectedName: '',
      currentProfile: 'head-2026-04' as const,
      explanation: s,
      kind: 'inference' as const,
      idMapping: 'none' as const,
    });
    const inputs: ChainInput[] = [
      { path: 'r/old0.json', record: turn0('call_O'), hash: status('stale', 'floats-2025-11') },
      { path: 'r/old1.json', record: turn1('call_O'), hash: status('stale', 'floats-2025-11') },
      { path: 'r/new0.json', record: turn0('call_N'), hash: status('current', 'head-2026-04') },
      { path: 'r/new1.json', record: turn1('call_N'), hash: status('current', 'head-2026-04') },
    ];
    const [c] = buildChains(inputs);
    expect(turnsOf(c)).toEqual([
      [0, 'new0', 'start'],
      [1, 'new1', 'id'],
    ]);
    expect(c!.turns.map((t) => t.alternatives)).toEqual([['r/old0.json'], ['r/old1.json']]);
  });

  it('a client function call ends the response: its output starts a new chain', () => {
    const fnCall = recording(
      T,
      [q],
      [...callChunks('call_F', 'get_weather', ['{"location":"Paris"}']), finishChunk('tool_calls')],
      tools,
    );
    const followUp = recording(
      T,
      [q, assistantCalls([{ id: 'call_F', name: 'get_weather', args: '{"location":"Paris"}' }]), toolMsg('call_F', '22C')],
      textChunks(['It is 22C.']),
      tools,
    );
    const cs = buildChains([
      { path: 'r/f0.json', record: fnCall },
      { path: 'r/f1.json', record: followUp },
    ]);
    expect(cs.map((c) => [c.id.split('#')[1], c.baseMessageCount, turnsOf(c)])).toEqual([
      ['0', 1, [[0, 'f0', 'start']]],
      ['1', 3, [[0, 'f1', 'start']]],
    ]);
    expect(cs.every((c) => c.complete)).toBe(true);
  });

  it('survives junk inputs', () => {
    const junk: ChainInput[] = [
      { path: 'a', record: null },
      { path: 'b', record: 42 },
      { path: 'c', record: { request: { body: { messages: 'x' } } } },
      {
        path: 'd',
        record: {
          request: { url: 'x/chat/completions', body: { stream: true, messages: [1, null, { role: 'tool' }] } },
          response: { body: 'x' },
        },
      },
      { path: 'e', record: recording(T, [q], [null, 1, { __type__: 'x' }]) },
    ];
    const cs = buildChains(junk);
    expect(cs.flatMap((c) => c.candidates.map((x) => x.path)).sort()).toEqual(['d', 'e']);
  });
});
