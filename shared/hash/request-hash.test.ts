import { describe, expect, it } from 'vitest';
import { parseJson } from '../json/lossless-json';
import { fromPlain, type JsonValue } from '../json/json-value';
import { sha256Hex } from './sha256';
import { classifyHash, digest8, expectedNames, hashCandidates, hashInput, parseRecordingName, requestKind } from './request-hash';

const inference = (body: unknown, opts: { url?: string; endpoint?: string; testId?: string | null; extra?: Record<string, unknown> } = {}): JsonValue =>
  fromPlain({
    ...(opts.testId !== undefined ? { test_id: opts.testId } : {}),
    request: { method: 'POST', url: opts.url ?? 'http://0.0.0.0:11434/v1/v1/chat/completions', headers: {}, body, endpoint: opts.endpoint ?? '/v1/chat/completions', model: 'm' },
    response: { body: null, is_streaming: false },
    ...(opts.extra ?? {}),
  });

describe('spec §5.2 worked examples', () => {
  it('common/recordings/02c93bb3… (Ollama /api/ps, no active test)', () => {
    const rec = parseJson(
      '{"test_id": null, "request": {"method": "POST", "url": "http://localhost:11434/api/ps", "headers": {}, "body": {}, "endpoint": "/api/ps", "model": ""}, "response": {"body": null, "is_streaming": false}}',
    );
    const input = hashInput(rec);
    expect(input).toBe('{"body": {}, "endpoint": "/api/ps", "method": "POST", "test_id": null}');
    expect(sha256Hex(input!)).toBe('02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc');
    expect(classifyHash('common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json', rec).status).toBe('current');
  });

  it('messages/recordings/c0621f60… (temperature 0.0 must stay a float)', () => {
    const testId = 'tests/integration/messages/test_messages.py::test_messages_non_streaming_with_temperature[txt=openai/gpt-4o]';
    const rec = parseJson(
      `{"test_id": "${testId}", "request": {"method": "POST", "url": "https://api.openai.com/v1/v1/chat/completions", "headers": {}, "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "Say hello."}], "max_tokens": 32, "stream": false, "temperature": 0.0}, "endpoint": "/v1/chat/completions", "model": "gpt-4o"}, "response": {"body": null, "is_streaming": false}}`,
    );
    const input = hashInput(rec);
    expect(input).toBe(
      `{"body": {"max_tokens": 32, "messages": [{"content": "Say hello.", "role": "user"}], "model": "gpt-4o", "stream": false, "temperature": 0.0}, "endpoint": "/v1/v1/chat/completions", "method": "POST", "test_id": "${testId}"}`,
    );
    expect(sha256Hex(input!)).toBe('c0621f606dde3ce2556d86dfbe532c149176b6879e1bab81b8e11820b761eb9f');
  });
});

