import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { get, jsonNumber, remove, set, type JsonObject, type JsonValue } from '../json/json-value';
import { parseJson } from '../json/lossless-json';
import type { TestEntry } from './test-groups';
import { parseFailureText, whyNotFound, wrapAsRecord } from './why-not-found';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const FILTER_BY_CATEGORY = 'tests/integration/responses/test_file_search.py::test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o]';
const CHAT_6CF8 = 'llama-stack/responses/recordings/6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json';
const REASONING_8019 = 'llama-stack/common/recordings/8019a21d3845675fc1966b90850ec4405f763792f3dea3ade299706fab3c2745.json';
const OLLAMA_3D57 = 'llama-stack/agents/recordings/3d57813664e7444da2f306c82ede7e2311e8916c7bba3bdb76e5a9d9141eabb2.json';
const BEDROCK_3826 = 'llama-stack/responses/recordings/38263133628096e551df33b19acb1a8e3bddc03bcb7d667674e45506ff72be76.json';

let entries: TestEntry[] = [];
beforeAll(() => {
  const files = (readdirSync(CORPUS, { recursive: true }) as string[]).map((f) => f.split('\\').join('/')).filter((f) => f.endsWith('.json')).sort();
  entries = files.map((f) => ({ path: f, record: parseJson(readFileSync(CORPUS + f, 'utf8')) }));
});

/** A fresh copy of a corpus recording, to edit. */
const copy = (rel: string): JsonObject => parseJson(readFileSync(CORPUS + rel, 'utf8')) as JsonObject;
const body = (rec: JsonValue): JsonObject => get(get(rec, 'request'), 'body') as JsonObject;

describe('parseFailureText', () => {
  it('reads the recorder error and the pytest line', () => {
    const text = [
      'FAILED tests/integration/responses/test_file_search.py::test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o] - RuntimeError: Recording not found for request hash: 5527813af22f75ce6e14d68662373a462c79a2514ba561617e075efce5ff7938',
      'Model: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions',
      '',
      "Run './scripts/integration-tests.sh --inference-mode record-if-missing' with required API keys to generate.",
    ].join('\n');
    expect(parseFailureText(text)).toEqual({
      hashes: [{ hash: '5527813af22f75ce6e14d68662373a462c79a2514ba561617e075efce5ff7938', short: false, modelList: false }],
      testIds: [FILTER_BY_CATEGORY],
      model: 'gpt-4o',
      method: 'POST',
      url: 'https://api.openai.com/v1/v1/chat/completions',
    });
  });

  it('reads debug logs, genai errors, model-list names, legacy and rec- ids, test_id=…', () => {
    const debug = parseFailureText([
      '[RECORDING DEBUG] Recording not found!',
      '  Request hash: 02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc',
      '  Method: POST',
      '  URL: http://localhost:11434/api/ps',
      '  Endpoint: /api/ps',
      '  Model: unknown',
      '  Test context: tests/integration/inference/test_x.py::test_y[txt=ollama/llama3.2:3b]',
    ].join('\n'));
    expect(debug).toMatchObject({ method: 'POST', url: 'http://localhost:11434/api/ps', endpoint: '/api/ps', testIds: ['tests/integration/inference/test_x.py::test_y[txt=ollama/llama3.2:3b]'] });
    expect(debug.model).toBeUndefined();
    const genai = parseFailureText('RuntimeError: Recording not found for genai request hash: 7c8cef4d00854e8ddf48aa3d143a6e3f5e5198e9bdca2b6e6eda676de8fba05f\nModel: publishers/google/models/gemini-2.0-flash | Endpoint: /generate_content_stream');
    expect(genai).toMatchObject({ model: 'publishers/google/models/gemini-2.0-flash', endpoint: '/generate_content_stream' });
    const names = parseFailureText('missing models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57-6a62c598.json and 1d82e9439ae3.json (id rec-ab12cd34ef56, file-824569833174) test_id=tests/a/test_b.py::test_c');
    expect(names.hashes).toEqual([
      { hash: '64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57', short: false, modelList: true, digest: '6a62c598' },
      { hash: '1d82e9439ae3', short: true, modelList: false },
      { hash: 'ab12cd34ef56', short: true, modelList: false },
    ]);
    expect(names.testIds).toEqual(['tests/a/test_b.py::test_c']);
    const tool = parseFailureText("RuntimeError: Recording not found for tavily.web_search | Request: {'query': 'latest news'}");
    expect(tool.tool).toEqual({ provider: 'tavily', toolName: 'web_search', kwargsText: "{'query': 'latest news'}" });
  });

  it('takes pasted JSON as the request', () => {
    const r = parseFailureText(readFileSync(CORPUS + CHAT_6CF8, 'utf8'));
    expect(r.request).toBeDefined();
    expect(r.testIds).toEqual([FILTER_BY_CATEGORY]);
    expect(wrapAsRecord(body(copy(CHAT_6CF8))).shape).toBe('body');
    expect(wrapAsRecord(get(copy(CHAT_6CF8), 'request')!).shape).toBe('request');
  });
});

