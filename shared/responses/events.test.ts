// Derived Responses events: the spec's worked example (§8.2) at both versions, the HEAD-era
// flow (§8.3), the §8.4 cases present in the corpus, and hand-made cases for the rest.
import { describe, expect, it } from 'vitest';
import { buildChains, chainFor, type TurnChain } from './chains';
import { codePointLength } from './citations';
import { deriveEvents, eventsUpTo, type DerivedStream } from './events';
import { suggestVersion } from './versions';
import type { EmittedEvent, OutputItem, ResponsesStreamEvent } from './event-types';
import {
  assistantCalls,
  callChunks,
  chunk,
  corpusInputs,
  corpusProfile,
  finishChunk,
  mcpTool,
  pathOf,
  recording,
  searchResult,
  searchTool,
  textChunks,
  toolMsg,
  usageChunk,
  user,
} from './test-fixtures.test';

const chains = buildChains(corpusInputs(), { hashProfile: corpusProfile });
const chainOf = (prefix: string): TurnChain => chainFor(pathOf(prefix), chains)!;

type Row = [number | null, string, ...unknown[]];
/** Compact view: [sequence_number, type, output_index, content_index, item id]. */
function row(e: ResponsesStreamEvent): Row {
  const r = e as unknown as Record<string, unknown>;
  const item = r.item as { id?: string; type?: string } | undefined;
  return [
    (r.sequence_number as number | undefined) ?? null,
    e.type.replace(/^response\./, ''),
    ...(r.output_index !== undefined ? [r.output_index] : []),
    ...(r.content_index !== undefined ? [r.content_index] : []),
    ...(item ? [item.type, item.id] : r.item_id !== undefined ? [r.item_id] : []),
  ];
}
const rows = (s: DerivedStream) => s.events.map((e) => row(e.event));
const deltas = (s: DerivedStream, type: string, turn?: number) =>
  s.events
    .filter((e) => e.event.type === type && (turn === undefined || e.source.turn === turn))
    .map((e) => (e.event as { delta: string }).delta);
const ofType = <T extends ResponsesStreamEvent['type']>(s: DerivedStream, type: T) =>
  s.events.filter((e): e is EmittedEvent & { event: Extract<ResponsesStreamEvent, { type: T }> } => e.event.type === type);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const RAW =
  'Recent marketing updates include promotional campaigns in the US for Q1 2023, which resulted in a revenue increase by 15% in that region <|file-450428750202|>. Additionally, European advertising campaigns in Q1 2023 showed strong growth in the EU markets <|file-450428750204|>.';
const CLEAN =
  'Recent marketing updates include promotional campaigns in the US for Q1 2023, which resulted in a revenue increase by 15% in that region. Additionally, European advertising campaigns in Q1 2023 showed strong growth in the EU markets.';
const ANN = [
  { type: 'file_citation', file_id: 'file-450428750202', filename: 'us_marketing_q1.txt', index: 136 },
  { type: 'file_citation', file_id: 'file-450428750204', filename: 'eu_marketing_q1.txt', index: 232 },
];
const MARKER_DELTAS = [' <', '|', 'file', '-', '450', '428', '750', '202', '|', '>.'];