describe('request kinds and hash objects', () => {
  it('detects kinds in spec order', () => {
    expect(requestKind(fromPlain({ kwargs: {}, tool_name: 't', url: 'x', payload: {} }))).toBe('tool');
    expect(requestKind(fromPlain({ url: 'x', payload: {}, body: {} }))).toBe('http');
    expect(requestKind(fromPlain({ api: 'file_processors', body: {}, url: 'x' }))).toBe('file-processor');
    expect(requestKind(fromPlain({ body: {}, url: 'x' }))).toBe('inference');
    expect(requestKind(fromPlain({ body: {} }))).toBe('unknown');
    expect(requestKind('nope')).toBe('unknown');
  });

  it('tool: no normalisation, no test_id', () => {
    const rec = fromPlain({ test_id: 't', request: { test_id: 't', provider: 'tavily', tool_name: 'web_search', kwargs: { query: 'x 3.14159265', k: 0.1234567 } }, response: {} });
    expect(hashInput(rec)).toBe('{"kwargs": {"k": 0.1234567, "query": "x 3.14159265"}, "provider": "tavily", "tool_name": "web_search"}');
  });

  it('raw HTTP: full URL string, request.test_id, normalised payload', () => {
    const rec = fromPlain({ test_id: 'outer', request: { test_id: 'inner', url: 'https://h/v1/messages?x', method: 'post', payload: { t: 0.123456 } }, response: {} });
    expect(hashInput(rec)).toBe('{"method": "POST", "payload": {"t": 0.12346}, "test_id": "inner", "url": "https://h/v1/messages?x"}');
  });

  it('file processor', () => {
    const rec = fromPlain({ test_id: 't', request: { test_id: 't', provider: 'pypdf', api: 'file_processors', file_id: 'file-1' }, response: {} });
    expect(hashInput(rec)).toBe('{"api": "file_processors", "file_id": "file-1", "test_id": "t"}');
  });

  it('inference: URL path not endpoint label; test_id left out for model paths (per profile)', () => {
    const models = inference({}, { url: 'http://localhost:8080/v1/models', endpoint: '/v1/models', testId: 't' });
    expect(hashInput(models)).toBe('{"body": {}, "endpoint": "/v1/models", "method": "POST"}');
    const openaiModels = inference({}, { url: 'http://h/v1/openai/v1/models', endpoint: '/v1/models', testId: 't' });
    expect(hashInput(openaiModels)).not.toContain('test_id');
    expect(hashInput(openaiModels, 'floats-2025-10')).toContain('"test_id": "t"');
    expect(hashInput(inference({}, { testId: undefined }))).toContain('"test_id": null');
  });

  it('Bedrock stream_options: floats-2025-11 tries the rule-on and rule-off variants', () => {
    const rec = inference({ stream_options: { include_usage: true }, extra_body: { project_id: 'p' } }, { url: 'https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1/v1/chat/completions', testId: 't' });
    const head = hashCandidates(rec, 'head-2026-04');
    expect(head).toHaveLength(1);
    expect(head[0]!.hashInput).toBe('{"body": {"extra_body": {}}, "endpoint": "/openai/v1/v1/chat/completions", "method": "POST", "test_id": "t"}');
    const f11 = hashCandidates(rec, 'floats-2025-11');
    expect(f11.map((c) => c.variant)).toEqual(['', 'before-project-id-rule', 'before-bedrock-rule']);
    expect(new Set(expectedNames(rec, 'floats-2025-11')).size).toBe(3);
  });

  it('legacy-short: 12-hex names; model lists get models-<hash>-<digest8>', () => {
    const body = [{ __type__: 'openai.types.model.Model', __data__: { id: 'b', object: 'model' } }, { __type__: 'x', __data__: { id: 'a', object: 'model' } }, { __type__: 'x', __data__: { id: 'b' } }];
    const rec = fromPlain({ request: { method: 'POST', url: 'https://api.fireworks.ai/inference/v1/v1/models', headers: {}, body: {}, endpoint: '/v1/models', model: '' }, response: { body, is_streaming: false } });
    const d = sha256Hex('a|b').slice(0, 8);
    expect(digest8(fromPlain({ body }))).toBe(d);
    expect(expectedNames(rec, 'legacy-short-2025-07')[0]).toMatch(new RegExp(`^models-[0-9a-f]{12}-${d}\\.json$`));
    expect(expectedNames(rec)[0]).toMatch(new RegExp(`^models-[0-9a-f]{64}-${d}\\.json$`));
  });

  it('digest8 for Ollama /api/tags (single ListResponse with models[].model); ids sorted by code point', () => {
    const tags = fromPlain({ body: { __type__: 'ollama._types.ListResponse', __data__: { models: [{ model: '\ue000' }, { model: '😀' }, { model: '\ue000' }] } } });
    expect(digest8(tags)).toBe(sha256Hex('\ue000|😀').slice(0, 8));
  });

  it('parseRecordingName', () => {
    expect(parseRecordingName('1d82e9439ae3.json')).toEqual({ hash: '1d82e9439ae3', short: true, modelList: false });
    expect(parseRecordingName(`models-${'a'.repeat(64)}-0b98574d.json`)).toEqual({ hash: 'a'.repeat(64), short: false, modelList: true, digest: '0b98574d' });
    expect(parseRecordingName('README.md')).toBeNull();
    expect(parseRecordingName('ABC.json')).toBeNull();
  });
});

