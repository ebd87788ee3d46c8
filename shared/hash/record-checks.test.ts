import { describe, expect, it } from 'vitest';
import { fromPlain } from '../json/json-value';
import { checkRecording, checkRecordingText, expectedRecordingDir, hashStatusProblems, isInExpectedDir, type Problem } from './record-checks';
import { classifyHash } from './request-hash';

const H = 'ab'.repeat(32);
const TID = 'tests/integration/responses/test_x.py::test_y[p]';
const base = (over: Record<string, unknown> = {}, response: Record<string, unknown> = {}) =>
  fromPlain({
    test_id: TID,
    request: { method: 'POST', url: 'http://h/v1/v1/chat/completions', headers: {}, body: { model: 'm', stream: false }, endpoint: '/v1/chat/completions', model: 'm' },
    response: { body: { __type__: 'openai.types.chat.chat_completion.ChatCompletion', __data__: { id: `rec-${H.slice(0, 12)}`, created: 0, object: 'chat.completion' } }, is_streaming: false, ...response },
    id_normalization_mapping: {},
    ...over,
  });
const codes = (ps: Problem[]) => ps.map((p) => `${p.severity}:${p.code}`);

describe('structure (errors)', () => {
  it('not JSON / not an object / missing parts', () => {
    const r = checkRecordingText('a.json', '{"request": ');
    expect(r.value).toBeNull();
    expect(r.problems[0]).toMatchObject({ code: 'not-json', severity: 'error' });
    expect(r.problems[0]!.message).toContain('line 1, column 13');
    expect(codes(checkRecording('a.json', fromPlain([1])))).toEqual(['error:not-an-object']);
    expect(codes(checkRecording('common/recordings/a.json', fromPlain({ test_id: null })))).toEqual(['error:request-missing', 'error:response-missing']);
    expect(codes(checkRecording('common/recordings/a.json', fromPlain({ test_id: null, request: { body: {}, url: 'u' }, response: { is_streaming: false } })))).toContain('error:response-body-missing');
  });

  it('a clean recording has no problems', () => {
    expect(checkRecording(`responses/recordings/${H}.json`, base())).toEqual([]);
  });
});

describe('directory implied by test_id (§1)', () => {
  it('expectedRecordingDir', () => {
    expect(expectedRecordingDir(TID)).toBe('tests/integration/responses/recordings');
    expect(expectedRecordingDir('tests/integration/providers/nvidia/test_n.py::t')).toBe('tests/integration/providers/nvidia/recordings');
    expect(expectedRecordingDir(null)).toBe('tests/integration/common/recordings');
  });

  it.each([
    ['tests/integration/responses/recordings/x.json', true],
    ['responses/recordings/x.json', true], // opened tests/integration
    ['recordings/x.json', true], // opened the suite folder
    ['x.json', true], // opened the recordings folder itself
    ['llama-stack/responses/recordings/x.json', true], // a copy under another prefix
    ['inference/recordings/x.json', false],
    ['tests/integration/common/recordings/x.json', false],
    ['responses\\recordings\\x.json', true],
  ])('%s -> %s', (path, ok) => expect(isInExpectedDir(path, TID)).toBe(ok));

  it('nested suites and null test_id', () => {
    const nv = 'tests/integration/providers/nvidia/test_n.py::t';
    expect(isInExpectedDir('providers/nvidia/recordings/x.json', nv)).toBe(true);
    expect(isInExpectedDir('providers/recordings/x.json', nv)).toBe(false);
    expect(isInExpectedDir('common/recordings/x.json', null)).toBe(true);
    expect(isInExpectedDir('responses/recordings/x.json', null)).toBe(false);
  });

  it('reports wrong-directory as a warning, missing test_id as info', () => {
    expect(codes(checkRecording(`inference/recordings/${H}.json`, base()))).toEqual(['warning:wrong-directory']);
    const noTid = fromPlain({ request: { method: 'POST', url: 'u', headers: {}, body: {}, endpoint: '/e', model: '' }, response: { body: null, is_streaming: false } });
    expect(codes(checkRecording('recordings/responses/abcdefabcdef.json', noTid))).toEqual(['info:test-id-missing']);
  });
});

describe('response normalisation (§6.1)', () => {
  it('provider ids, foreign rec- ids, real timestamps and Ollama timings; one problem per kind with a count', () => {
    const chunk = (id: string, created: number) => ({ __type__: 'x.ChatCompletionChunk', __data__: { id, created, object: 'chat.completion.chunk' } });
    const rec = base({}, { body: [chunk('chatcmpl-1', 5), chunk('chatcmpl-2', 6), chunk(`rec-${'0'.repeat(12)}`, 0)], is_streaming: true });
    const ps = checkRecording(`responses/recordings/${H}.json`, rec);
    expect(codes(ps)).toEqual(['warning:stream-flag-disagrees', 'info:response-id-not-normalized', 'info:response-created-not-normalized', 'info:response-id-other-hash']);
    expect(ps.find((p) => p.code === 'response-id-not-normalized')).toMatchObject({ path: '$.response.body[0].__data__.id' });
    expect(ps.find((p) => p.code === 'response-created-not-normalized')!.message).toContain('(2 objects)');
    const ollama = base({}, { body: { __type__: 'ollama._types.GenerateResponse', __data__: { created_at: '2025-01-01T00:00:00Z', total_duration: 5, load_duration: 0, eval_duration: null } } });
    expect(codes(checkRecording(`responses/recordings/${H}.json`, ollama))).toEqual(['info:response-created-at-not-normalized', 'info:response-duration-not-normalized']);
  });

  it('model objects, untyped bodies and raw HTTP are left alone', () => {
    const models = base({}, { body: [{ __type__: 'openai.types.model.Model', __data__: { id: 'gpt-4', created: 1686588896, object: 'model' } }] });
    expect(checkRecording(`responses/recordings/${H}.json`, models)).toEqual([]);
    const genai = base({}, { body: { response_id: 'abc', create_time: '2026' } });
    expect(checkRecording(`responses/recordings/${H}.json`, genai)).toEqual([]);
  });
});

