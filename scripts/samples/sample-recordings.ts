/** The sample recordings of ./recordings, built from small descriptions. See scripts/make-samples.ts. */
import { isJsonObject, jsonFloat, jsonInt, jsonObject, get, set, type JsonValue } from '../../shared/json/json-value';
import { writeRecordingJson } from '../../shared/json/python-json';
import { hashCandidates } from '../../shared/hash/request-hash';
import { expectedRecordingDir } from '../../shared/hash/record-checks';

/** Marks a number that the recorder stored as a Python float (`0.0`, `1.0`). */
class F {
  constructor(readonly value: number) {}
}
const f = (value: number) => new F(value);

type Spec = null | boolean | string | number | F | Spec[] | { [key: string]: Spec };

function toJson(value: Spec): JsonValue {
  if (value instanceof F) return jsonFloat(value.value);
  if (typeof value === 'number') return Number.isInteger(value) ? jsonInt(value) : jsonFloat(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') return jsonObject(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

const SUITE = 'tests/integration';
const KNOWLEDGE_SEARCH_TOOL: Spec = {
  type: 'function',
  function: {
    name: 'knowledge_search',
    description: 'Search for information in a database.',
    parameters: {
      type: 'object',
      properties: { query: { type: 'string', description: 'The query to search for. Can be a natural language sentence or keywords.' } },
      required: ['query'],
    },
  },
};
const WEATHER_TOOL: Spec = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'City name' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
};

function inferenceRequest(model: string, body: Record<string, Spec>, base = 'https://api.openai.com/v1'): Spec {
  return { method: 'POST', url: `${base}/v1/chat/completions`, headers: {}, body: { model, ...body }, endpoint: '/v1/chat/completions', model, provider_metadata: { openai_sdk_version: '2.31.0' } };
}

function chunk(model: string, delta: Record<string, Spec>, extra: { finish?: string; usage?: Spec; choices?: boolean } = {}): Spec {
  const choices: Spec = extra.choices === false ? [] : [{
    delta: { content: null, function_call: null, refusal: null, role: null, tool_calls: null, ...delta },
    finish_reason: extra.finish ?? null, index: 0, logprobs: null,
  }];
  return {
    __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
    __data__: { id: 'rec-', choices, created: 0, model, object: 'chat.completion.chunk', service_tier: 'default', system_fingerprint: 'fp_sample', usage: extra.usage ?? null },
  };
}

function usage(prompt: number, completion: number): Spec {
  return {
    completion_tokens: completion, prompt_tokens: prompt, total_tokens: prompt + completion,
    completion_tokens_details: { accepted_prediction_tokens: 0, audio_tokens: 0, reasoning_tokens: 0, rejected_prediction_tokens: 0 },
    prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
  };
}

/** A streamed text answer, one chunk per piece, then finish and a usage-only chunk. */
function textStream(model: string, pieces: string[], prompt: number): Spec[] {
  return [
    chunk(model, { content: '', role: 'assistant' }),
    ...pieces.map((p) => chunk(model, { content: p })),
    chunk(model, {}, { finish: 'stop' }),
    chunk(model, {}, { choices: false, usage: usage(prompt, pieces.length) }),
  ];
}

/** A streamed tool call whose arguments arrive in fragments. */
function toolCallStream(model: string, calls: Array<{ id: string; name: string; fragments: string[] }>, prompt: number): Spec[] {
  const out: Spec[] = [chunk(model, { role: 'assistant' })];
  calls.forEach((call, index) => {
    out.push(chunk(model, { tool_calls: [{ index, id: call.id, function: { arguments: '', name: call.name }, type: 'function' }] }));
    for (const fragment of call.fragments) out.push(chunk(model, { tool_calls: [{ index, id: null, function: { arguments: fragment, name: null }, type: null }] }));
  });
  out.push(chunk(model, {}, { finish: 'tool_calls' }));
  out.push(chunk(model, {}, { choices: false, usage: usage(prompt, calls.reduce((n, c) => n + c.fragments.length, 0)) }));
  return out;
}

function pieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [text];
}

