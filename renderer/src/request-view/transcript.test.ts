import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTranscript, parseToolArguments, roleClassOf, transcriptFromList, type Part, type ToolCallInfo } from './transcript';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);
const load = (rel: string): { request: unknown } => JSON.parse(readFileSync(`${CORPUS}/${rel}`, 'utf8')) as { request: unknown };

function calls(parts: Part[]): ToolCallInfo[] {
  return parts.flatMap((p) => (p.kind === 'tool_call' ? [p.call] : []));
}

describe.skipIf(!HAS_CORPUS)('buildTranscript on real recordings', () => {
  it('links two parallel tool calls to their tool messages (OpenAI chat)', () => {
    const rec = load('llama-stack/responses/recordings/b1d1ecee37e74f919b359db90abbb3df8e7621ee0a251c37cf4388c14b93ff6e.json');
    const t = buildTranscript(rec.request);
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    const [c1, c2] = calls(t.messages[1]!.parts);
    expect(c1!.name).toBe('knowledge_search');
    expect(c1!.anchorId).toBe('call-call_u8kC9t9arrSV758kavJmcZE7');
    expect(c1!.answeredBy).toEqual([3]);
    expect(c2!.answeredBy).toEqual([4]);
    expect(c1!.args.state).toBe('json');
    expect(t.callIndex.get('call_jnsNgiHFvrr6kNsUUFsiCSdh')).toBe(c2);
    expect(t.messages[2]!.answers?.target).toBe(c1);
    expect(t.messages[3]!.answers?.target).toBe(c2);
    expect(t.messages[3]!.anchorId).toBe('msg-4');
    // tool message content is a list of text parts
    expect(t.messages[2]!.parts.every((p) => p.kind === 'text')).toBe(true);
  });

  it('links every tool message of every corpus chat to a preceding call', () => {
    const files = [
      'llama-stack-2025-10/recordings/responses/08a21ab74e0a.json',
      'llama-stack-2025-10/responses/recordings/0a7db42a014ba0d7c7a06139842cefc624698aa63d3036cb1764474a2b01a5c7.json',
      'llama-stack/agents/recordings/1d82e9439ae3.json',
      'llama-stack/responses/recordings/e4352483ef1de911baaabcb5a96b008bc826c8ebe87c4ece14835b06d5cc2574.json',
    ];
    for (const f of files) {
      const t = buildTranscript(load(f).request);
      const tools = t.messages.filter((m) => m.role === 'tool');
      expect(tools.length).toBeGreaterThan(0);
      for (const m of tools) {
        expect(m.answers?.target, `${f} message ${m.number}`).not.toBeNull();
        expect(m.answers!.target!.messageNumber).toBeLessThan(m.number);
        expect(m.answers!.target!.answeredBy).toContain(m.number);
      }
    }
  });

  it('links Anthropic tool_use / tool_result blocks and keeps thinking', () => {
    const rec = load('llama-stack/messages/recordings/f55988509902a617d2f547a1518bb84c3c8784ea1e1ac139e2f0623449dfa047.json');
    const t = buildTranscript(rec.request);
    expect(t.messages).toHaveLength(3);
    const assistant = t.messages[1]!;
    expect(assistant.parts[0]).toMatchObject({ kind: 'text', label: 'thinking' });
    const call = calls(assistant.parts)[0]!;
    expect(call).toMatchObject({ id: 'call_dg2g1ozz', name: 'calculator', args: { state: 'object', value: { expression: '15 * 7' } } });
    expect(call.answeredBy).toEqual([3]);
    const result = t.messages[2]!.parts[0]!;
    expect(result.kind).toBe('tool_result');
    if (result.kind === 'tool_result') {
      expect(result.link.target).toBe(call);
      expect(result.parts).toEqual([{ kind: 'text', text: '105' }]);
    }
  });

  it('reads Gemini interactions input and genai contents', () => {
    const inter = buildTranscript(load('llama-stack/interactions/recordings/2e4874779bace4867844819bef190b32e9ac2d46689f7f47b055d2138dd43b5e.json').request);
    expect(inter.messages.map((m) => [m.role, m.roleClass])).toEqual([['user', 'user'], ['model', 'assistant'], ['user', 'user']]);
    expect(inter.messages[2]!.parts).toEqual([{ kind: 'text', text: 'What is my name?' }]);
    const single = buildTranscript(load('llama-stack/interactions/recordings/36a00e747aef2ae388935ed0594b579735c5b0ca21f758c501c3c1985a1bb892.json').request);
    expect(single.messages).toHaveLength(1);
    expect(single.messages[0]!.role).toBe('user');
    const genai = buildTranscript(load('llama-stack/responses/recordings/d3cfe732d753caecaeecd5f6f12c537044a787b50ea92ccd803af52a7dfd67b2.json').request);
    expect(genai.messages.map((m) => m.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    expect(genai.messages[0]!.parts[0]).toEqual({ kind: 'text', text: 'Topic A discussion' });
  });

  it('shows Ollama images, data-URL images and reasoning', () => {
    const ollama = buildTranscript(load('llama-stack-2025-10/recordings/responses/f1592dee71e5.json').request);
    const img = ollama.messages[0]!.parts[0]!;
    expect(img.kind).toBe('image');
    if (img.kind === 'image') expect(img.url?.startsWith('data:image/png;base64,iVBOR')).toBe(true);
    const multi = buildTranscript(load('llama-stack/inference/recordings/28a43dc80443ccae98eee165c58522090fd6f0637031153b0105399093d39c52.json').request);
    expect(multi.messages[0]!.parts.map((p) => p.kind)).toEqual(['text', 'image']);
    const reasoning = buildTranscript(load('llama-stack/inference/recordings/cc7128cf3c88faebc0713764504913d494858b16d5bcdc23a384420fb6750543.json').request);
    expect(reasoning.messages[2]!.parts[0]).toMatchObject({ kind: 'text', label: 'reasoning' });
  });

  it('has no transcript for embeddings, tool invocations and model lists', () => {
    expect(buildTranscript(load('llama-stack-2025-10/vector_io/recordings/615b44f8fe23e923f6849f9bad8d9f7531ed74ca532ab3badc178a5cc329376c.json').request).messages).toEqual([]);
    expect(buildTranscript(load('llama-stack/telemetry/recordings/e39dece6d1db2f7ca6fd1d8ad12ed21c2228205dcde8c32f71fb664e1fc56425.json').request).messages).toEqual([]);
  });
});

describe('transcriptFromList edge cases', () => {
  it('reports invalid arguments, empty and missing arguments', () => {
    expect(parseToolArguments('{"a":1}')).toEqual({ state: 'json', value: { a: 1 }, raw: '{"a":1}' });
    expect(parseToolArguments('{"a":')).toMatchObject({ state: 'invalid', raw: '{"a":' });
    expect(parseToolArguments('')).toEqual({ state: 'empty' });
    expect(parseToolArguments(undefined)).toEqual({ state: 'missing' });
    expect(parseToolArguments({ x: 1 })).toEqual({ state: 'object', value: { x: 1 } });
  });

  it('marks unanswered calls and answers to unknown ids', () => {
    const t = transcriptFromList([
      { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{' } }] },
      { role: 'tool', tool_call_id: 'zzz', content: 'orphan' },
    ]);
    expect(t.calls[0]!.answeredBy).toEqual([]);
    expect(t.calls[0]!.args.state).toBe('invalid');
    expect(t.messages[1]!.answers).toMatchObject({ toolCallId: 'zzz', target: null });
  });

  it('links repeated ids to the latest preceding call and gives unique anchors', () => {
    const call = (id: string) => ({ role: 'assistant', tool_calls: [{ id, function: { name: 'f', arguments: '{}' } }] });
    const t = transcriptFromList([call('x'), { role: 'tool', tool_call_id: 'x', content: '1' }, call('x'), { role: 'tool', tool_call_id: 'x', content: '2' }]);
    expect(t.calls.map((c) => c.anchorId)).toEqual(['call-x', 'call-x-2']);
    expect(t.calls.map((c) => c.answeredBy)).toEqual([[2], [4]]);
    expect(t.callIndex.get('x')).toBe(t.calls[0]);
  });

  it('sanitises ids and handles calls without ids (Ollama) and genai name linking', () => {
    const t = transcriptFromList([
      { role: 'assistant', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ function_response: { name: 'get_weather', response: { t: 20 } } }] },
      { role: 'assistant', tool_calls: [{ id: 'a b/c', function: { name: 'g', arguments: '{}' } }] },
    ]);
    expect(t.calls[0]!.anchorId).toBe('call-m1-1');
    expect(t.calls[0]!.answeredBy).toEqual([2]);
    expect(t.calls[1]!.anchorId).toBe('call-a_b_c');
  });

  it('understands Responses input items', () => {
    const t = transcriptFromList([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"q":1}' },
      { type: 'function_call_output', call_id: 'c1', output: 'done' },
    ]);
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(t.calls[0]!.answeredBy).toEqual([3]);
    expect(t.messages[0]!.extra).toEqual({ type: 'message' });
  });

  it('never throws on junk', () => {
    const junk: unknown[] = [null, 1, 'x', [], {}, [null, 1, [], 'text', { role: 5, content: 7, tool_calls: 'no' }], { role: 'user' },
      [{ role: 'user', content: [null, 3, { type: 'image_url' }, { type: 'weird', x: 1 }, { type: 'text', text: 5 }] }],
      [{ role: 'tool', content: [{ type: 'tool_result', content: { a: 1 } }] }]];
    for (const j of junk) expect(() => transcriptFromList(j)).not.toThrow();
    const t = transcriptFromList([null]);
    expect(t.messages[0]!.issue).toMatch(/null/);
  });

  it('classifies roles', () => {
    expect(['system', 'user', 'assistant', 'tool', 'developer', 'model', 'function', 'x'].map(roleClassOf))
      .toEqual(['system', 'user', 'assistant', 'tool', 'developer', 'assistant', 'tool', 'other']);
  });
});
