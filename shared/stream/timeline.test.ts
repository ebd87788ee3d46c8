// Hand-picked streams: positions -1, 0, k and last; `added` of a few steps; markers.
// Corpus files are read in place (read-only); variants the corpus lacks (streamed Completion,
// Ollama ChatResponse stream, interactions SSE, Anthropic tool_use SSE, exception mid-stream,
// several choices) are small inline fixtures in the recorder's format.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTimeline, finalState, stateAt, streamSummary, type Timeline } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusRoot = path.resolve(repoRoot, '../shared/corpus');
const load = (rel: string): { response: { body: unknown[] } & Record<string, unknown> } =>
  JSON.parse(fs.readFileSync(path.join(corpusRoot, rel), 'utf8'));

const rec = (body: unknown, extra: Record<string, unknown> = {}) => ({
  request: {},
  response: { body, is_streaming: Array.isArray(body), ...extra },
});
const typed = (type: string, data: unknown) => ({ __type__: type, __data__: data });
const chatChunk = (choices: unknown[], usage: unknown = null) =>
  typed('openai.types.chat.chat_completion_chunk.ChatCompletionChunk', { id: 'rec-x', object: 'chat.completion.chunk', choices, usage });
const sseLines = (events: [string, unknown][]) =>
  events.flatMap(([event, data]) => [`event: ${event}`, `data: ${typeof data === 'string' ? data : JSON.stringify(data)}`, '']);