describe('classifyHash', () => {
  const body = { model: 'm', messages: [{ role: 'user', content: 'hit score: 0.5' }], temperature: 0.7000001 };
  const rec = inference(body, { testId: 'tests/integration/x/test_a.py::t' });
  const head = expectedNames(rec)[0]!;
  const raw = expectedNames(rec, 'raw-testid-2025-10-04')[0]!;

  it('current / stale / mismatch', () => {
    expect(head).not.toBe(raw);
    const cur = classifyHash(`x/recordings/${head}`, rec);
    expect([cur.status, cur.algorithm, cur.expectedName, cur.currentProfile]).toEqual(['current', 'head-2026-04', head, 'head-2026-04']);
    const stale = classifyHash(`x/recordings/${raw}`, rec);
    expect([stale.status, stale.algorithm, stale.expectedName]).toEqual(['stale', 'raw-testid-2025-10-04', head]);
    expect(stale.explanation).toContain(head);
    const bad = classifyHash(`x/recordings/${'0'.repeat(64)}.json`, rec);
    expect([bad.status, bad.algorithm]).toEqual(['mismatch', undefined]);
  });

  it('judges against the caller-chosen current profile; newer profiles never apply', () => {
    expect(classifyHash(raw, rec, { currentProfile: 'raw-testid-2025-10-04' }).status).toBe('current');
    expect(expectedNames(rec, 'floats-2025-10')[0]).not.toBe(head);
    expect(classifyHash(head, rec, { currentProfile: 'floats-2025-10' }).status).toBe('mismatch');
  });

  it('applies a stored id_normalization_mapping before hashing (§6.3)', () => {
    const content = { model: 'm', messages: [{ role: 'user', content: 'see file-1' }] };
    const named = expectedNames(inference(content, { testId: 't' }))[0]!;
    const stored = inference({ model: 'm', messages: [{ role: 'user', content: 'see file-5efa8a5a4b414ce98726c4e133a18747' }] }, { testId: 't', extra: { id_normalization_mapping: { 'file-1': 'file-5efa8a5a4b414ce98726c4e133a18747' } } });
    const st = classifyHash(named, stored);
    expect([st.status, st.idMapping]).toEqual(['current', 'stored']);
  });

  it('a lost mapping that only a guess re-creates is reported as mismatch with the guessed algorithm', () => {
    const named = expectedNames(inference({ a: 'file-1 file-2 file-1' }, { testId: 't' }))[0]!;
    const lost = inference({ a: `file-${'b'.repeat(32)} file-${'a'.repeat(32)} file-${'b'.repeat(32)}` }, { testId: 't' });
    const st = classifyHash(named, lost);
    expect([st.status, st.algorithm, st.idMapping]).toEqual(['mismatch', 'head-2026-04+guessed-id-mapping', 'guessed']);
  });

  it('unverifiable: file processors, unknown shapes, names that are not hashes', () => {
    const fp = fromPlain({ test_id: 't', request: { test_id: 't', provider: 'pypdf', api: 'file_processors', file_id: 'f' }, response: {} });
    expect(classifyHash(`${'1'.repeat(64)}.json`, fp).status).toBe('unverifiable');
    expect(classifyHash(expectedNames(fp)[0]!, fp).status).toBe('current');
    expect(classifyHash(`${'1'.repeat(64)}.json`, fromPlain({ request: {} })).status).toBe('unverifiable');
    expect(classifyHash('copy of thing.json', rec).status).toBe('unverifiable');
  });

  it('model lists: hash part decides the status, a wrong digest is flagged separately', () => {
    const ml = fromPlain({ test_id: null, request: { method: 'POST', url: 'http://h/v1/v1/models', headers: {}, body: {}, endpoint: '/v1/models', model: '' }, response: { body: [{ __type__: 'M', __data__: { id: 'a', object: 'model' } }], is_streaming: false } });
    const name = expectedNames(ml)[0]!;
    const wrong = name.replace(/-[0-9a-f]{8}\.json$/, '-00000000.json');
    const st = classifyHash(wrong, ml);
    expect(st.status).toBe('current');
    expect(st.digestMismatch).toEqual({ inName: '00000000', expected: name.slice(-13, -5) });
    expect(classifyHash(name, ml).digestMismatch).toBeUndefined();
  });
});