/** Models emit a citation marker over several tokens: ` <|`, `file`, `-824…`, `|>.` */
function splitMarker(piece: string): string[] {
  const m = /^(\s*)<\|(file)(-\d+)\|>(.*)$/.exec(piece);
  return m ? [`${m[1]}<|`, m[2]!, m[3]!, `|>${m[4]}`] : [piece];
}

export interface Sample {
  path: string;
  what: string;
  text: string;
}

function finish(what: string, testId: string | null, request: Spec, response: Spec): Sample {
  const record = toJson({ test_id: testId, request, response, id_normalization_mapping: {} });
  const candidate = hashCandidates(record)[0];
  if (!candidate) throw new Error(`no hash for sample ${what}`);
  // §6.1: every top-level object of the response carries rec-<hash[:12]>.
  const body = get(get(record, 'response'), 'body');
  for (const item of Array.isArray(body) ? body : body ? [body] : []) {
    const data = get(item, '__data__');
    if (isJsonObject(data) && get(data, 'id') !== undefined) set(data, 'id', `rec-${candidate.hash.slice(0, 12)}`);
  }
  const dir = expectedRecordingDir(testId).replace(/^tests\/integration\//, '');
  return { path: `${dir}/${candidate.name}`, what, text: writeRecordingJson(record) };
}

const FILE_US_MARKETING = 'file-824569833174';
const FILE_EU_MARKETING = 'file-824569833175';

function fileSearchResult(query: string): Spec {
  const chunkPart = (n: number, id: string, score: string, attrs: string, text: string) => ({ type: 'text', text: `[${n}] document_id: ${id}, score: ${score}, attributes: ${attrs} cite as <|${id}|>\n${text}\n` });
  return [
    { type: 'text', text: 'file_search tool found 2 chunks:\nBEGIN of file_search tool results.\n' },
    chunkPart(1, FILE_US_MARKETING, '1.2240750007395013', `{'region': 'us', 'category': 'marketing', 'date': 1672531200.0, 'filename': 'us_marketing_q1.txt', 'document_id': '${FILE_US_MARKETING}', 'token_count': 21.0}`,
      'US promotional campaigns for Q1 2023. Revenue increased by 15% in the US region.'),
    chunkPart(2, FILE_EU_MARKETING, '0.9860226028240189', `{'region': 'eu', 'category': 'marketing', 'date': 1675209600.0, 'filename': "eu_marketing_q1_partners'.txt", 'document_id': '${FILE_EU_MARKETING}', 'token_count': 18.0}`,
      'EU partner programme launched in February 2023.\nTwo new distributors signed in Germany and France.'),
    { type: 'text', text: 'END of file_search tool results.\n' },
    { type: 'text', text: `The above results were retrieved to help answer the user's query: "${query}". Use them as supporting information only in answering this query. Cite sources immediately at the end of sentences before punctuation, using \`<|file-id|>\` format like 'This is a fact <|file-Cn3MSNn72ENTiiq11Qda4A|>.'. Do not add extra punctuation. Use only the file IDs provided, do not invent new ones.\n` },
  ];
}

export function buildSamples(): Sample[] {
  const model = 'gpt-4o';
  const samples: Sample[] = [];

  // 1. A streamed plain answer.
  {
    const testId = `${SUITE}/inference/test_openai_completion.py::test_openai_chat_completion_streaming[txt=openai/gpt-4o-inference:chat_completion:streaming_01]`;
    const answer = 'Recording Inspector replays this answer chunk by chunk: drag the timeline to watch it being written, one token at a time.';
    samples.push(finish('streamed plain answer', testId,
      inferenceRequest(model, { messages: [{ role: 'system', content: 'You are a concise assistant.' }, { role: 'user', content: 'Describe what a stream replay shows, in one sentence.' }], stream: true, stream_options: { include_usage: true }, temperature: f(0.0) }),
      { body: textStream(model, pieces(answer), 27), is_streaming: true }));
  }

  // 2. A streamed answer with two parallel tool calls whose arguments arrive in fragments.
  {
    const testId = `${SUITE}/inference/test_tools_with_schemas.py::test_parallel_tool_calls_streaming[txt=openai/gpt-4o]`;
    samples.push(finish('streamed parallel tool calls, arguments in fragments', testId,
      inferenceRequest(model, { messages: [{ role: 'user', content: 'What is the weather in Paris and in Tokyo, in celsius?' }], stream: true, stream_options: { include_usage: true }, tool_choice: 'auto', tools: [WEATHER_TOOL] }),
      { body: toolCallStream(model, [
        { id: 'call_sample_paris_0001', name: 'get_weather', fragments: ['{"ci', 'ty": "', 'Paris', '", "unit', '": "cel', 'sius"}'] },
        { id: 'call_sample_tokyo_0002', name: 'get_weather', fragments: ['{"city', '": "Tokyo", ', '"unit": "celsius"', '}'] },
      ], 84), is_streaming: true }));
  }

  // 3 + 4. A two-turn file_search chain: turn 1 calls the tool, turn 2 answers citing <|file-…|> markers.
  {
    const testId = `${SUITE}/responses/test_file_search.py::test_response_file_search_streaming_events[openai_client-txt=openai/gpt-4o]`;
    const question = 'What are the marketing updates?';
    const query = 'marketing updates';
    const callId = 'call_sample_file_search_01';
    const user = { role: 'user', content: question };
    samples.push(finish('file_search chain, turn 1: the tool call', testId,
      inferenceRequest(model, { messages: [user], stream: true, stream_options: { include_usage: true }, tools: [KNOWLEDGE_SEARCH_TOOL] }),
      { body: toolCallStream(model, [{ id: callId, name: 'knowledge_search', fragments: ['{"', 'query', '":"', 'marketing', ' updates', '"}'] }], 61), is_streaming: true }));
    const answer = `In the US, Q1 promotional campaigns lifted revenue by 15% <|${FILE_US_MARKETING}|>. In Europe, a partner programme launched in February 2023 with new distributors in Germany and France <|${FILE_EU_MARKETING}|>.`;
    samples.push(finish('file_search chain, turn 2: the answer with citations', testId,
      inferenceRequest(model, {
        messages: [
          user,
          { role: 'assistant', content: '', tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: 'knowledge_search', arguments: `{"query":"${query}"}` } }] },
          { role: 'tool', tool_call_id: callId, content: fileSearchResult(query) },
        ],
        stream: true, stream_options: { include_usage: true }, tools: [KNOWLEDGE_SEARCH_TOOL],
      }),
      { body: textStream(model, pieces(answer).flatMap(splitMarker), 402), is_streaming: true }));
  }

  // 5. A non-streaming completion.
  {
    const testId = `${SUITE}/inference/test_openai_completion.py::test_openai_chat_completion_non_streaming[txt=openai/gpt-4o-inference:chat_completion:non_streaming_01]`;
    samples.push(finish('non-streaming chat completion', testId,
      inferenceRequest(model, { messages: [{ role: 'user', content: 'Which planet is known as the Red Planet? Answer in one word.' }], max_tokens: 16, stream: false, temperature: f(0.0) }),
      {
        body: {
          __type__: 'openai.types.chat.chat_completion.ChatCompletion',
          __data__: {
            id: 'rec-', choices: [{ finish_reason: 'stop', index: 0, logprobs: null, message: { content: 'Mars', refusal: null, role: 'assistant', annotations: [], audio: null, function_call: null, tool_calls: null } }],
            created: 0, model: 'gpt-4o-2024-08-06', object: 'chat.completion', service_tier: 'default', system_fingerprint: 'fp_sample', usage: usage(22, 1),
          },
        },
        is_streaming: false,
      }));
  }

  // 6. A recorded exception.
  {
    const testId = `${SUITE}/inference/test_provider_error_recording.py::TestProviderErrorRecording::test_provider_rejects_unknown_model[txt=openai/gpt-4o]`;
    const message = "Error code: 404 - {'error': {'message': 'The model `gpt-unknown` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}";
    samples.push(finish('recorded exception', testId,
      inferenceRequest('gpt-unknown', { messages: [{ role: 'user', content: 'Hello?' }], stream: false }),
      {
        body: null, is_streaming: false, is_exception: true,
        exception_data: {
          category: 'provider_sdk', provider: 'openai', type: 'NotFoundError', message, status_code: 404,
          body: { message: 'The model `gpt-unknown` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' },
        },
        exception_message: message,
      }));
  }
  return samples;
}
