import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { HostApi, RecordingFile } from '../../../shared/host-api';
import { buildTimeline, stateAt, type Timeline } from '../../../shared/stream';
import type { RecordingModel } from '../state/use-recording';
import { ChunkInspector } from './chunk-inspector';
import { PlaybackControls } from './controls';
import { ReconstructionPane } from './reconstruction';
import { ResponsePanel } from './response-panel';
import { Scrubber } from './scrubber';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const itc = existsSync(CORPUS) ? it : it.skip;
const LONG = 'llama-stack/responses/recordings/0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json';
const TOOLS = 'llama-stack/responses/recordings/12d6702f31197285bb4536daf4b982ae7b097ceb278766139bde1c6f940c0e68.json';
const EMBED = 'llama-stack/responses/recordings/1956d802ac07ea40ca67b9e174867c6048ed243f527bb1a3abcd26d0bbc37ae3.json';
const EXCEPTION = 'llama-stack/inference/recordings/28a43dc80443ccae98eee165c58522090fd6f0637031153b0105399093d39c52.json';
const load = (rel: string): unknown => JSON.parse(readFileSync(`${CORPUS}/${rel}`, 'utf8'));

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Text content of the element with data-testid (no nested elements except the mark). */
function testIdText(markup: string, id: string): string | null {
  const m = new RegExp(`data-testid="${id}">(.*?)</div>`, 's').exec(markup);
  return m ? decode(m[1]!.replace(/<[^>]+>/g, '')) : null;
}

const chunk = (choices: unknown[], usage?: unknown) => ({
  __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
  __data__: { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices, ...(usage ? { usage } : {}) },
});
const delta = (index: number, d: Record<string, unknown>, finish: string | null = null) => ({ index, delta: d, finish_reason: finish, logprobs: null });

