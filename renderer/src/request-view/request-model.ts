/**
 * Decides what kind of request a recording holds (spec/recordings.md §3) and splits it into the
 * pieces the view shows: envelope, conversation, prompt / inputs, tool definitions, parameters.
 * Pure and total: unexpected shapes become notices, never exceptions.
 */
import { isObj } from './json-format';

type Obj = Record<string, unknown>;

import { requestKindOf, type RequestKind } from '../../../shared/recording-model';

export type { RequestKind };

export type Variant =
  | 'chat'
  | 'completion'
  | 'embeddings'
  | 'model-list'
  | 'genai'
  | 'responses'
  | 'other'
  | 'http-messages'
  | 'http-interactions'
  | 'http-json'
  | 'tool'
  | 'file-processor'
  | 'unknown';

export interface Notice {
  level: 'warning' | 'info';
  text: string;
}

export interface ToolDef {
  name: string;
  /** `type` of the definition (`function`, `web_search`, …). */
  type: string | null;
  description: string | null;
  /** JSON schema of the parameters (undefined when the tool has none). */
  schema: unknown;
  /** Unrecognised keys (`strict`, `vector_store_ids`, …). */
  extra: Obj | null;
}

export interface RequestModel {
  kind: RequestKind;
  variant: Variant;
  /** Human label, e.g. "Chat completion". */
  label: string;
  request: Obj | null;
  /** Ordered envelope fields (method, url, endpoint, model, provider_metadata, …). */
  envelope: Array<[string, unknown]>;
  /** Request keys nobody knows. */
  otherFields: Obj | null;
  notices: Notice[];
  /** Messages / contents / input items, when the request is a conversation. */
  conversation?: unknown;
  /** System prompt given outside the messages (Anthropic `system`, genai `system_instruction`, …). */
  system?: { label: string; value: unknown };
  /** Completion prompt(s). */
  prompt?: unknown;
  /** Images of an Ollama `/api/generate` request. */
  images?: unknown;
  /** Embedding inputs. */
  inputs?: unknown;
  tools?: ToolDef[];
  toolChoice?: unknown;
  responseFormat?: unknown;
  /** Remaining body / payload keys; null when the kind has no body. */
  parameters: Array<[string, unknown]> | null;
  /** Raw-HTTP payload that is not a conversation. */
  payload?: unknown;
  /** Tool invocation arguments. */
  kwargs?: unknown;
}

const ENDPOINT_LABELS: Record<string, string> = {
  '/v1/chat/completions': 'Chat completion',
  '/chat/completions': 'Chat completion',
  '/v1/completions': 'Text completion (legacy)',
  '/v1/embeddings': 'Embeddings',
  '/v1/models': 'Model list',
  '/v1/openai/v1/models': 'Model list',
  '/v1/responses': 'Responses',
  '/api/generate': 'Ollama generate',
  '/api/chat': 'Ollama chat',
  '/api/embeddings': 'Ollama embeddings',
  '/api/embed': 'Ollama embeddings',
  '/api/ps': 'Ollama running models',
  '/api/pull': 'Ollama pull',
  '/api/tags': 'Ollama model list',
  '/generate_content': 'google-genai generate content',
  '/generate_content_stream': 'google-genai generate content (stream)',
  '/embed_content': 'google-genai embed content',
};

const VARIANT_LABELS: Record<Variant, string> = {
  chat: 'Chat completion',
  completion: 'Text completion',
  embeddings: 'Embeddings',
  'model-list': 'Model list',
  genai: 'google-genai generate content',
  responses: 'Responses',
  other: 'Inference request',
  'http-messages': 'Messages (raw HTTP)',
  'http-interactions': 'Interactions (raw HTTP)',
  'http-json': 'Raw HTTP request',
  tool: 'Tool invocation',
  'file-processor': 'File processor',
  unknown: 'Unknown request',
};

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Spec §3: tool → http → file processor → inference, by keys (the one shared rule). */
export { requestKindOf };

