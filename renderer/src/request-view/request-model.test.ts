import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRecord, analyzeRequest, requestKindOf, toolDefinitions } from './request-model';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const HAS_CORPUS = existsSync(CORPUS);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
}
const load = (rel: string): unknown => JSON.parse(readFileSync(`${CORPUS}/${rel}`, 'utf8'));

describe.skipIf(!HAS_CORPUS)('analyzeRecord on the corpus', () => {
  it('classifies every file without warnings', () => {
    const files = walk(CORPUS);
    expect(files.length).toBeGreaterThan(200);
    const variants = new Map<string, number>();
    for (const f of files) {
      const m = analyzeRecord(JSON.parse(readFileSync(f, 'utf8')));
      expect(m.kind, f).not.toBe('unknown');
      expect(m.notices.filter((n) => n.level === 'warning'), f).toEqual([]);
      variants.set(m.variant, (variants.get(m.variant) ?? 0) + 1);
    }
    for (const v of ['chat', 'completion', 'embeddings', 'model-list', 'genai', 'http-messages', 'http-interactions', 'tool', 'file-processor']) {
      expect(variants.get(v), v).toBeGreaterThan(0);
    }
  });

  it('splits a chat body into messages, tools, tool_choice and parameters', () => {
    const m = analyzeRecord(load('llama-stack-2025-10/recordings/responses/08a21ab74e0a.json'));
    expect(m).toMatchObject({ kind: 'inference', variant: 'chat', label: 'Chat completion' });
    expect(m.tools?.map((t) => t.name)).toEqual(['greet_everyone', 'get_boiling_point']);
    expect(m.toolChoice).toBe('auto');
    expect(m.parameters?.map(([k]) => k)).toEqual(['model', 'max_tokens', 'stream']);
    expect(m.envelope.map(([k]) => k)).toEqual(['method', 'url', 'endpoint', 'model']);
  });

  it('keeps extra_body / stream_options as parameters and provider_metadata in the envelope', () => {
    const m = analyzeRecord(load('llama-stack/responses/recordings/1a5a9da6382b176bc38f4f8a71701400d59ac9148fb1fda532b67e1dfde0ed0a.json'));
    expect(m.parameters?.map(([k]) => k)).toEqual(['model', 'stream', 'stream_options', 'extra_body']);
    expect(m.envelope.map(([k]) => k)).toContain('provider_metadata');
  });

  it('notes a chat body under the /v1/completions label', () => {
    const m = analyzeRecord(load('llama-stack-2025-10/recordings/responses/4096743baf8e.json'));
    expect(m.variant).toBe('chat');
    expect(m.label).toBe('Chat completion');
    expect(m.notices[0]).toMatchObject({ level: 'info' });
  });

  it('handles completions, Ollama generate, embeddings and model lists', () => {
    expect(analyzeRecord(load('llama-stack/inference/recordings/f0f863b7a3527d2848b81dfcc05c898a7a2a1ab5e1213f100aeae00b8a5e1ba3.json'))).toMatchObject({ variant: 'completion', label: 'Text completion (legacy)' });
    const gen = analyzeRecord(load('llama-stack-2025-10/recordings/responses/6906a6e71988.json'));
    expect(gen).toMatchObject({ variant: 'completion', label: 'Ollama generate' });
    expect(gen.parameters?.map(([k]) => k)).toEqual(['model', 'raw', 'options', 'stream']);
    const emb = analyzeRecord(load('llama-stack-2025-10/vector_io/recordings/615b44f8fe23e923f6849f9bad8d9f7531ed74ca532ab3badc178a5cc329376c.json'));
    expect(emb.variant).toBe('embeddings');
    expect(Array.isArray(emb.inputs)).toBe(true);
    expect(analyzeRecord(load('llama-stack-2025-10/recordings/responses/477f8946bf7d.json'))).toMatchObject({ variant: 'embeddings', label: 'Ollama embeddings' });
    expect(analyzeRecord(load('llama-stack-2025-10/common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json'))).toMatchObject({ variant: 'model-list', label: 'Ollama running models', parameters: [] });
  });

  it('reads genai config: system_instruction and function declarations', () => {
    const sys = analyzeRecord(load('llama-stack/responses/recordings/1b4db8e928c9faed930437cee255aeb8e18707edfa29848b9f51f3313380832c.json'));
    expect(sys.variant).toBe('genai');
    expect(sys.system?.label).toBe('System instruction');
    const tools = analyzeRecord(load('llama-stack/responses/recordings/1bb2ecf236b3ebb1fad8dfffd0098a24334a1022dced4183c152755af06f3f2a.json'));
    expect(tools.tools?.[0]).toMatchObject({ name: 'get_weather', description: 'Get current temperature for a given location.' });
    expect(tools.parameters?.map(([k]) => k)).toEqual(['model']);
  });

  it('handles raw HTTP, tool invocation and file processor requests', () => {
    const msgs = analyzeRecord(load('llama-stack/messages/recordings/0d76cd7b3dae3f44e2990645cb1617d5c84b80daf77535a00ce1ab680308881a.json'));
    expect(msgs).toMatchObject({ kind: 'http', variant: 'http-messages', label: 'Anthropic Messages (raw HTTP)', toolChoice: { type: 'any' } });
    expect(msgs.tools?.[0]?.schema).toMatchObject({ type: 'object' });
    expect(msgs.envelope.map(([k]) => k)).toEqual(['method', 'url', 'test_id']);
    const tool = analyzeRecord(load('llama-stack/telemetry/recordings/e39dece6d1db2f7ca6fd1d8ad12ed21c2228205dcde8c32f71fb664e1fc56425.json'));
    expect(tool).toMatchObject({ kind: 'tool', kwargs: { query: 'test query' } });
    const fp = analyzeRecord(load('llama-stack/responses/recordings/268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json'));
    expect(fp.kind).toBe('file-processor');
    expect(fp.envelope.map(([k]) => k)).toEqual(['provider', 'api', 'file_id', 'test_id']);
  });
});