const markers = (t: Timeline) => t.markers.map((m) => `${m.step}:${m.kind}${m.toolIndex !== undefined ? `#${m.toolIndex}` : ''}`);
const only = (t: Timeline, k: number) => {
  const c = stateAt(t, k).choices[0];
  if (!c) throw new Error('no choice');
  return c;
};

describe('chat chunks: tool-call arguments split over many chunks', () => {
  const t = buildTimeline(load('llama-stack/responses/recordings/0cc8136680970a3debd033e13f2240f63aba5417ed5c7d965f26749cd544f971.json'));

  it('has one step per chunk and id/name arriving once', () => {
    expect(t.variant).toBe('chat-completion-chunks');
    expect(t.streaming).toBe(true);
    expect(t.steps).toHaveLength(18);
    expect(t.steps[0]?.added).toEqual([
      { choice: 0, field: 'role', text: 'assistant' },
      { choice: 0, field: 'toolId', toolIndex: 0, text: 'call_Yvwt5gJWF3E3F4w9L27mj3fa' },
      { choice: 0, field: 'toolName', toolIndex: 0, text: 'get_boiling_point' },
    ]);
    expect(t.steps[3]?.added).toEqual([{ choice: 0, field: 'toolArgs', toolIndex: 0, text: 'quid' }]);
    expect(t.steps[17]?.added).toEqual([{ choice: 0, field: 'finish', text: 'tool_calls' }]);
  });

  it('slices arguments per position', () => {
    expect(stateAt(t, -1)).toEqual({ position: -1, choices: [{ index: 0, role: null, content: '', reasoning: '', refusal: '', toolCalls: [], finishReason: null }], usage: null });
    expect(only(t, 0).toolCalls).toEqual([
      { index: 0, id: 'call_Yvwt5gJWF3E3F4w9L27mj3fa', name: 'get_boiling_point', arguments: '', argumentsParse: 'partial' },
    ]);
    expect(only(t, 3).toolCalls[0]?.arguments).toBe('{"liquid');
    expect(only(t, 15).toolCalls[0]).toMatchObject({ arguments: '{"liquid_name":"myawesomeliquid","celsius":true', argumentsParse: 'partial' });
    expect(only(t, 16).toolCalls[0]).toMatchObject({
      argumentsParse: 'complete',
      parsedArguments: { liquid_name: 'myawesomeliquid', celsius: true },
    });
    expect(only(t, 16).finishReason).toBeNull();
    expect(finalState(t).choices[0]?.finishReason).toBe('tool_calls');
    expect(stateAt(t, 999).position).toBe(17); // clamped
  });

  it('marks first token, tool start and finish', () => {
    expect(markers(t)).toEqual(['0:first-token', '0:tool-call#0', '17:finish']);
    expect(t.markers[1]?.label).toBe('tool call get_boiling_point');
  });
});

describe('chat chunks: parallel tool calls', () => {
  const t = buildTimeline(load('llama-stack/responses/recordings/e73b8fbb6fe7f956879bc35e76b5419428fc85ba80d9bd947af77ad75e410b80.json'));

  it('merges fragments by index', () => {
    expect(only(t, 6).toolCalls.map((c) => [c.index, c.arguments, c.argumentsParse])).toEqual([[0, '{"query": "marketing"}', 'complete']]);
    expect(only(t, 7).toolCalls.map((c) => [c.index, c.name, c.arguments])).toEqual([
      [0, 'file_search', '{"query": "marketing"}'],
      [1, 'file_search', ''],
    ]);
    expect(only(t, 9).toolCalls[1]?.arguments).toBe('{"query":');
    expect(finalState(t).choices[0]?.toolCalls.map((c) => c.parsedArguments)).toEqual([{ query: 'marketing' }, { query: 'sales' }]);
  });

  it('ends with a usage-only chunk', () => {
    expect(t.steps[13]?.added.map((d) => d.field)).toEqual(['usage']);
    expect(stateAt(t, 12).usage).toBeNull();
    expect(stateAt(t, 13).usage).toMatchObject({ completion_tokens: 44, prompt_tokens: 54, total_tokens: 98 });
    expect(markers(t)).toEqual(['1:first-token', '1:tool-call#0', '7:tool-call#1', '12:finish', '13:usage']);
  });

  it('summarises one choice as `final`', () => {
    expect(streamSummary(t)).toEqual({
      chunks: 14,
      final: {
        content: '',
        reasoning: '',
        refusal: '',
        toolCalls: [
          { index: 0, id: 'call_VYoK5dSkatcp9VVVx5WERqkX', name: 'file_search', arguments: '{"query": "marketing"}' },
          { index: 1, id: 'call_JWXOm0RdBJTsTBr2OpxgLo9l', name: 'file_search', arguments: '{"query": "sales"}' },
        ],
        finishReason: 'tool_calls',
        usage: finalState(t).usage,
      },
    });
  });
});

describe('chat chunks: reasoning', () => {
  const t = buildTimeline(load('llama-stack/common/recordings/8019a21d3845675fc1966b90850ec4405f763792f3dea3ade299706fab3c2745.json'));

  it('separates reasoning from content', () => {
    expect(t.steps[0]?.added).toEqual([{ choice: 0, field: 'role', text: 'assistant' }]); // content "" adds nothing
    expect(t.steps[1]?.added.map((d) => d.field)).toEqual(['reasoning']);
    expect(only(t, 3)).toMatchObject({ content: '' });
    expect(only(t, 3).reasoning.endsWith('That is the summary.')).toBe(true);
    expect(only(t, 4).content.startsWith('**Summary of the reasoning**')).toBe(true);
    expect(only(t, 4).reasoning).toBe(only(t, 3).reasoning);
    expect(markers(t)).toEqual(['1:first-token', '6:finish', '7:usage']);
  });
});

describe('stream cut by an exception', () => {
  const src = load('llama-stack/common/recordings/8019a21d3845675fc1966b90850ec4405f763792f3dea3ade299706fab3c2745.json');
  const t = buildTimeline({
    ...src,
    response: {
      body: src.response.body.slice(0, 5),
      is_streaming: true,
      is_exception: true,
      exception_data: { category: 'provider_sdk', provider: 'openai', type: 'APIConnectionError', message: 'Connection reset', status_code: 502 },
      exception_message: 'Connection reset',
    },
  });

  it('keeps the partial chunks and ends with an error step', () => {
    expect(t.steps).toHaveLength(6);
    expect(t.chunkCount).toBe(5);
    expect(t.steps[5]).toMatchObject({ kind: 'exception', added: [{ choice: -1, field: 'error', text: 'Connection reset' }] });
    expect(t.error).toEqual({ type: 'APIConnectionError', message: 'Connection reset', status: 502, category: 'provider_sdk' });
    expect(stateAt(t, 4).error).toBeUndefined();
    expect(finalState(t).error).toEqual(t.error);
    expect(finalState(t).choices[0]?.content).toBe(only(t, 4).content);
    expect(finalState(t).choices[0]?.finishReason).toBeNull();
    expect(markers(t)).toEqual(['1:first-token', '5:error']);
    expect(streamSummary(t)).toMatchObject({ chunks: 5, error: { type: 'APIConnectionError', status: 502 } });
  });

  it('an exception without body is a single error step', () => {
    const e = buildTimeline(load('llama-stack/inference/recordings/28a43dc80443ccae98eee165c58522090fd6f0637031153b0105399093d39c52.json'));
    expect(e.variant).toBe('exception');
    expect(e.steps.map((s) => s.kind)).toEqual(['exception']);
    expect(e.chunkCount).toBe(0);
    expect(e.error).toMatchObject({ type: 'BadRequestError', status: 400, category: 'provider_sdk' });
    expect(e.error?.message).toContain('invalid image input');
  });
});

describe('SSE lines: Anthropic /v1/messages', () => {
  const rel = 'llama-stack/messages/recordings/f22657bfd86db6348c0a0d0b17332dcfc038b345d2a7be8da4b880a433d36a52.json';
  const t = buildTimeline(load(rel));

  it('has one step per event, with its line range', () => {
    expect(t.variant).toBe('sse:anthropic-messages');
    expect(t.steps).toHaveLength(61);
    expect(t.steps[60]).toMatchObject({ kind: 'message_stop', lines: [180, 183], added: [] });
    expect((t.steps[60]?.raw as { lines: string[] }).lines).toEqual(['event: message_stop', 'data: {"type":"message_stop"}', '']);
  });

  it('folds thinking, text, stop reason and usage', () => {
    expect(t.steps[0]?.added.map((d) => d.field)).toEqual(['role', 'usage']);
    expect(stateAt(t, 0).usage).toEqual({ input_tokens: 10, output_tokens: 0 });
    expect(t.steps[2]?.added).toEqual([{ choice: 0, field: 'reasoning', text: 'We' }]);
    const firstText = t.steps.findIndex((s) => s.added.some((d) => d.field === 'content'));
    expect(only(t, firstText - 1).content).toBe('');
    expect(only(t, firstText).content).toBe('1');
    expect(streamSummary(t)).toEqual({
      chunks: 61,
      final: {
        content: '1, 2, 3, 4, 5',
        reasoning: 'We need to count from 1 to 5, separated by commas. So output: 1, 2, 3, 4, 5. Probably no trailing comma. Just that.',
        refusal: '',
        toolCalls: [],
        finishReason: 'end_turn',
        usage: { input_tokens: 79, output_tokens: 64 },
      },
    });
    expect(markers(t)).toEqual(['0:usage', '2:first-token', '59:finish', '59:usage']);
  });

  it('streams tool_use input as input_json_delta', () => {
    const s = buildTimeline(
      rec(
        sseLines([
          ['message_start', { type: 'message_start', message: { role: 'assistant', usage: { input_tokens: 5, output_tokens: 0 } } }],
          ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
          ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me check.' } }],
          ['content_block_stop', { type: 'content_block_stop', index: 0 }],
          ['content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'calc', input: {} } }],
          ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"expr' } }],
          ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '": "1+1"}' } }],
          ['content_block_stop', { type: 'content_block_stop', index: 1 }],
          ['content_block_start', { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_2', name: 'now', input: {} } }],
          ['content_block_stop', { type: 'content_block_stop', index: 2 }],
          ['ping', { type: 'ping' }],
          ['message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 12 } }],
          ['message_stop', { type: 'message_stop' }],
        ]),
      ),
    );
    expect(s.steps).toHaveLength(13);
    expect(only(s, 5).toolCalls).toEqual([{ index: 0, id: 'toolu_1', name: 'calc', arguments: '{"expr', argumentsParse: 'partial' }]);
    expect(only(s, 6).toolCalls[0]).toMatchObject({ argumentsParse: 'complete', parsedArguments: { expr: '1+1' } });
    // A tool_use without input deltas has input {}.
    expect(s.steps[9]?.added).toEqual([{ choice: 0, field: 'toolArgs', toolIndex: 1, text: '{}' }]);
    expect(finalState(s)).toMatchObject({
      choices: [{ content: 'Let me check.', finishReason: 'tool_use', toolCalls: [{ name: 'calc' }, { name: 'now', arguments: '{}' }] }],
      usage: { input_tokens: 5, output_tokens: 12 },
    });
    expect(markers(s)).toEqual(['0:usage', '2:first-token', '4:tool-call#0', '8:tool-call#1', '11:finish', '11:usage']);
  });

  it('an error event ends the stream with an error', () => {
    const s = buildTimeline(
      rec(
        sseLines([
          ['message_start', { type: 'message_start', message: { role: 'assistant' } }],
          ['error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
        ]),
      ),
    );
    expect(s.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(markers(s)).toEqual(['1:error']);
  });
});

describe('SSE lines: Gemini /v1beta/interactions', () => {
  // Same event sequence as the upstream interactions streaming recordings.
  const t = buildTimeline(
    rec([
      ...sseLines([
        ['interaction.start', { interaction: { id: 'v1_x', status: 'in_progress', object: 'interaction' }, event_type: 'interaction.start' }],
        ['interaction.status_update', { interaction_id: 'v1_x', status: 'in_progress', event_type: 'interaction.status_update' }],
        ['content.start', { index: 0, content: { type: 'thought' }, event_type: 'content.start' }],
        ['content.delta', { index: 0, delta: { signature: 'Q2k=', type: 'thought_signature' }, event_type: 'content.delta' }],
        ['content.stop', { index: 0, event_type: 'content.stop' }],
        ['content.start', { index: 1, content: { type: 'text' }, event_type: 'content.start' }],
        ['content.delta', { index: 1, delta: { text: 'Hi', type: 'text' }, event_type: 'content.delta' }],
        ['content.delta', { index: 1, delta: { text: ' there!', type: 'text' }, event_type: 'content.delta' }],
        ['content.stop', { index: 1, event_type: 'content.stop' }],
        ['content.start', { index: 2, content: { type: 'function_call' }, event_type: 'content.start' }],
        ['content.delta', { index: 2, delta: { type: 'function_call', id: 'fc1', name: 'get_time', arguments: { tz: 'UTC' } }, event_type: 'content.delta' }],
        ['content.stop', { index: 2, event_type: 'content.stop' }],
        [
          'interaction.complete',
          { interaction: { id: 'v1_x', status: 'requires_action', usage: { total_tokens: 12, total_output_tokens: 10 }, role: 'model' }, event_type: 'interaction.complete' },
        ],
      ]),
      'event: done',
      'data: [DONE]',
      '',
    ]),
  );

  it('folds text, function calls, status and usage', () => {
    expect(t.variant).toBe('sse:gemini-interactions');
    expect(t.steps).toHaveLength(14);
    expect(t.steps[1]?.note).toBe('status: in_progress');
    expect(t.steps[3]?.note).toBe('thought signature');
    expect(t.steps[13]).toMatchObject({ kind: 'done', note: 'end of stream', added: [] });
    expect(only(t, 6).content).toBe('Hi');
    expect(only(t, 10).toolCalls).toEqual([
      { index: 0, id: 'fc1', name: 'get_time', arguments: '{"tz":"UTC"}', argumentsParse: 'complete', parsedArguments: { tz: 'UTC' } },
    ]);
    expect(finalState(t)).toMatchObject({ choices: [{ content: 'Hi there!', finishReason: 'requires_action', role: 'model' }], usage: { total_tokens: 12 } });
    expect(only(t, 9).toolCalls).toMatchObject([{ index: 0, name: null, arguments: '' }]); // content.start opens the call
    expect(markers(t)).toEqual(['6:first-token', '9:tool-call#0', '12:finish', '12:usage']);
  });
});

describe('Ollama native streams', () => {
  it('GenerateResponse list (corpus)', () => {
    const t = buildTimeline(load('llama-stack-2025-10/recordings/responses/f477c2fe1332.json'));
    expect(t.variant).toBe('ollama-stream');
    expect(t.steps).toHaveLength(21);
    expect(t.steps[0]).toMatchObject({ kind: 'GenerateResponse', added: [{ choice: 0, field: 'content', text: '[' }] });
    expect(only(t, 1).content).toBe('[get');
    expect(t.steps[20]?.added.map((d) => d.field)).toEqual(['finish', 'usage']);
    expect(finalState(t)).toMatchObject({
      choices: [{ content: "[get_boiling_point_with_metadata(liquid_name='polyjuice', celcius=True)]", finishReason: 'stop' }],
      usage: { prompt_eval_count: 375, eval_count: 21 },
    });
    expect(markers(t)).toEqual(['0:first-token', '20:finish', '20:usage']);
  });

  it('ChatResponse list with thinking and whole tool calls', () => {
    const chat = (message: unknown, done = false, extra = {}) =>
      typed('ollama._types.ChatResponse', { model: 'qwen3', done, done_reason: null, message, prompt_eval_count: null, eval_count: null, ...extra });
    const t = buildTimeline(
      rec([
        chat({ role: 'assistant', content: '', thinking: 'Need weather.' }),
        chat({ role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] }),
        chat({ role: 'assistant', content: 'Checking' }),
        chat({ role: 'assistant', content: '' }, true, { done_reason: 'stop', prompt_eval_count: 20, eval_count: 7 }),
      ]),
    );
    expect(t.variant).toBe('ollama-stream');
    expect(only(t, 0)).toMatchObject({ reasoning: 'Need weather.', content: '', role: 'assistant' });
    expect(only(t, 1).toolCalls).toEqual([
      { index: 0, id: null, name: 'get_weather', arguments: '{"city":"Paris"}', argumentsParse: 'complete', parsedArguments: { city: 'Paris' } },
    ]);
    expect(finalState(t)).toMatchObject({ choices: [{ content: 'Checking', finishReason: 'stop' }], usage: { prompt_eval_count: 20, eval_count: 7 } });
    expect(markers(t)).toEqual(['0:first-token', '1:tool-call#0', '3:finish', '3:usage']);
  });
});

describe('google-genai streams', () => {
  it('text stream: usage only once token counts appear', () => {
    const t = buildTimeline(load('llama-stack/responses/recordings/7c8cef4d00854e8ddf48aa3d143a6e3f5e5198e9bdca2b6e6eda676de8fba05f.json'));
    expect(t.variant).toBe('genai-stream');
    expect(t.steps).toHaveLength(10);
    expect(t.steps[0]?.added).toEqual([
      { choice: 0, field: 'role', text: 'model' },
      { choice: 0, field: 'content', text: 'Casual' },
    ]);
    expect(only(t, 1).content).toBe('Casual response: Alright');
    expect(stateAt(t, 8).usage).toBeNull();
    expect(finalState(t)).toMatchObject({ choices: [{ finishReason: 'STOP' }], usage: { total_token_count: 340 } });
    expect(markers(t)).toEqual(['0:first-token', '9:finish', '9:usage']);
  });

  it('function_call parts and thought parts', () => {
    const t = buildTimeline(load('llama-stack/responses/recordings/1bb2ecf236b3ebb1fad8dfffd0098a24334a1022dced4183c152755af06f3f2a.json'));
    expect(finalState(t).choices[0]?.toolCalls).toEqual([
      { index: 0, id: null, name: 'get_weather', arguments: '{"location":"San Francisco, USA"}', argumentsParse: 'complete', parsedArguments: { location: 'San Francisco, USA' } },
    ]);
    const th = buildTimeline(
      rec([
        { candidates: [{ content: { role: 'model', parts: [{ text: 'Let me think', thought: true }] } }] },
        { candidates: [{ content: { role: 'model', parts: [{ text: 'Answer' }, { functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP' }] },
      ]),
    );
    expect(finalState(th).choices[0]).toMatchObject({ reasoning: 'Let me think', content: 'Answer', finishReason: 'STOP', toolCalls: [{ name: 'f', arguments: '{"a":1}' }] });
  });
});

describe('legacy /v1/completions', () => {
  const completion = (choices: unknown[], usage: unknown = null) =>
    typed('openai.types.completion.Completion', { id: 'rec-c', object: 'text_completion', choices, usage });

  it('streamed Completion chunks (choices[].text), two choices', () => {
    const t = buildTimeline(
      rec([
        completion([{ index: 0, text: 'Hel', finish_reason: null, logprobs: null }]),
        completion([{ index: 1, text: 'Bon', finish_reason: null, logprobs: null }]),
        completion([{ index: 0, text: 'lo', finish_reason: 'stop', logprobs: null }]),
        completion([{ index: 1, text: 'jour', finish_reason: 'length', logprobs: null }]),
        completion([], { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 }),
      ]),
    );
    expect(t.variant).toBe('completion-chunks');
    expect(t.choices).toEqual([0, 1]);
    expect(stateAt(t, 0).choices.map((c) => c.content)).toEqual(['Hel', '']);
    expect(stateAt(t, 2).choices.map((c) => [c.content, c.finishReason])).toEqual([
      ['Hello', 'stop'],
      ['Bon', null],
    ]);
    expect(markers(t)).toEqual(['0:first-token', '1:first-token', '2:finish', '3:finish', '4:usage']);
    expect(streamSummary(t)).toEqual({
      chunks: 5,
      choices: [
        { index: 0, content: 'Hello', reasoning: '', refusal: '', toolCalls: [], finishReason: 'stop', usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } },
        { index: 1, content: 'Bonjour', reasoning: '', refusal: '', toolCalls: [], finishReason: 'length', usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } },
      ],
    });
  });

  it('/v1/completions endpoint answered with chat chunks (corpus)', () => {
    const t = buildTimeline(load('llama-stack/tool_runtime/recordings/632ce0140a65d71196900f356f4790795b4504dd4bf4a31c9e3d2733f0faf2db.json'));
    expect(t.variant).toBe('chat-completion-chunks');
    expect(finalState(t).choices[0]?.finishReason).toBe('stop');
  });
});

describe('chat chunks: several choices, refusal, reasoning_content', () => {
  const t = buildTimeline(
    rec([
      chatChunk([
        { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null },
        { index: 1, delta: { role: 'assistant', content: '' }, finish_reason: null },
      ]),
      chatChunk([{ index: 1, delta: { refusal: "I can't" }, finish_reason: null }]),
      chatChunk([{ index: 0, delta: { reasoning_content: 'hmm', content: 'Yes' }, finish_reason: null }]),
      chatChunk([
        { index: 0, delta: {}, finish_reason: 'stop' },
        { index: 1, delta: { refusal: ' help.' }, finish_reason: 'stop' },
      ]),
    ]),
  );

  it('keeps choices apart', () => {
    expect(t.choices).toEqual([0, 1]);
    expect(stateAt(t, 1).choices.map((c) => c.refusal)).toEqual(['', "I can't"]);
    expect(t.steps[2]?.added).toEqual([
      { choice: 0, field: 'reasoning', text: 'hmm' },
      { choice: 0, field: 'content', text: 'Yes' },
    ]);
    expect(finalState(t).choices.map((c) => [c.content, c.reasoning, c.refusal, c.finishReason])).toEqual([
      ['Yes', 'hmm', '', 'stop'],
      ['', '', "I can't help.", 'stop'],
    ]);
    expect(markers(t)).toEqual(['1:first-token', '2:first-token', '3:finish', '3:finish']);
    expect('choices' in streamSummary(t)).toBe(true);
  });
});

describe('non-streamed bodies are one step', () => {
  it('ChatCompletion with tool calls', () => {
    const t = buildTimeline(load('llama-stack/inference/recordings/853f6a700b98d71d390b7d366e27133a22772fbdf11863158349c1b0625bbc72.json'));
    expect(t).toMatchObject({ variant: 'chat-completion', streaming: false, chunkCount: 1 });
    expect(t.steps).toHaveLength(1);
    const c = finalState(t).choices[0];
    expect(c?.toolCalls.length).toBeGreaterThan(0);
    expect(c?.toolCalls.every((tc) => tc.argumentsParse === 'complete' && tc.id && tc.name)).toBe(true);
    expect(c?.finishReason).toBe('tool_calls');
    expect(stateAt(t, -1).choices[0]?.toolCalls).toEqual([]);
  });

  it.each([
    ['llama-stack/inference/recordings/f0f863b7a3527d2848b81dfcc05c898a7a2a1ab5e1213f100aeae00b8a5e1ba3.json', 'completion'],
    ['llama-stack/responses/recordings/8ff1d58683cc480fa42f687e3129692883583d8bd840a1151f09f9a1db183398.json', 'embeddings'],
    ['llama-stack/common/recordings/models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57-6a62c598.json', 'model-list'],
    ['llama-stack/telemetry/recordings/9d0d487f9c29fea13acdaa56676bb53bc15de0ba76748642de16dae56eb31696.json', 'tool-result'],
    ['llama-stack/responses/recordings/d3cfe732d753caecaeecd5f6f12c537044a787b50ea92ccd803af52a7dfd67b2.json', 'genai'],
    ['llama-stack/messages/recordings/0d76cd7b3dae3f44e2990645cb1617d5c84b80daf77535a00ce1ab680308881a.json', 'http-json:anthropic-message'],
    ['llama-stack/interactions/recordings/ffeafb6fb9f6fe65959073ba7b2d3034a7a61aae188a8c52cda9cf38fe7f1f1b.json', 'http-json:gemini-interaction'],
    ['llama-stack/common/recordings/cf0be7f9e2ebfc78903aa4ada30204585952f77bc5acb3ff7702bd7878d44b44.json', 'http-json:error'],
    ['llama-stack-2025-10/recordings/responses/f1592dee71e5.json', 'ollama-chat'],
    ['llama-stack/common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json', 'ollama-ps'],
  ])('%s -> %s', (rel, variant) => {
    const t = buildTimeline(load(rel));
    expect(t.variant).toBe(variant);
    expect(t.steps).toHaveLength(1);
    expect(t.streaming).toBe(false);
  });

  it('answers where there is one', () => {
    const tool = finalState(buildTimeline(load('llama-stack/telemetry/recordings/9d0d487f9c29fea13acdaa56676bb53bc15de0ba76748642de16dae56eb31696.json')));
    expect(JSON.parse(tool.choices[0]?.content ?? '')).toMatchObject({ query: 'test query 1' });
    const msg = finalState(buildTimeline(load('llama-stack/messages/recordings/0d76cd7b3dae3f44e2990645cb1617d5c84b80daf77535a00ce1ab680308881a.json')));
    expect(msg.choices[0]).toMatchObject({ finishReason: 'tool_use', toolCalls: [{ id: 'call_dg2g1ozz', name: 'calculator', parsedArguments: { expression: '15 * 7' } }] });
    const err = buildTimeline(load('llama-stack/common/recordings/cf0be7f9e2ebfc78903aa4ada30204585952f77bc5acb3ff7702bd7878d44b44.json'));
    expect(err.error).toEqual({ type: 'invalid_request_error', message: 'messages is required', status: 400 });
    const emb = buildTimeline(load('llama-stack/responses/recordings/8ff1d58683cc480fa42f687e3129692883583d8bd840a1151f09f9a1db183398.json'));
    expect(emb.steps[0]?.note).toMatch(/^\d+ embedding\(s\) × \d+ dims$/);
  });

  it('null body and non-recordings', () => {
    expect(buildTimeline(rec(null, { is_streaming: false })).steps[0]).toMatchObject({ kind: 'null', note: 'empty body', added: [] });
    const bad = buildTimeline(42);
    expect(bad).toMatchObject({ variant: 'invalid', choices: [0] });
    expect(bad.steps[0]?.note).toMatch(/not a recording/);
  });
});

describe('timeline is plain data', () => {
  it('survives a JSON round trip and is frozen', () => {
    const t = buildTimeline(load('llama-stack/responses/recordings/e73b8fbb6fe7f956879bc35e76b5419428fc85ba80d9bd947af77ad75e410b80.json'));
    const copy = JSON.parse(JSON.stringify(t)) as Timeline;
    for (let k = -1; k < t.steps.length; k++) expect(stateAt(copy, k)).toEqual(stateAt(t, k));
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.steps[0])).toBe(true);
  });
});