/** Normalise tool definitions of every supported format (OpenAI, Responses, Anthropic, Gemini). */
export function toolDefinitions(tools: unknown): ToolDef[] {
  const list = Array.isArray(tools) ? tools : tools === undefined || tools === null ? [] : [tools];
  const out: ToolDef[] = [];
  for (const t of list) {
    if (!isObj(t)) {
      out.push({ name: '(invalid definition)', type: null, description: null, schema: t, extra: null });
      continue;
    }
    const decls = t.function_declarations ?? t.functionDeclarations;
    if (Array.isArray(decls)) {
      for (const d of decls) out.push(flatTool(isObj(d) ? d : { name: '(invalid declaration)', value: d }, 'function'));
      continue;
    }
    if (isObj(t.function)) {
      const def = flatTool(t.function, str(t.type) ?? 'function');
      const outer = extraKeys(t, ['type', 'function']);
      if (outer) def.extra = { ...(def.extra ?? {}), ...outer };
      out.push(def);
      continue;
    }
    if (typeof t.name === 'string') {
      out.push(flatTool(t, str(t.type)));
      continue;
    }
    // built-in tools: {type: "web_search"}, {type: "file_search", vector_store_ids}, genai {google_search: {}}
    const type = str(t.type);
    const firstKey = Object.keys(t)[0] ?? '(empty)';
    out.push({ name: type ?? firstKey, type, description: null, schema: undefined, extra: extraKeys(t, ['type']) });
  }
  return out;
}

const SCHEMA_KEYS = ['parameters', 'input_schema', 'parameters_json_schema', 'parametersJsonSchema', 'inputSchema'];

function flatTool(t: Obj, type: string | null): ToolDef {
  const schemaKey = SCHEMA_KEYS.find((k) => t[k] !== undefined);
  return {
    name: str(t.name) ?? '(unnamed)',
    type,
    description: str(t.description),
    schema: schemaKey ? t[schemaKey] : undefined,
    extra: extraKeys(t, ['name', 'type', 'description', ...SCHEMA_KEYS]),
  };
}

function extraKeys(o: Obj, known: readonly string[]): Obj | null {
  const keys = Object.keys(o).filter((k) => !known.includes(k));
  if (keys.length === 0) return null;
  const extra: Obj = {};
  for (const k of keys) extra[k] = o[k];
  return extra;
}

function envelopeOf(request: Obj, keys: readonly string[], consumed: readonly string[]): Pick<RequestModel, 'envelope' | 'otherFields'> {
  const envelope: Array<[string, unknown]> = [];
  for (const k of keys) {
    if (!(k in request)) continue;
    const v = request[k];
    if (k === 'headers' && isObj(v) && Object.keys(v).length === 0) continue; // always {} (spec §3.1)
    envelope.push([k, v]);
  }
  return { envelope, otherFields: extraKeys(request, [...keys, ...consumed]) };
}

function entries(o: Obj, consumed: readonly string[]): Array<[string, unknown]> {
  return Object.keys(o).filter((k) => !consumed.includes(k)).map((k): [string, unknown] => [k, o[k]]);
}

const MODEL_LIST = /(^|\/)(models|api\/tags|api\/ps)$/;

function inferenceVariant(request: Obj, body: Obj): Variant {
  const endpoint = str(request.endpoint) ?? '';
  const path = endpoint || (str(request.url) ?? '');
  if (body.messages !== undefined) return 'chat';
  if (body.contents !== undefined) return /embed/i.test(path) ? 'embeddings' : 'genai';
  if (/responses$/.test(path) || (body.input !== undefined && body.instructions !== undefined)) return 'responses';
  if (body.input !== undefined) return 'embeddings';
  if (body.prompt !== undefined) return /embed/i.test(path) ? 'embeddings' : 'completion';
  if (MODEL_LIST.test(path.replace(/\/+$/, ''))) return 'model-list';
  return 'other';
}

function labelFor(request: Obj, variant: Variant): string {
  const endpoint = str(request.endpoint) ?? '';
  const known = ENDPOINT_LABELS[endpoint];
  if (known === undefined) return VARIANT_LABELS[variant];
  // trust the endpoint label unless the body says otherwise (spec §4.1: they can disagree)
  const agrees =
    (variant === 'chat' && /chat|completions$/.test(endpoint) && !/^\/v1\/completions$/.test(endpoint)) ||
    (variant === 'completion' && /completions$|generate$/.test(endpoint)) ||
    (variant === 'embeddings' && /embed/.test(endpoint)) ||
    (variant === 'model-list' && MODEL_LIST.test(endpoint)) ||
    (variant === 'genai' && /generate_content/.test(endpoint)) ||
    (variant === 'responses' && /responses/.test(endpoint)) ||
    variant === 'other';
  return agrees ? known : VARIANT_LABELS[variant];
}