describe('§8 worked example: 3ae0877c + 6e47f2fe', () => {
  const chain = chainOf('6e47f2fe');
  const v = deriveEvents(chain, { version: 'V2510' });
  const h = deriveEvents(chain);

  it('V2510 event sequence and sequence numbers (§8.2)', () => {
    const expected: Row[] = [
      [null, 'created'],
      [1, 'in_progress'],
      [2, 'output_item.added', 0, 'function_call', 'fc_placeholder_1'],
      ...range(3, 8).map((n): Row => [n, 'function_call_arguments.delta', 0, 'fc_placeholder_1']),
      [9, 'function_call_arguments.done', 0, 'fc_placeholder_1'],
      [10, 'file_search_call.in_progress', 0, 'fc_placeholder_1'],
      [11, 'file_search_call.searching', 0, 'fc_placeholder_1'],
      [12, 'file_search_call.completed', 0, 'fc_placeholder_1'],
      [13, 'output_item.done', 0, 'file_search_call', 'call_yrecP7RchFwSrzeZd9oqtJEN'],
      [14, 'content_part.added', 1, 0, 'msg_placeholder_2'],
      ...range(15, 81).map((n): Row => [n, 'output_text.delta', 1, 0, 'msg_placeholder_2']),
      [82, 'content_part.done', 1, 0, 'msg_placeholder_2'],
      [null, 'completed'],
    ];
    expect(rows(v)).toEqual(expected);
    expect(v.events[0]!.event).not.toHaveProperty('sequence_number');
    expect(v.events.at(-1)!.event).not.toHaveProperty('sequence_number');
    const added = v.events[2]!.event as Extract<ResponsesStreamEvent, { type: 'response.output_item.added' }>;
    expect(added.item).toEqual({
      type: 'function_call',
      id: 'fc_placeholder_1',
      call_id: 'call_yrecP7RchFwSrzeZd9oqtJEN',
      name: 'knowledge_search',
      arguments: '',
      status: 'in_progress',
    });
    expect(deltas(v, 'response.function_call_arguments.delta')).toEqual(['{"', 'query', '":"', 'marketing', ' updates', '"}']);
    expect(ofType(v, 'response.function_call_arguments.done')[0]!.event.arguments).toBe('{"query":"marketing updates"}');
    // marker deltas: seq 44–53 and 72–81; chunk k is seq 14 + k
    const textEv = ofType(v, 'response.output_text.delta');
    expect(
      textEv.filter((e) => e.event.sequence_number >= 44 && e.event.sequence_number <= 53).map((e) => e.event.delta),
    ).toEqual(MARKER_DELTAS);
    expect(
      textEv.filter((e) => e.event.sequence_number >= 72 && e.event.sequence_number <= 81).map((e) => e.event.delta),
    ).toEqual([...MARKER_DELTAS.slice(0, 7), '204', '|', '>.']);
    expect(textEv.every((e) => e.event.sequence_number === 14 + e.source.step! && !('logprobs' in e.event))).toBe(true);
    const partDone = ofType(v, 'response.content_part.done')[0]!.event;
    expect(partDone.part).toEqual({ type: 'output_text', text: RAW, annotations: [], logprobs: null });
    expect(codePointLength(RAW)).toBe(277);
  });

  it('V2510 terminal response: file_search_call with the call id, cleaned text, annotations 136 and 232, usage', () => {
    const r = v.response!;
    expect(v.terminal).toBe('completed');
    expect(r.status).toBe('completed');
    const [fs, msg] = r.output as [Extract<OutputItem, { type: 'file_search_call' }>, Extract<OutputItem, { type: 'message' }>];
    expect(fs).toMatchObject({
      type: 'file_search_call',
      id: 'call_yrecP7RchFwSrzeZd9oqtJEN',
      queries: ['marketing updates'],
      status: 'completed',
    });
    expect(fs.results!.map((x) => [x.file_id, x.filename, x.score, x.attributes])).toEqual([
      ['file-450428750203', 'file-450428750203', 0.941792927903724, {}],
      ['file-450428750202', 'file-450428750202', 0.838783128682284, {}],
      ['file-450428750204', 'file-450428750204', 0.7976212300200285, {}],
      ['file-450428750205', 'file-450428750205', 0.6226722371553097, {}],
    ]);
    expect(msg).toEqual({
      type: 'message',
      id: 'msg_placeholder_2',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: CLEAN, annotations: ANN, logprobs: null }],
    });
    expect(codePointLength(CLEAN)).toBe(233);
    expect(CLEAN[136]).toBe('.');
    expect(CLEAN[232]).toBe('.');
    expect(r.usage).toEqual({
      input_tokens: 763,
      output_tokens: 84,
      total_tokens: 847,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    });
    expect(Object.keys(r)).toHaveLength(15);
    expect(v.outputText).toBe(CLEAN);
  });

  it('HEAD event sequence (§8.2): silent number 2, typed item at 10, message item events', () => {
    const expected: Row[] = [
      [0, 'created'],
      [1, 'in_progress'],
      ...range(3, 8).map((n): Row => [n, 'function_call_arguments.delta', 0, 'fc_placeholder_1']),
      [9, 'function_call_arguments.done', 0, 'fc_placeholder_1'],
      [10, 'output_item.added', 0, 'file_search_call', 'fc_placeholder_1'],
      [11, 'file_search_call.in_progress', 0, 'fc_placeholder_1'],
      [12, 'file_search_call.searching', 0, 'fc_placeholder_1'],
      [13, 'file_search_call.completed', 0, 'fc_placeholder_1'],
      [14, 'output_item.done', 0, 'file_search_call', 'fc_placeholder_1'],
      [15, 'output_item.added', 1, 'message', 'msg_placeholder_2'],
      [16, 'content_part.added', 1, 0, 'msg_placeholder_2'],
      ...range(17, 83).map((n): Row => [n, 'output_text.delta', 1, 0, 'msg_placeholder_2']),
      [84, 'content_part.done', 1, 0, 'msg_placeholder_2'],
      [85, 'output_item.done', 1, 'message', 'msg_placeholder_2'],
      [86, 'completed'],
    ];
    expect(rows(h)).toEqual(expected);
    const textEv = ofType(h, 'response.output_text.delta');
    expect(
      textEv.filter((e) => e.event.sequence_number >= 46 && e.event.sequence_number <= 55).map((e) => e.event.delta),
    ).toEqual(MARKER_DELTAS);
    expect(textEv.every((e) => e.event.logprobs !== undefined && e.event.logprobs.length === 0)).toBe(true);
    const items = ofType(h, 'response.output_item.added').map((e) => e.event.item);
    expect(items[0]).toEqual({
      type: 'file_search_call',
      id: 'fc_placeholder_1',
      queries: ['{"query":"marketing updates"}'],
      status: 'in_progress',
      results: null,
    });
    expect(items[1]).toEqual({ type: 'message', id: 'msg_placeholder_2', role: 'assistant', status: 'in_progress', content: [] });
    const msgDone = ofType(h, 'response.output_item.done')[1]!.event.item;
    expect(msgDone).toEqual({
      type: 'message',
      id: 'msg_placeholder_2',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: RAW, annotations: [], logprobs: [] }],
    });
  });

  it('HEAD terminal response: fc_ id, populated attributes, same text, annotations and usage', () => {
    const [fs, msg] = h.response!.output as [
      Extract<OutputItem, { type: 'file_search_call' }>,
      Extract<OutputItem, { type: 'message' }>,
    ];
    expect(fs.id).toBe('fc_placeholder_1');
    expect(fs.results![1]!.attributes).toEqual({
      region: 'us',
      category: 'marketing',
      date: 1672531200,
      filename: 'us_marketing_q1.txt',
      document_id: 'file-450428750202',
      token_count: 21,
      metadata_token_count: 32,
    });
    expect(msg.content).toEqual([{ type: 'output_text', text: CLEAN, annotations: ANN, logprobs: [] }]);
    expect(h.response!.usage).toEqual(v.response!.usage);
    expect(h.response!.completed_at).toBe(0);
    expect(h.response!.incomplete_details).toBeNull();
  });

  it('never emits output_text.done or annotation.added; offers them as synthetic events instead', () => {
    for (const s of [v, h]) {
      expect(s.events.some((e) => /output_text\.done|annotation/.test(e.event.type))).toBe(false);
      expect(s.derived.map((d) => [d.event.type, d.synthetic, 'sequence_number' in d.event])).toEqual([
        ['response.output_text.annotation.added', true, false],
        ['response.output_text.annotation.added', true, false],
        ['response.output_text.done', true, false],
      ]);
    }
    // after the delta that completes the marker (`'>.'`): V2510 seq 53 / 81, HEAD 55 / 83
    expect(v.derived.slice(0, 2).map((d) => (v.events[d.after]!.event as { sequence_number: number }).sequence_number)).toEqual([
      53, 81,
    ]);
    expect(h.derived.slice(0, 2).map((d) => (h.events[d.after]!.event as { sequence_number: number }).sequence_number)).toEqual([
      55, 83,
    ]);
    expect(h.derived[2]!.event).toMatchObject({ text: CLEAN, item_id: 'msg_placeholder_2', output_index: 1 });
    expect(h.events[h.derived[2]!.after + 1]!.event.type).toBe('response.content_part.done');
  });

  it('citation view: each annotation resolves to its chunk (§8.2)', () => {
    const c = h.citations!;
    expect(c.cleanedText).toBe(CLEAN);
    expect(
      c.annotationViews.map((a) => [
        a.annotation.file_id,
        a.chunks.map((x) => [x.chunk.rank, x.chunk.scoreText, x.chunk.filename, x.chunk.text, x.query]),
      ]),
    ).toEqual([
      [
        'file-450428750202',
        [
          [
            2,
            '0.838783128682284',
            'us_marketing_q1.txt',
            'US promotional campaigns for Q1 2023. Revenue increased by 15% in the US region.',
            'marketing updates',
          ],
        ],
      ],
      [
        'file-450428750204',
        [
          [
            3,
            '0.7976212300200285',
            'eu_marketing_q1.txt',
            'European advertising campaign results for Q1 2023. Strong growth in EU markets.',
            'marketing updates',
          ],
        ],
      ],
    ]);
    expect(c.annotationViews[0]!.chunks[0]!.chunk.attributes).toMatchObject({
      region: 'us',
      category: 'marketing',
      date: 1672531200,
    });
    expect(c.markers.map((m) => [m.rawStartCodePoint, m.cleanedIndex, m.startStep, m.endStep])).toEqual([
      [137, 136, 30, 39],
      [255, 232, 58, 67],
    ]);
    expect(h.toolResults).toHaveLength(1);
    expect(h.placeholderIds).toBe(true);
    expect(
      h.events.every((e) => !('item_id' in e.event) || /_placeholder_\d+$/.test((e.event as { item_id: string }).item_id)),
    ).toBe(true);
  });

  it('eventsUpTo follows the timeline: up to chunk k of a turn', () => {
    const upToMarker = eventsUpTo(h, 1, 39);
    expect(upToMarker.at(-1)!.event).toMatchObject({ type: 'response.output_text.delta', delta: '>.', sequence_number: 55 });
    expect(eventsUpTo(h, 0, 0).map((e) => row(e.event)[1])).toEqual(['created', 'in_progress']);
    expect(eventsUpTo(h, 0, null)).toHaveLength(14);
    expect(eventsUpTo(h, 1, null)).toHaveLength(h.events.length);
    expect(h.turns.map((t) => [t.turn, t.chunkCount, t.eventRange])).toEqual([
      [0, 9, [0, 13]],
      [1, 70, [14, 85]],
    ]);
  });
});