describe('whyNotFound', () => {
  it('a request with one edited message finds the original first and names the field', () => {
    const rec = copy(CHAT_6CF8);
    const first = (get(body(rec), 'messages') as JsonObject[])[0]!;
    set(first, 'content', 'Show me all sales reports');
    const r = whyNotFound({ request: rec }, entries);
    expect(r.found).toBe(false);
    expect(r.query.testId).toBe(FILTER_BY_CATEGORY);
    const top = r.candidates[0]!;
    expect(top.path).toBe(CHAT_6CF8);
    expect(top.tier).toBe('same-test-endpoint-model');
    expect(top.hash?.status).toBe('current');
    expect(top.differences).toEqual([
      expect.objectContaining({ path: '$.body.messages[0].content', kind: 'changed', before: '"Show me all marketing reports"', after: '"Show me all sales reports"', verdict: 'changes-hash' }),
    ]);
    expect(top.summary).toBe('1 field changes the hash ($.body.messages[0].content)');
    // the re-recorded variants of the same request come next
    expect(r.candidates.slice(1, 7).every((c) => c.testId === FILTER_BY_CATEGORY && c.endpoint === '/v1/chat/completions')).toBe(true);
    expect(r.verdict[0]).toMatch(/^No recording matches\. Nearest: .*6cf85f8a8edc/);
  });

  it('temperature 0.3 → 0.300001 is absorbed by float rounding; 0.3 → 0.30001 and 0.3 → 0.4 change the hash', () => {
    const absorbed = copy(REASONING_8019);
    set(body(absorbed), 'temperature', jsonNumber('0.300001'));
    const r1 = whyNotFound({ request: absorbed }, entries);
    expect(r1.found).toBe(true);
    expect(r1.candidates[0]).toMatchObject({ path: REASONING_8019, tier: 'exact', sameRequest: true, nameMatch: true });
    expect(r1.candidates[0]!.differences).toEqual([
      expect.objectContaining({ path: '$.body.temperature', before: '0.3', after: '0.300001', verdict: 'absorbed', rules: ['float-round-5'] }),
    ]);
    expect(r1.query.computedHash).toBe('8019a21d3845675fc1966b90850ec4405f763792f3dea3ade299706fab3c2745');

    for (const t of ['0.30001', '0.4']) {
      const changed = copy(REASONING_8019);
      set(body(changed), 'temperature', jsonNumber(t));
      const r = whyNotFound({ request: changed }, entries);
      expect(r.found).toBe(false);
      expect(r.candidates[0]!.path).toBe(REASONING_8019);
      expect(r.candidates[0]!.differences).toEqual([expect.objectContaining({ path: '$.body.temperature', verdict: 'changes-hash' })]);
      expect(r.candidates[0]!.differences[0]!.explanation).toMatch(/still differ after round\(x, 5\)/);
    }
  });

  it('int vs float is never absorbed', () => {
    const rec = copy(REASONING_8019);
    set(body(rec), 'temperature', jsonNumber('0'));
    const [d] = whyNotFound({ request: rec }, entries).candidates[0]!.differences;
    expect(d).toMatchObject({ path: '$.body.temperature', kind: 'type', verdict: 'changes-hash' });
    expect(d!.explanation).toMatch(/ints are never rounded/);
  });

  it('names the string rule that absorbs a changed retrieval score / document id', () => {
    const rec = copy(CHAT_6CF8);
    const tool = (get(body(rec), 'messages') as JsonObject[])[2]!;
    const part = (get(tool, 'content') as JsonObject[])[1]!;
    const text = get(part, 'text') as string;
    set(part, 'text', text.replace(/score: [0-9.]+/, 'score: 0.123').replace(/document_id: [0-9a-f-]{36}/, 'document_id: 00000000-1111-2222-3333-444444444444'));
    const r = whyNotFound({ request: rec }, entries);
    expect(r.found).toBe(true);
    const top = r.candidates[0]!;
    expect(top).toMatchObject({ path: CHAT_6CF8, sameRequest: true, hashChanging: 0, absorbed: 1 });
    expect(top.differences[0]).toMatchObject({ path: '$.body.messages[2].content[1].text', verdict: 'absorbed', rules: ['score', 'document-id'] });
  });

  it('stream_options is absorbed for Bedrock only; extra_body.project_id always', () => {
    const bedrock = copy(BEDROCK_3826);
    expect(remove(body(bedrock), 'stream_options')).toBe(true);
    const r = whyNotFound({ request: bedrock }, entries);
    expect(r.found).toBe(true);
    expect(r.candidates[0]!.differences).toEqual([expect.objectContaining({ path: '$.body.stream_options', kind: 'removed', verdict: 'absorbed', rules: ['bedrock-stream-options'] })]);

    const notBedrock = copy(OLLAMA_3D57);
    set(body(notBedrock), 'stream_options', parseJson('{"include_usage": true}'));
    set(body(notBedrock), 'extra_body', parseJson('{"project_id": "p-1"}'));
    const r2 = whyNotFound({ request: notBedrock }, entries);
    const byPath = Object.fromEntries(r2.candidates[0]!.differences.map((d) => [d.path, d.verdict]));
    expect(byPath).toEqual({ '$.body.stream_options': 'changes-hash', '$.body.extra_body': 'changes-hash' });
    // a project_id inside an extra_body both sides have is absorbed
    const withExtra = copy(OLLAMA_3D57);
    set(body(withExtra), 'extra_body', parseJson('{"project_id": "p-2"}'));
    const d = whyNotFound({ request: notBedrock }, [...entries, { path: 'x/recordings/with-extra.json', record: withExtra }]).candidates[0]!;
    expect(d.path).toBe('x/recordings/with-extra.json');
    expect(d.differences.map((x) => [x.path, x.verdict])).toEqual([['$.body.stream_options', 'changes-hash'], ['$.body.extra_body.project_id', 'absorbed']]);
  });

  it('a pasted SDK body: URL and test id are taken from each recording', () => {
    const r = whyNotFound({ request: body(copy(CHAT_6CF8)) }, entries);
    expect(r.query.inputShape).toBe('body');
    expect(r.query.assumed).toHaveLength(2);
    expect(r.found).toBe(true);
    expect(r.candidates[0]).toMatchObject({ path: CHAT_6CF8, tier: 'exact', sameRequest: true });
    expect(r.candidates[0]!.summary).toMatch(/URL and test_id taken from this recording/);
  });

  it('hash + test id only: finds recordings whose content hashes to it, and says they need renaming', () => {
    const r = whyNotFound({ hash: '5527813af22f75ce6e14d68662373a462c79a2514ba561617e075efce5ff7938', testId: FILTER_BY_CATEGORY }, entries);
    expect(r.found).toBe(true);
    const exact = r.candidates.filter((c) => c.tier === 'exact').map((c) => c.path);
    // the edited-in-place file and the stale one both hold the request the recorder now looks up
    expect(exact).toEqual([
      'llama-stack/responses/recordings/7a21dd1732664f785ed4a0292de82013962f00a064c5baa1a34f92ef72e67046.json',
      'llama-stack/responses/recordings/b615a3e10275f75dfb8da3474c2cbca56862f4a5d67c1b3887c45a80c0fd6bae.json',
    ]);
    expect(r.candidates[0]!.hashMatch?.profile).toBe('head-2026-04');
    expect(r.candidates[0]!.location).toMatch(/rename it/);
    // then the other recordings of the same test (9 in all), then other tests
    expect(r.candidates.slice(2, 9).every((c) => c.testId === FILTER_BY_CATEGORY && c.tier === 'same-test-endpoint-model' || c.tier === 'same-test')).toBe(true);
    expect(r.candidates[9]!.testId).not.toBe(FILTER_BY_CATEGORY);
  });

  it('hash from a failure that no recording reproduces: not found, same test ranked first', () => {
    const r = whyNotFound({ failureText: `Recording not found for request hash: ${'ab'.repeat(32)}\nModel: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions\nFAILED ${FILTER_BY_CATEGORY}` }, entries, { limit: 5 });
    expect(r.found).toBe(false);
    expect(r.candidates).toHaveLength(5);
    expect(r.candidates.every((c) => c.tier === 'same-test-endpoint-model')).toBe(true);
    expect(r.verdict.join('\n')).toMatch(/Paste the request body/);
  });

  it('a stale file is found by its old name and reported with its current name', () => {
    const r = whyNotFound({ hash: '2fa72534cefd5c8baeb7e65efd1e9f6bdb8710a974804a5bc79fd8bca669464f' }, entries);
    expect(r.found).toBe(true);
    expect(r.candidates[0]).toMatchObject({ nameMatch: true, hash: { status: 'stale', algorithm: 'floats-2025-11' } });
    expect(r.candidates[0]!.hashMatch?.profile).toBe('floats-2025-11');
  });

  it('a recording in the wrong folder is reported with the folder the recorder searches', () => {
    const moved: TestEntry = { path: 'llama-stack/inference/recordings/6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json', record: copy(CHAT_6CF8) };
    const r = whyNotFound({ request: copy(CHAT_6CF8) }, [moved, ...entries.filter((e) => e.path !== CHAT_6CF8)]);
    expect(r.found).toBe(true);
    expect(r.candidates[0]!.location).toMatch(/tests\/integration\/responses\/recordings\//);
    expect(r.verdict[0]).toMatch(/not where the recorder looks/);
  });
});