function inferenceModel(request: Obj): RequestModel {
  const base = envelopeOf(request, ['method', 'url', 'endpoint', 'model', 'provider_metadata', 'headers', 'test_id'], ['body']);
  const notices: Notice[] = [];
  if (!('url' in request)) notices.push({ level: 'warning', text: 'The request has a body but no url.' });
  const body = request.body;
  if (!isObj(body)) {
    notices.push({ level: 'warning', text: `request.body is ${describe(body)}, not an object; shown as JSON.` });
    return { kind: 'inference', variant: 'other', label: labelFor(request, 'other'), request, ...base, notices, parameters: null, payload: body };
  }
  const variant = inferenceVariant(request, body);
  const label = labelFor(request, variant);
  const endpoint = str(request.endpoint);
  if (endpoint && ENDPOINT_LABELS[endpoint] !== undefined && label !== ENDPOINT_LABELS[endpoint]) {
    notices.push({ level: 'info', text: `The endpoint label is ${endpoint}, but the body is a ${VARIANT_LABELS[variant].toLowerCase()} request.` });
  }
  const model: RequestModel = { kind: 'inference', variant, label, request, ...base, notices, parameters: [] };
  switch (variant) {
    case 'chat': {
      model.conversation = body.messages;
      if (!Array.isArray(body.messages)) notices.push({ level: 'warning', text: `body.messages is ${describe(body.messages)}, not a list.` });
      takeTools(model, body, body.tools ?? body.functions);
      model.parameters = entries(body, ['messages', 'tools', 'functions', 'tool_choice', 'function_call', 'response_format']);
      break;
    }
    case 'completion': {
      model.prompt = body.prompt;
      const ollama = /^\/api\//.test(endpoint ?? '');
      if (ollama && body.system !== undefined) model.system = { label: 'System', value: body.system };
      if (ollama && body.images !== undefined) model.images = body.images;
      model.parameters = entries(body, ollama ? ['prompt', 'system', 'images'] : ['prompt']);
      break;
    }
    case 'embeddings': {
      const key = body.input !== undefined ? 'input' : body.contents !== undefined ? 'contents' : 'prompt';
      model.inputs = body[key];
      model.parameters = entries(body, [key]);
      break;
    }
    case 'genai': {
      model.conversation = body.contents;
      const params = entries(body, ['contents', 'config']);
      const config = body.config;
      if (isObj(config)) {
        const sys = config.system_instruction ?? config.systemInstruction;
        if (sys !== undefined && sys !== null) model.system = { label: 'System instruction', value: sys };
        if (config.tools !== undefined) model.tools = toolDefinitions(config.tools);
        if (config.tool_config !== undefined) model.toolChoice = config.tool_config;
        if (config.response_schema !== undefined || config.response_json_schema !== undefined) {
          model.responseFormat = config.response_json_schema ?? config.response_schema;
        }
        for (const [k, v] of entries(config, ['system_instruction', 'systemInstruction', 'tools', 'tool_config', 'response_schema', 'response_json_schema'])) {
          params.push([`config.${k}`, v]);
        }
      } else if (config !== undefined) params.push(['config', config]);
      model.parameters = params;
      break;
    }
    case 'responses': {
      model.conversation = body.input;
      if (body.instructions !== undefined && body.instructions !== null) model.system = { label: 'Instructions', value: body.instructions };
      takeTools(model, body, body.tools);
      model.parameters = entries(body, ['input', 'instructions', 'tools', 'tool_choice']);
      break;
    }
    default:
      model.parameters = entries(body, []);
  }
  return model;
}

function takeTools(model: RequestModel, holder: Obj, tools: unknown): void {
  if (tools !== undefined) model.tools = toolDefinitions(tools);
  const choice = holder.tool_choice ?? holder.function_call;
  if (choice !== undefined) model.toolChoice = choice;
  if (holder.response_format !== undefined) model.responseFormat = holder.response_format;
}