describe('version presets', () => {
  it('suggestVersion reads the recording traces of §9', () => {
    expect(suggestVersion(chainOf('6e47f2fe'))).toMatchObject({
      version: 'V2510',
      reasons: ['turn 1: knowledge_search result with (cite as …)'],
    });
    const head = suggestVersion(chainOf('5513bd49'));
    expect(head.version).toBe('HEAD');
    expect(head.reasons).toEqual(expect.arrayContaining(['turn 0: tool named file_search', 'turn 1: bare cite as']));
  });

  it('features can be switched one by one (recordings between the versions mix them)', () => {
    const mixed = deriveEvents(chainOf('6e47f2fe'), { version: 'V2510', features: { messageItemEvents: true } });
    expect(
      rows(mixed)
        .filter((r) => r[1] === 'output_item.added')
        .map((r) => r[3]),
    ).toEqual(['function_call', 'message']);
    expect(mixed.features.messageItemEvents).toBe(true);
    expect(mixed.features.builtinAnnounce).toBe('function_call');
  });

  it('V2510 does not know the file_search name of HEAD recordings: the response fails, with an issue', () => {
    const s = deriveEvents(chainOf('5513bd49'), { version: 'V2510' });
    expect(s.terminal).toBe('failed');
    expect(s.issues.find((i) => i.kind === 'unknown-tool')!.message).toMatch(/knowledge_search/);
    const lenient = deriveEvents(chainOf('5513bd49'), {
      version: 'V2510',
      features: { fileSearchNames: ['knowledge_search', 'file_search'] },
    });
    expect(lenient.terminal).toBe('completed');
    expect(lenient.response!.output[0]).toMatchObject({ type: 'file_search_call', id: 'call_YDyJ6S3n61kCAWdpAp8rVEvr' }); // turn 0 of the structure-linked run
  });
});