describe('odd shapes', () => {
  it('reports non-recordings and damaged requests', () => {
    expect(analyzeRecord(null).notices[0]?.level).toBe('warning');
    expect(analyzeRecord([1]).kind).toBe('unknown');
    expect(analyzeRecord({ response: {} }).notices[0]?.text).toMatch(/no "request"/);
    expect(analyzeRecord({ request: 'x' }).notices[0]?.text).toMatch(/string/);
    expect(analyzeRecord({ request: { body: 3, url: 'u' } })).toMatchObject({ kind: 'inference', payload: 3 });
    expect(analyzeRecord({ request: { body: { messages: 'hi' }, url: 'u' } }).notices[0]?.text).toMatch(/not a list/);
    expect(analyzeRecord({ request: { foo: 1 } })).toMatchObject({ kind: 'unknown', payload: { foo: 1 } });
    const bare = analyzeRecord({ body: { prompt: 'p' }, url: 'u' });
    expect(bare.variant).toBe('completion');
    expect(bare.notices[0]?.level).toBe('info');
  });

  it('follows the spec order of kind detection', () => {
    expect(requestKindOf({ kwargs: {}, tool_name: 't', payload: {}, url: 'u' })).toBe('tool');
    expect(requestKindOf({ payload: {}, url: 'u', body: {} })).toBe('http');
    expect(requestKindOf({ api: 'file_processors', body: {}, url: 'u' })).toBe('file-processor');
    expect(requestKindOf({ body: {}, url: 'u' })).toBe('inference');
    expect(analyzeRequest({ body: {}, url: 'u', endpoint: '/api/pull' })).toMatchObject({ variant: 'other', label: 'Ollama pull' });
  });

  it('normalises tool definitions of all formats', () => {
    const defs = toolDefinitions([
      { type: 'function', function: { name: 'a', description: 'A', parameters: { type: 'object' }, strict: true } },
      { type: 'function', name: 'b', parameters: {} },
      { name: 'c', input_schema: { type: 'object' } },
      { function_declarations: [{ name: 'd', parameters_json_schema: {} }, 7] },
      { type: 'web_search' },
      { google_search: {} },
      'junk',
    ]);
    expect(defs.map((d) => d.name)).toEqual(['a', 'b', 'c', 'd', '(invalid declaration)', 'web_search', 'google_search', '(invalid definition)']);
    expect(defs[0]).toMatchObject({ description: 'A', extra: { strict: true } });
    expect(defs[2]!.schema).toEqual({ type: 'object' });
  });
});