function httpModel(request: Obj): RequestModel {
  const base = envelopeOf(request, ['method', 'url', 'test_id', 'headers'], ['payload']);
  const notices: Notice[] = [];
  if (!('url' in request)) notices.push({ level: 'warning', text: 'The request has a payload but no url.' });
  const payload = request.payload;
  const url = str(request.url) ?? '';
  if (isObj(payload) && payload.messages !== undefined) {
    const model: RequestModel = { kind: 'http', variant: 'http-messages', label: /\/messages\b/.test(url) ? 'Anthropic Messages (raw HTTP)' : VARIANT_LABELS['http-messages'], request, ...base, notices, parameters: null };
    model.conversation = payload.messages;
    if (!Array.isArray(payload.messages)) notices.push({ level: 'warning', text: `payload.messages is ${describe(payload.messages)}, not a list.` });
    if (payload.system !== undefined) model.system = { label: 'System', value: payload.system };
    takeTools(model, payload, payload.tools);
    model.parameters = entries(payload, ['messages', 'system', 'tools', 'tool_choice', 'response_format']);
    return model;
  }
  if (isObj(payload) && payload.input !== undefined) {
    const model: RequestModel = { kind: 'http', variant: 'http-interactions', label: /interactions/.test(url) ? 'Gemini Interactions (raw HTTP)' : VARIANT_LABELS['http-interactions'], request, ...base, notices, parameters: null };
    model.conversation = payload.input;
    const sys = payload.system_instruction ?? payload.instructions;
    if (sys !== undefined) model.system = { label: 'System instruction', value: sys };
    takeTools(model, payload, payload.tools);
    model.parameters = entries(payload, ['input', 'system_instruction', 'instructions', 'tools', 'tool_choice', 'response_format']);
    return model;
  }
  const label = /rerank/i.test(url) ? 'Rerank (raw HTTP)' : VARIANT_LABELS['http-json'];
  return { kind: 'http', variant: 'http-json', label, request, ...base, notices, parameters: null, payload };
}

/** Analyse a request object (the value of a recording's `request`). */
export function analyzeRequest(request: unknown): RequestModel {
  const kind = requestKindOf(request);
  if (!isObj(request)) {
    return {
      kind: 'unknown', variant: 'unknown', label: VARIANT_LABELS.unknown, request: null, envelope: [], otherFields: null, parameters: null,
      notices: [{ level: 'warning', text: `The request is ${describe(request)}, not an object.` }], payload: request,
    };
  }
  switch (kind) {
    case 'tool': {
      const base = envelopeOf(request, ['provider', 'tool_name', 'test_id'], ['kwargs']);
      const notices: Notice[] = isObj(request.kwargs) ? [] : [{ level: 'warning', text: `kwargs is ${describe(request.kwargs)}, not an object.` }];
      return { kind, variant: 'tool', label: VARIANT_LABELS.tool, request, ...base, notices, parameters: null, kwargs: request.kwargs };
    }
    case 'http':
      return httpModel(request);
    case 'file-processor': {
      const base = envelopeOf(request, ['provider', 'api', 'file_id', 'test_id'], []);
      return { kind, variant: 'file-processor', label: VARIANT_LABELS['file-processor'], request, ...base, notices: [], parameters: null };
    }
    case 'inference':
      return inferenceModel(request);
    default:
      break;
  }
  // lenient fallbacks for damaged requests
  if ('body' in request) return inferenceModel(request);
  if ('payload' in request) return httpModel(request);
  return {
    kind: 'unknown', variant: 'unknown', label: VARIANT_LABELS.unknown, request, envelope: [], otherFields: null, parameters: null,
    notices: [{ level: 'warning', text: 'Unexpected request shape: none of body+url, payload+url, kwargs+tool_name or api="file_processors".' }],
    payload: request,
  };
}

/** Analyse a whole recording: finds `request` (or accepts a bare request object). */
export function analyzeRecord(record: unknown): RequestModel {
  if (isObj(record) && 'request' in record) return analyzeRequest(record.request);
  if (isObj(record) && requestKindOf(record) !== 'unknown') {
    const model = analyzeRequest(record);
    model.notices.unshift({ level: 'info', text: 'No top-level "request" key: the value itself is shown as the request.' });
    return model;
  }
  const model = analyzeRequest(undefined);
  model.payload = record;
  model.notices = [{
    level: 'warning',
    text: isObj(record) ? 'This recording has no "request" object.' : `The recording is ${describe(record)}, not an object with a "request".`,
  }];
  return model;
}