describe('§8.3 the same flow with a HEAD-era recording (5513bd49)', () => {
  const s = deriveEvents(chainOf('5513bd49'));
  it('78 text deltas, markers stripped, annotations at 164 and 288', () => {
    expect(deltas(s, 'response.output_text.delta')).toHaveLength(78);
    const raw = deltas(s, 'response.output_text.delta').join('');
    expect(raw).toContain('<|file-284290576316|>');
    expect(raw).toContain('<|file-284290576318|>');
    const c = s.citations!;
    expect(c.annotations.map((a) => [a.filename, a.index])).toEqual([
      ['us_marketing_q1.txt', 164],
      ['eu_marketing_q1.txt', 288],
    ]);
    expect(c.annotations.map((a) => [...c.cleanedText][a.index])).toEqual(['.', '.']);
    const tool = s.toolResults[0]!.result;
    expect([tool.toolName, tool.chunks.length, tool.chunks[0]!.cite.form]).toEqual(['file_search', 4, 'bare']);
  });
});

describe('§8.4 corpus cases', () => {
  it('#1 parallel client-side function calls: shared output_index until done (§3.3)', () => {
    const s = deriveEvents(chainOf('8851b238'));
    expect(rows(s)).toEqual([
      [0, 'created'],
      [1, 'in_progress'],
      [2, 'output_item.added', 0, 'function_call', 'fc_placeholder_1'],
      ...range(3, 7).map((n): Row => [n, 'function_call_arguments.delta', 0, 'fc_placeholder_1']),
      [8, 'output_item.added', 0, 'function_call', 'fc_placeholder_2'],
      ...range(9, 13).map((n): Row => [n, 'function_call_arguments.delta', 0, 'fc_placeholder_2']),
      [14, 'function_call_arguments.done', 0, 'fc_placeholder_1'],
      [15, 'function_call_arguments.done', 0, 'fc_placeholder_2'],
      [16, 'output_item.done', 0, 'function_call', 'fc_placeholder_1'],
      [17, 'output_item.done', 1, 'function_call', 'fc_placeholder_2'],
      [18, 'completed'],
    ]);
    expect(deltas(s, 'response.function_call_arguments.delta').slice(0, 5)).toEqual(['{"lo', 'catio', 'n": "P', 'aris', '"}']);
    expect(s.response!.output.map((o) => [o.type, (o as { name: string }).name, (o as { status: string }).status])).toEqual([
      ['function_call', 'get_weather', 'completed'],
      ['function_call', 'get_time', 'completed'],
    ]);
    const v = deriveEvents(chainOf('8851b238'), { version: 'V2510' });
    expect(rows(v).slice(1, -1)).toEqual(rows(s).slice(1, -1));
  });

  it('#2 two parallel knowledge_search calls: citation_files is their union; annotations 245, 383, 562', () => {
    const s = deriveEvents(chainOf('1dbd102b'));
    const args = ofType(s, 'response.function_call_arguments.delta');
    expect(args.filter((e) => e.event.item_id === 'fc_placeholder_1')).toHaveLength(9);
    expect(args.filter((e) => e.event.item_id === 'fc_placeholder_2')).toHaveLength(8);
    expect(s.response!.output.map((o) => [o.type, o.id])).toEqual([
      ['file_search_call', 'fc_placeholder_1'],
      ['file_search_call', 'fc_placeholder_2'],
      ['message', 'msg_placeholder_2'],
    ]);
    const c = s.citations!;
    expect(c.annotations.map((a) => a.index)).toEqual([245, 383, 562]);
    const fromFirst = new Set(s.toolResults[0]!.result.chunks.map((x) => x.documentId));
    const fromSecond = new Set(s.toolResults[1]!.result.chunks.map((x) => x.documentId));
    expect(new Set(c.citationFiles.map((f) => f.fileId))).toEqual(new Set([...fromFirst, ...fromSecond]));
    // coarse deltas: a whole marker inside one delta
    expect(deltas(s, 'response.output_text.delta')).toContain(
      ' highlighting strong growth in EU markets <|file-862946202236|>.\n',
    );
    expect(c.markers.every((m) => m.startStep === m.endStep)).toBe(true);
  });

  it('#3 MCP: list_tools prologue and the function_call-vs-mcp_call delta naming quirk (§4.5)', () => {
    const chain = chainOf('149e68a5');
    const h = deriveEvents(chain);
    expect(rows(h).slice(0, 7)).toEqual([
      [0, 'created'],
      [1, 'in_progress'],
      [2, 'mcp_list_tools.in_progress'],
      [3, 'output_item.added', 0, 'mcp_list_tools', 'mcp_list_placeholder_1'],
      [4, 'mcp_list_tools.completed'],
      [5, 'output_item.done', 0, 'mcp_list_tools', 'mcp_list_placeholder_1'],
      [7, 'function_call_arguments.delta', 1, 'fc_placeholder_1'],
    ]);
    const turn0 = h.events.filter((e) => e.source.turn === 0 && e.source.phase !== 'prologue').map((e) => row(e.event)[1]);
    expect(turn0).toEqual([
      ...Array<string>(8).fill('function_call_arguments.delta'),
      'mcp_call.arguments.done',
      'output_item.added',
      'mcp_call.in_progress',
      'mcp_call.completed',
      'output_item.done',
    ]);
    const added = ofType(h, 'response.output_item.added').map((e) => e.event.item);
    expect(added[0]).toMatchObject({ type: 'mcp_list_tools', tools: [] });
    expect((ofType(h, 'response.output_item.done')[0]!.event.item as { tools: unknown[] }).tools).toHaveLength(5);
    expect(ofType(h, 'response.mcp_call.completed')[0]!.event).toEqual({
      type: 'response.mcp_call.completed',
      sequence_number: 18,
    });
    const mcpDone = ofType(h, 'response.output_item.done')[1]!.event.item;
    expect(mcpDone).toMatchObject({
      type: 'mcp_call',
      id: 'fc_placeholder_1',
      name: 'get_experiment_id',
      server_label: 'mcp_server',
      output: 'exp_003',
      error: null,
    });
    expect(h.response!.output.map((o) => o.type)).toEqual(['mcp_list_tools', 'mcp_call', 'mcp_call', 'message']);

    const v = deriveEvents(chain, { version: 'V2510', mcpServerLabel: 'localmcp' });
    expect((ofType(v, 'response.output_item.added')[0]!.event.item as { tools: unknown[] }).tools).toHaveLength(5);
    expect(ofType(v, 'response.output_item.added')[1]!.event.item).toMatchObject({
      type: 'function_call',
      name: 'get_experiment_id',
      call_id: 'call_lO7ZwGzxBbb0avVHVu21JnVS',
    });
    expect(ofType(v, 'response.output_item.done')[1]!.event.item).toMatchObject({
      type: 'mcp_call',
      id: 'call_lO7ZwGzxBbb0avVHVu21JnVS',
      server_label: 'localmcp',
    });
  });

  it('#4 reasoning: HEAD sequence of 3420e208 (§3.6) and Ollama `reasoning` ignored at V2510', () => {
    const h = deriveEvents(chainOf('3420e208'));
    expect(rows(h)).toEqual([
      [0, 'created'],
      [1, 'in_progress'],
      [2, 'content_part.added', 0, 1, 'msg_placeholder_1'],
      ...range(3, 340).map((n): Row => [n, 'reasoning_text.delta', 0, 1, 'msg_placeholder_1']),
      [341, 'output_item.added', 0, 'message', 'msg_placeholder_1'],
      [342, 'content_part.added', 0, 0, 'msg_placeholder_1'],
      ...range(343, 414).map((n): Row => [n, 'output_text.delta', 0, 0, 'msg_placeholder_1']),
      [415, 'content_part.done', 0, 0, 'msg_placeholder_1'],
      [416, 'reasoning_text.done', 0, 1, 'msg_placeholder_1'],
      [417, 'content_part.done', 0, 1, 'msg_placeholder_1'],
      [418, 'output_item.done', 0, 'message', 'msg_placeholder_1'],
      [419, 'output_item.added', 0, 'reasoning', 'rs_placeholder_1'],
      [420, 'output_item.done', 0, 'reasoning', 'rs_placeholder_1'],
      [421, 'completed'],
    ]);
    expect(h.response!.output.map((o) => o.type)).toEqual(['reasoning', 'message']);
    const rs = h.response!.output[0] as Extract<OutputItem, { type: 'reasoning' }>;
    expect(rs.content[0]!.text).toBe(ofType(h, 'response.reasoning_text.done')[0]!.event.text);

    const ollamaHead = deriveEvents(chainOf('0b39598a'));
    const ollamaOld = deriveEvents(chainOf('0b39598a'), { version: 'V2510' });
    expect(ofType(ollamaHead, 'response.reasoning_text.delta').length).toBeGreaterThan(0);
    expect(ollamaOld.events.some((e) => e.event.type.includes('reasoning'))).toBe(false);
    expect(ollamaOld.response!.output.map((o) => o.type)).toEqual(['message']);
    // HEAD reads reasoning only with reasoning.effort on a wrapping provider
    expect(
      deriveEvents(chainOf('0b39598a'), { reasoningProvider: false }).events.some((e) => e.event.type.includes('reasoning')),
    ).toBe(false);
  });

  it('#5 guardrail refusal (HEAD): held deltas dropped, refusal replaces the output, usage null', () => {
    const chain = chainOf('43b0260a');
    const s = deriveEvents(chain);
    const types = s.events.map((e) => row(e.event)[1]);
    expect(types.slice(0, 4)).toEqual(['created', 'in_progress', 'output_item.added', 'content_part.added']);
    expect(types.at(-1)).toBe('completed');
    expect(types.filter((t) => t === 'output_item.done' || t === 'content_part.done')).toEqual([]); // announced message never closed
    const text = deltas(s, 'response.output_text.delta').join('');
    expect(text).toBe(chain.guards.find((g) => g.path.includes('8b4c24ef'))!.checkedText); // flushed up to the last safe check
    const seqs = s.events.map((e) => (e.event as { sequence_number?: number }).sequence_number!);
    expect(seqs.at(-1)! - seqs.at(-2)!).toBeGreaterThan(1); // dropped deltas leave a gap
    expect(s.response).toMatchObject({ status: 'completed', usage: null });
    expect(s.response!.output).toEqual([
      {
        type: 'message',
        id: null,
        role: 'assistant',
        status: null,
        content: [{ type: 'refusal', refusal: expect.stringContaining('flagged for: S1') }],
      },
    ]);
    expect(s.placeholders.some((p) => p.includes('refusal'))).toBe(true);
    // held events are sent at their flush: nothing of the message before it, all of it there
    const flushedAt = s.events[2]!.source.emittedAt!;
    const isText = (e: EmittedEvent) => e.event.type === 'response.output_text.delta';
    expect(eventsUpTo(s, 0, flushedAt - 1).filter(isText)).toHaveLength(0);
    expect(eventsUpTo(s, 0, flushedAt).filter(isText)).toHaveLength(deltas(s, 'response.output_text.delta').length);
    const cut = s.events.at(-1)!.source.step!;
    expect(eventsUpTo(s, 0, cut).at(-1)!.event.type).toBe('response.completed');
    expect(eventsUpTo(s, 0, cut - 1).some((e) => e.event.type === 'response.completed')).toBe(false);
    const old = deriveEvents(chain, { version: 'V2510' });
    expect([old.events.length, old.terminal, old.httpBody.kind]).toEqual([0, 'none', 'http-error']);
  });

  it('#6 non-streaming Responses request: the HTTP body is the terminal response', () => {
    const s = deriveEvents(chainOf('05434d44'));
    expect(s.turns[1]!.chunkCount).toBe(25);
    expect(s.httpBody).toEqual({ kind: 'response', response: s.response });
    const c = s.citations!;
    expect(c.markers.map((m) => m.id)).toEqual(['file-861837565219']);
    expect(c.annotations[0]!.index).toBe(codePointLength(c.cleanedText) - 1);
    expect(deriveEvents(chainOf('05434d44'), { clientStream: true }).httpBody).toEqual({ kind: 'sse' });
  });

  it('#7 text plus an MCP call that needs approval: message announced, never closed, text dropped', () => {
    const s = deriveEvents(chainOf('5dc67bb6'));
    const types = s.events.map((e) => row(e.event));
    expect(types.filter((r) => r[1] === 'output_item.added').map((r) => r[3])).toEqual([
      'mcp_list_tools',
      'message',
      'mcp_approval_request',
    ]);
    expect(types.filter((r) => r[1] === 'output_item.done').map((r) => r[3])).toEqual(['mcp_list_tools', 'mcp_approval_request']);
    expect(types.some((r) => r[1] === 'content_part.done')).toBe(true);
    expect(deltas(s, 'response.output_text.delta')).toHaveLength(37);
    expect(s.response!.output.map((o) => o.type)).toEqual(['mcp_list_tools', 'mcp_approval_request']);
    expect(s.outputText).toBe('');
    // the approval reuses the message's output index (it was never closed)
    expect(types.find((r) => r[1] === 'output_item.added' && r[3] === 'mcp_approval_request')![2]).toBe(1);
    expect(s.issues.map((i) => i.kind)).toContain('mcp-approval-assumed');
  });

  it('#9 response.failed (recorded exception) and response.incomplete (finish_reason length)', () => {
    const f = deriveEvents(chainOf('1a5a9da6'));
    expect(rows(f)).toEqual([
      [0, 'created'],
      [1, 'in_progress'],
      [2, 'failed'],
    ]);
    expect(f.response).toMatchObject({
      status: 'failed',
      error: {
        code: 'server_error',
        message: "Model 'meta-llama/llama-3-3-70b-instruct' does not support function 'function_image_chat'",
      },
    });
    const fOld = deriveEvents(chainOf('1a5a9da6'), { version: 'V2510' });
    expect(fOld.response!.error).toMatchObject({ code: 'internal_error', message: expect.stringMatching(/^Error code: 400/) });

    const i = deriveEvents(chainOf('4a527f09'));
    expect(rows(i).at(-1)).toEqual([22, 'incomplete']);
    expect(i.response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'length' }, max_output_tokens: 16 });
    expect(i.response!.output.map((o) => o.type)).toEqual(['message']);
    const iOld = deriveEvents(chainOf('4a527f09'), { version: 'V2510' });
    expect(iOld.response!.status).toBe('incomplete');
    expect(iOld.response).not.toHaveProperty('incomplete_details');
  });
});

