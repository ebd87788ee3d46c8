/**
 * The recording model: what kind of recording a file holds and the summary the table shows.
 * Works on plain JSON values (JSON.parse output); number fidelity lives in shared/json.
 * Follows ../shared/spec/recordings.md §2–4 (kind is decided by request keys, then response shape).
 */

export type RecordingKind =
  | 'chat'
  | 'completion'
  | 'embeddings'
  | 'models'
  | 'ollama'
  | 'genai'
  | 'http'
  | 'tool'
  | 'file-processor'
  | 'exception'
  | 'inference'
  | 'not-a-recording'
  | 'broken';

export const KIND_LABELS: Record<RecordingKind, string> = {
  chat: 'chat completion',
  completion: 'completion (legacy)',
  embeddings: 'embeddings',
  models: 'model list',
  ollama: 'Ollama native',
  genai: 'google-genai',
  http: 'raw HTTP',
  tool: 'tool invocation',
  'file-processor': 'file processor',
  exception: 'recorded exception',
  inference: 'inference (other)',
  'not-a-recording': 'not a recording',
  broken: 'unreadable',
};

export type RequestKind = 'inference' | 'http' | 'tool' | 'file-processor' | 'unknown';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  code: string;
  severity: Severity;
  message: string;
  /** JSON path of the offending value, when there is one. */
  path?: string;
}

export interface RecordingSummary {
  kind: RecordingKind;
  requestKind: RequestKind;
  testId: string | null;
  endpoint: string;
  model: string;
  streaming: boolean;
  /** Number of stored chunks (SSE: lines) for streamed bodies, null for a single body. */
  chunks: number | null;
  /** Exception type and message for recorded exceptions. */
  exception?: { type: string; message: string; status?: number };
  problems: Problem[];
}

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function requestKindOf(request: unknown): RequestKind {
  if (!isObject(request)) return 'unknown';
  if ('kwargs' in request && 'tool_name' in request) return 'tool';
  if ('payload' in request && 'url' in request) return 'http';
  if (request.api === 'file_processors') return 'file-processor';
  if ('body' in request && 'url' in request) return 'inference';
  return 'unknown';
}

const MODEL_ENDPOINTS = new Set(['/api/tags', '/v1/models', '/v1/openai/v1/models']);

/** Text after the last `.` of a `__type__` label (spec §9: treat as opaque). */
export function typeName(value: unknown): string {
  if (!isObject(value) || typeof value.__type__ !== 'string') return '';
  const t = value.__type__;
  return t.slice(t.lastIndexOf('.') + 1);
}

function firstTyped(body: unknown): unknown {
  return Array.isArray(body) ? body[0] : body;
}

function inferenceKind(request: Obj, body: unknown): RecordingKind {
  const endpoint = str(request.endpoint);
  const url = str(request.url);
  const type = typeName(firstTyped(body));
  if (MODEL_ENDPOINTS.has(endpoint) || type === 'Model' || type === 'ListResponse') return 'models';
  if (type === 'ChatCompletionChunk' || type === 'ChatCompletion') return 'chat';
  if (type === 'Completion') return 'completion';
  if (type === 'CreateEmbeddingResponse') return 'embeddings';
  if (endpoint.startsWith('/api/') || type.endsWith('Response') && isObject(firstTyped(body)) && String((firstTyped(body) as Obj).__type__).startsWith('ollama.')) return 'ollama';
  if (endpoint.includes('generate_content') || endpoint === '/embed_content' || url.startsWith('vertexai:')) return 'genai';
  if (endpoint.endsWith('/chat/completions')) return 'chat';
  if (endpoint.endsWith('/completions')) return 'completion';
  if (endpoint.endsWith('/embeddings')) return 'embeddings';
  return 'inference';
}

function endpointOf(request: Obj, kind: RequestKind): string {
  switch (kind) {
    case 'inference':
      return str(request.endpoint) || str(request.url);
    case 'http': {
      const url = str(request.url);
      const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/[^?#]*)?/i.exec(url);
      return m ? m[1] ?? '/' : url;
    }
    case 'tool':
      return `${str(request.provider)}:${str(request.tool_name)}`;
    case 'file-processor':
      return `${str(request.provider)}:file_processors`;
    default:
      return '';
  }
}

function modelOf(request: Obj, kind: RequestKind): string {
  if (kind === 'inference') return str(request.model) || (isObject(request.body) ? str(request.body.model) : '');
  if (kind === 'http' && isObject(request.payload)) return str(request.payload.model);
  return '';
}

function chunkCount(body: unknown, streaming: boolean): number | null {
  if (!streaming || !Array.isArray(body)) return null;
  return body.length;
}

/** Summarise a parsed recording. Never throws: odd shapes become problems. */
export function summarizeRecording(record: unknown): RecordingSummary {
  const problems: Problem[] = [];
  if (!isObject(record)) {
    return {
      kind: 'not-a-recording', requestKind: 'unknown', testId: null, endpoint: '', model: '', streaming: false, chunks: null,
      problems: [{ code: 'not-an-object', severity: 'error', message: `Top level is ${describe(record)}, not an object with "request" and "response".` }],
    };
  }
  const request = record.request;
  const response = record.response;
  if (!isObject(request) || !isObject(response)) {
    const missing = [!isObject(request) && 'request', !isObject(response) && 'response'].filter(Boolean).join(' and ');
    return {
      kind: 'not-a-recording', requestKind: 'unknown', testId: typeof record.test_id === 'string' ? record.test_id : null,
      endpoint: '', model: '', streaming: false, chunks: null,
      problems: [{ code: 'missing-keys', severity: 'error', message: `JSON object without ${missing} object: not a recording.` }],
    };
  }
  const requestKind = requestKindOf(request);
  const testId = typeof record.test_id === 'string' ? record.test_id : typeof request.test_id === 'string' ? request.test_id : null;
  if (!('body' in response)) problems.push({ code: 'missing-body', severity: 'error', message: 'response.body is missing.', path: '$.response' });
  const body = response.body;
  const streaming = response.is_streaming === true;
  if (requestKind === 'unknown') {
    problems.push({ code: 'unknown-request', severity: 'warning', message: 'Request has an unknown shape (no body/url, payload/url, kwargs/tool_name or api).', path: '$.request' });
  }
  if (streaming && body !== null && !Array.isArray(body)) {
    problems.push({ code: 'streaming-shape', severity: 'warning', message: 'is_streaming is true but the body is not a list of chunks.', path: '$.response.body' });
  }
  let kind: RecordingKind;
  let exception: RecordingSummary['exception'];
  if (response.is_exception === true) {
    kind = 'exception';
    const data = isObject(response.exception_data) ? response.exception_data : {};
    exception = {
      type: str(data.type) || 'Exception',
      message: str(data.message) || str(response.exception_message),
      ...(typeof data.status_code === 'number' ? { status: data.status_code } : {}),
    };
  } else if (requestKind === 'inference') kind = inferenceKind(request, body);
  else if (requestKind === 'unknown') kind = 'not-a-recording';
  else kind = requestKind;
  return {
    kind, requestKind, testId,
    endpoint: endpointOf(request, requestKind),
    model: modelOf(request, requestKind),
    streaming,
    chunks: chunkCount(body, streaming),
    ...(exception ? { exception } : {}),
    problems,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** `responses/recordings/x.json` → suite `responses`; files outside a recordings dir use their folder. */
export function suiteOf(relativePath: string): string {
  const parts = relativePath.split('/');
  parts.pop();
  if (parts[parts.length - 1] === 'recordings') parts.pop();
  return parts.join('/') || '.';
}