function twoChoiceRecording(): unknown {
  return {
    request: { method: 'POST', url: 'http://x/v1/chat/completions', body: { model: 'm', stream: true, n: 2 } },
    response: {
      is_streaming: true,
      body: [
        chunk([delta(0, { role: 'assistant', content: '' }), delta(1, { role: 'assistant', content: '' })]),
        chunk([delta(0, { content: 'Hello' })]),
        chunk([delta(1, { content: 'Bonjour' })]),
        chunk([delta(0, { content: ' world' }), delta(1, { content: ' <monde>' })]),
        chunk([delta(0, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city": ' } }] })]),
        chunk([delta(0, { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] })]),
        chunk([delta(0, {}, 'tool_calls'), delta(1, {}, 'stop')]),
        chunk([], { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 }),
      ],
    },
  };
}

const fakeHost = (): HostApi => ({
  invoke: () => new Promise(() => undefined),
  subscribe: () => () => undefined,
  pathForFile: () => null,
} as unknown as HostApi);

const model = (value: unknown, path: string): RecordingModel => ({
  file: { path, text: '', size: 0, mtimeMs: 0 } as RecordingFile, value, parseError: null, summary: null,
});

describe('ReconstructionPane', () => {
  const t: Timeline = buildTimeline(twoChoiceRecording());

  it('shows one section per choice, the text so far and the last delta marked', () => {
    expect(t.choices).toEqual([0, 1]);
    const at3 = html(createElement(ReconstructionPane, { timeline: t, position: 3 }));
    expect(at3).toContain('aria-label="Reconstructed answer"');
    expect(at3).toContain('aria-label="Choice 0"');
    expect(at3).toContain('aria-label="Choice 1"');
    expect(testIdText(at3, 'answer-text')).toBe('Hello world');
    expect(testIdText(at3, 'answer-text-1')).toBe('Bonjour <monde>');
    expect(at3).toContain('Hello<mark class="last-delta"> world</mark>');
    expect(at3).toContain('Bonjour<mark class="last-delta"> &lt;monde&gt;</mark>');
    const at2 = html(createElement(ReconstructionPane, { timeline: t, position: 2 }));
    expect(testIdText(at2, 'answer-text')).toBe('Hello');
    expect(at2).toContain('data-testid="answer-text">Hello</div>');
  });

  it('shows tool arguments raw with a partial badge, then pretty-printed once they parse; finish and usage', () => {
    const partial = html(createElement(ReconstructionPane, { timeline: t, position: 4 }));
    expect(partial).toContain('aria-label="tool call get_weather"');
    expect(partial).toContain('call_1');
    expect(partial).toContain('>partial</span>');
    expect(partial).toContain('<mark class="last-delta">{&quot;city&quot;: </mark>');
    const done = html(createElement(ReconstructionPane, { timeline: t, position: 5 }));
    expect(done).toContain('>complete</span>');
    expect(decode(done)).toContain('{\n  "city": "Paris"\n}');
    expect(done).toContain('— not yet');
    const end = html(createElement(ReconstructionPane, { timeline: t, position: 7 }));
    expect(end).toContain('<code>tool_calls</code>');
    expect(end).toContain('<code>stop</code>');
    expect(end).toContain('aria-label="Usage"');
    expect(end).toContain('<th scope="row">total_tokens</th><td>10</td>');
  });

  it('is empty before the first chunk', () => {
    const before = html(createElement(ReconstructionPane, { timeline: t, position: -1 }));
    expect(testIdText(before, 'answer-text')).toBe('');
    expect(before).not.toContain('last-delta');
    expect(before).not.toContain('aria-label="Usage"');
  });
});

describe('Scrubber, controls and chunk inspector', () => {
  const t = buildTimeline(twoChoiceRecording());

  it('renders an accessible slider and marker buttons', () => {
    const out = html(createElement(Scrubber, { position: 3, steps: t.steps.length, markers: t.markers, onSeek: () => undefined }));
    expect(out).toContain('role="slider"');
    expect(out).toContain('tabindex="0"');
    expect(out).toContain('aria-label="Stream position"');
    expect(out).toContain('aria-valuemin="-1"');
    expect(out).toContain('aria-valuemax="7"');
    expect(out).toContain('aria-valuenow="3"');
    expect(out).toContain('aria-valuetext="chunk 3 of 8"');
    expect(out).toContain('aria-label="marker: first token at chunk 1"');
    expect(out).toContain('aria-label="marker: tool call get_weather at chunk 4"');
    expect(out).toContain('<canvas');
    // One canvas for all ticks: no per-chunk DOM.
    expect(out.match(/<(div|span|button)/g)!.length).toBeLessThan(6 + t.markers.length * 2);
  });

  it('renders the transport controls with accessible names', () => {
    const props = { position: 3, steps: 8, playing: false, rate: 20, unit: 'chunks' as const, onSeek: () => undefined, onToggle: () => undefined, onSpeed: () => undefined };
    const out = html(createElement(PlaybackControls, props));
    for (const name of ['Jump to start', 'Step back', 'Play', 'Step forward', 'Jump to end', 'Speed']) expect(out).toContain(`aria-label="${name}"`);
    expect(out).toContain('value="chunks:20" selected=""');
    expect(out).toContain('chunk 3 / 8');
    expect(html(createElement(PlaybackControls, { ...props, playing: true }))).toContain('aria-label="Pause"');
    expect(html(createElement(PlaybackControls, { ...props, rate: 7 }))).toContain('value="chunks:7" selected=""');
  });

  it('inspects chunk k: header, deltas, raw JSON', () => {
    const out = html(createElement(ChunkInspector, { timeline: t, position: 3 }));
    expect(out).toContain('aria-label="Chunk inspector"');
    expect(out).toContain('Chunk 3');
    expect(decode(out)).toContain('choice 0 · content');
    expect(decode(out)).toContain('" world"');
    expect(out).toContain('aria-label="Chunk 3 JSON"');
    expect(decode(out)).toContain('"chat.completion.chunk"');
    expect(html(createElement(ChunkInspector, { timeline: t, position: -1 }))).toContain('Before the first chunk');
  });
});

describe('ResponsePanel (server-rendered, fake host)', () => {
  const route = (path: string, chunk: number | null) => ({ path, chunk, tab: 'response' });

  itc('a 1,399-chunk stream: header, timeline group, text up to the linked chunk', () => {
    const value = load(LONG);
    const out = html(createElement(ResponsePanel, { host: fakeHost(), model: model(value, LONG), route: route(LONG, 12) }));
    expect(out).toContain('chat-completion-chunks · 1399 chunks · streamed');
    expect(out).toContain('role="group" aria-label="Stream timeline"');
    expect(out).toContain('aria-valuetext="chunk 12 of 1399"');
    const t = buildTimeline(value);
    expect(testIdText(out, 'answer-text')).toBe(stateAt(t, 12).choices[0]!.content);
    // Without ?chunk= the whole answer is shown.
    const end = html(createElement(ResponsePanel, { host: fakeHost(), model: model(value, LONG), route: route(LONG, null) }));
    expect(testIdText(end, 'answer-text')).toBe(stateAt(t, 1398).choices[0]!.content);
    expect(end).toContain('aria-label="Usage"');
  });

  itc('tool calls in a stream get markers', () => {
    const out = html(createElement(ResponsePanel, { host: fakeHost(), model: model(load(TOOLS), TOOLS), route: route(TOOLS, null) }));
    expect(out).toContain('aria-label="marker: tool call knowledge_search at chunk 1"');
    expect(out).toContain('aria-label="marker: tool call knowledge_search at chunk 11"');
    expect(out).toContain('aria-label="tool call knowledge_search"');
  });

  itc('embeddings: the note and the body, no empty answer', () => {
    const out = html(createElement(ResponsePanel, { host: fakeHost(), model: model(load(EMBED), EMBED), route: route(EMBED, null) }));
    expect(out).toContain('embeddings · single body · not streamed');
    expect(out).toMatch(/embedding\(s\)/);
    expect(out).not.toContain('data-testid="answer-text"');
    expect(out).not.toContain('role="slider"');
    expect(out).toContain('aria-label="Response body"');
  });

  itc('a recorded exception is shown as an error', () => {
    const out = html(createElement(ResponsePanel, { host: fakeHost(), model: model(load(EXCEPTION), EXCEPTION), route: route(EXCEPTION, null) }));
    expect(out).toContain('role="alert" aria-label="Recorded exception"');
    expect(out).toContain('Recorded exception');
  });

  it('a non-streamed chat completion shows the final answer and the body', () => {
    const value = {
      request: { method: 'POST', url: 'http://x/v1/chat/completions', body: {} },
      response: { is_streaming: false, body: { __type__: 'openai.types.chat.chat_completion.ChatCompletion', __data__: {
        id: 'x', object: 'chat.completion', created: 0, model: 'm',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Final answer.' } }],
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      } } },
    };
    const out = html(createElement(ResponsePanel, { host: fakeHost(), model: model(value, 'a.json'), route: route('a.json', null) }));
    expect(testIdText(out, 'answer-text')).toBe('Final answer.');
    expect(out).toContain('<code>stop</code>');
    expect(out).toContain('aria-label="Response body"');
    expect(out).not.toContain('role="slider"');
  });

  it('a stream cut by an exception: error shown first, error marker, exception step in the inspector', () => {
    const value = {
      request: { method: 'POST', url: 'http://x/v1/chat/completions', body: { stream: true } },
      response: {
        is_streaming: true,
        is_exception: true,
        exception_data: { type: 'APIConnectionError', message: 'Connection reset', status_code: 502 },
        body: [chunk([delta(0, { role: 'assistant', content: 'Par' })]), chunk([delta(0, { content: 'tial' })])],
      },
    };
    const t = buildTimeline(value);
    expect(t.steps.length).toBe(3);
    expect(t.chunkCount).toBe(2);
    const out = html(createElement(ResponsePanel, { host: fakeHost(), model: model(value, 'b.json'), route: route('b.json', null) }));
    expect(out).toContain('role="alert" aria-label="Recorded exception"');
    expect(out).toContain('APIConnectionError');
    expect(out).toContain('status 502');
    expect(out.indexOf('Recorded exception')).toBeLessThan(out.indexOf('role="slider"'));
    expect(out).toContain('aria-label="marker: ');
    expect(out).toMatch(/tl-marker-error/);
    expect(testIdText(out, 'answer-text')).toBe('Partial');
    expect(out).toContain('The stream ended with an exception');
    expect(out).toContain('recorded exception (not a chunk)');
    const mid = html(createElement(ResponsePanel, { host: fakeHost(), model: model(value, 'b.json'), route: route('b.json', 0) }));
    expect(testIdText(mid, 'answer-text')).toBe('Par');
    expect(mid).not.toContain('The stream ended with an exception');
  });

  itc('renders every corpus recording without throwing', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
    });
    for (const f of walk(CORPUS)) {
      const rel = relative(CORPUS, f);
      const out = html(createElement(ResponsePanel, { host: fakeHost(), model: model(JSON.parse(readFileSync(f, 'utf8')), rel), route: route(rel, null) }));
      expect(out, rel).toContain('class="tl-root"');
    }
  });
});