describe('streaming shape', () => {
  it('is_streaming must agree with the body', () => {
    expect(codes(checkRecording(`responses/recordings/${H}.json`, base({}, { body: { a: 1 }, is_streaming: true })))).toContain('warning:streaming-body-shape');
    expect(codes(checkRecording(`responses/recordings/${H}.json`, base({}, { body: ['event: x', 'data: {}', ''], is_streaming: false })))).toContain('warning:streaming-body-shape');
    expect(codes(checkRecording(`responses/recordings/${H}.json`, base({}, { body: null, is_streaming: true, is_exception: true })))).toEqual([]);
    expect(codes(checkRecording(`responses/recordings/${H}.json`, base({}, { is_streaming: 'no' })))).toEqual(['warning:is-streaming-invalid']);
  });

  it('__type__ without __data__ where the recorder writes typed wrappers (the body and its items, spec §4.1)', () => {
    const rec = base({}, { body: [{ __type__: 'x.ChatCompletionChunk', __data__: { object: 'chat.completion.chunk' } }, { __type__: 'x.ChatCompletionChunk' }], is_streaming: true });
    const ps = checkRecording(`responses/recordings/${H}.json`, rec);
    expect(ps.find((p) => p.code === 'type-without-data')).toMatchObject({ severity: 'warning', path: '$.response.body[1]' });
    const single = base({}, { body: { __type__: 'x.ChatCompletion' }, is_streaming: false });
    expect(checkRecording(`responses/recordings/${H}.json`, single).find((p) => p.code === 'type-without-data')).toMatchObject({ path: '$.response.body' });
    // Inside __data__ a "__type__" key is provider data, not a wrapper: it is not reported.
    const nested = base({}, { body: [{ __type__: 'x.ChatCompletionChunk', __data__: { object: 'chat.completion.chunk', nested: { __type__: 'y' } } }], is_streaming: true });
    expect(checkRecording(`responses/recordings/${H}.json`, nested).some((p) => p.code === 'type-without-data')).toBe(false);
  });
});

describe('secrets in the request', () => {
  it.each([
    [{ headers: { Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz012345' } }, '$.request.headers.Authorization'],
    [{ headers: { 'x-api-key': 'a-real-looking-key-123' } }, '$.request.headers["x-api-key"]'],
    [{ body: { messages: [{ content: 'use sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX please' }] } }, '$.request.body.messages[0].content'],
    [{ url: 'https://generativelanguage.googleapis.com/v1beta/models?key=AIzaSyA1234567890abcdefghijklmnopqrstu' }, '$.request.url'],
    [{ body: { api_key: 'tvly-abcdefghijklmnopqrstuvwxyz' } }, '$.request.body.api_key'],
  ])('%j', (patch, path) => {
    const rec = base();
    const req = fromPlain({ method: 'POST', url: 'http://h/v1/v1/chat/completions', headers: {}, body: {}, endpoint: '/v1/chat/completions', model: '', ...patch });
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec) || rec.kind !== 'object') throw new Error();
    rec.entries[1]![1] = req;
    const p = checkRecording(`responses/recordings/${H}.json`, rec).find((x) => x.code === 'secret-in-request');
    expect(p).toMatchObject({ severity: 'warning', path });
  });

  it('ignores placeholders and schema definitions', () => {
    const rec = base({
      request: { method: 'POST', url: 'http://h/v1/v1/chat/completions', headers: {}, endpoint: '/v1/chat/completions', model: '', body: { api_key: 'fake-key', tools: [{ parameters: { properties: { api_key: { type: 'string' } } } }], password: '***', text: 'ask the skeleton key' } },
    });
    expect(checkRecording(`responses/recordings/${H}.json`, rec).filter((x) => x.code === 'secret-in-request')).toEqual([]);
  });
});

describe('id mapping and hash-derived problems', () => {
  it('non-empty id_normalization_mapping is info', () => {
    expect(codes(checkRecording(`responses/recordings/${H}.json`, base({ id_normalization_mapping: { 'file-1': 'file-abc' } })))).toEqual(['info:id-mapping-non-empty']);
  });

  it('hashStatusProblems maps stale -> info, mismatch -> warning, digest -> warning', () => {
    const rec = base();
    expect(codes(hashStatusProblems(classifyHash(`${H}.json`, rec)))).toEqual(['warning:hash-mismatch']);
    expect(codes(hashStatusProblems({ ...classifyHash(`${H}.json`, rec), status: 'stale', digestMismatch: { inName: '0', expected: '1' } }))).toEqual(['info:hash-stale', 'warning:model-digest-mismatch']);
  });
});