describe('hand-made cases', () => {
  const T = 'tests/integration/responses/test_x.py::test_y[txt=openai/gpt-4o]';
  const q = user('Find it');

  it('web search at both versions (§3.9); iteration cap gives incomplete', () => {
    const tools = [searchTool('web_search')];
    const t0 = recording(
      T,
      [q],
      [...callChunks('call_W', 'web_search', ['{"query":"x"}']), finishChunk('tool_calls'), usageChunk(3, 3)],
      tools,
    );
    const t1 = recording(
      T,
      [
        q,
        assistantCalls([{ id: 'call_W', name: 'web_search', args: '{"query":"x"}' }]),
        toolMsg('call_W', '{"query": "x", "top_k": []}'),
      ],
      textChunks(['Found.']),
      tools,
    );
    const [chain] = buildChains([
      { path: 'w0', record: t0 },
      { path: 'w1', record: t1 },
    ]);
    const h = deriveEvents(chain!);
    expect(rows(h).map((r) => r[1])).toEqual([
      'created',
      'in_progress',
      'function_call_arguments.delta',
      'function_call_arguments.done',
      'output_item.added',
      'web_search_call.in_progress',
      'web_search_call.searching',
      'web_search_call.completed',
      'output_item.done',
      'output_item.added',
      'content_part.added',
      'output_text.delta',
      'content_part.done',
      'output_item.done',
      'completed',
    ]);
    expect(h.response!.output[0]).toEqual({ type: 'web_search_call', id: 'fc_placeholder_1', status: 'completed' });
    expect(h.response!.usage).toMatchObject({ input_tokens: 13, output_tokens: 4 });
    const v = deriveEvents(chain!, { version: 'V2510' });
    expect(v.response!.output[0]).toEqual({ type: 'web_search_call', id: 'call_W', status: 'completed' });
    expect(v.response!.usage).toMatchObject({ input_tokens_details: null, output_tokens_details: null });
    const capped = deriveEvents(chain!, { maxInferIters: 1 });
    expect(capped.terminal).toBe('incomplete');
    expect(capped.response!.incomplete_details).toEqual({ reason: 'max_iterations_exceeded' });
  });

  it('refusal deltas stream but never reach the final output; V2510 reasoning_content is read from the raw chunk', () => {
    const body = [
      chunk({ role: 'assistant', content: '', reasoning_content: 'think' }),
      chunk({ refusal: 'No.' }),
      chunk({ content: 'Hi' }),
      finishChunk('stop'),
    ];
    const [chain] = buildChains([{ path: 'r', record: recording(T, [q], body) }]);
    const v = deriveEvents(chain!, { version: 'V2510' });
    expect(rows(v).map((r) => r.slice(1).join(' '))).toEqual([
      'created',
      'in_progress',
      'content_part.added 0 1 msg_placeholder_1',
      'reasoning_text.delta 0 1 msg_placeholder_1',
      'content_part.added 0 2 msg_placeholder_1',
      'refusal.delta 0 2 msg_placeholder_1',
      'content_part.added 0 0 msg_placeholder_1',
      'output_text.delta 0 0 msg_placeholder_1',
      'content_part.done 0 0 msg_placeholder_1',
      'reasoning_text.done 0 1 msg_placeholder_1',
      'content_part.done 0 1 msg_placeholder_1',
      'refusal.done 0 2 msg_placeholder_1',
      'content_part.done 0 2 msg_placeholder_1',
      'completed',
    ]);
    expect(v.response!.output).toEqual([
      {
        type: 'message',
        id: 'msg_placeholder_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Hi', annotations: [], logprobs: null }],
      },
    ]);
    expect(v.response!.usage).toBeNull();
  });

  it('UUID markers stay in the text and unknown ids are stripped without annotation (HEAD §5.4)', () => {
    const tools = [searchTool()];
    const uuid = 'd3447943-45a3-4a5b-8e79-d9b629a9d0e5';
    const t0 = recording(T, [q], [...callChunks('call_S', 'file_search', ['{"query":"r"}']), finishChunk('tool_calls')], tools);
    const result = searchResult('r', [{ id: uuid, filename: 'u.txt', text: 'U' }]);
    const t1 = recording(
      T,
      [q, assistantCalls([{ id: 'call_S', name: 'file_search', args: '{"query":"r"}' }]), toolMsg('call_S', result)],
      textChunks(['Fact 🚀 <|', uuid, '|>. Other <|file-999|>.']),
      tools,
    );
    const [chain] = buildChains([
      { path: 'u0', record: t0 },
      { path: 'u1', record: t1 },
    ]);
    const s = deriveEvents(chain!);
    const msg = s.response!.output.at(-1) as Extract<OutputItem, { type: 'message' }>;
    expect(msg.content[0]).toMatchObject({ text: `Fact 🚀 <|${uuid}|>. Other.`, annotations: [] });
    expect(s.citations!.markers.map((m) => [m.reason, m.resolution.kind, m.startStep, m.endStep])).toEqual([
      ['uuid-id', 'document-id', 1, 3],
      ['not-in-citation-files', 'unresolved', 3, 3],
    ]);
  });

  it('a chain that stops after server-side calls has no terminal event', () => {
    const tools = [mcpTool('lookup')];
    const [chain] = buildChains([
      { path: 'm0', record: recording(T, [q], [...callChunks('call_M', 'lookup', ['{}']), finishChunk('tool_calls')], tools) },
    ]);
    const s = deriveEvents(chain!, { mcpApproval: 'never' });
    expect(s.terminal).toBe('none');
    expect(s.issues.map((i) => i.kind)).toEqual(['tool-result-missing', 'stream-continues']);
  });
});
