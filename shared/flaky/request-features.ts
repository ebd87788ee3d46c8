/**
 * What the flaky-recording tools need to know about one recording's request: its kind, endpoint,
 * model, turn position, the user input that identifies it ("anchor"), the parameters a test sets
 * on purpose, the previous answer it carries, and the exact object the recorder hashes.
 *
 * Turn position: the number of *model turns* already present in the conversation the request
 * sends — assistant messages for chat / Ollama chat / Anthropic `/v1/messages`, runs of
 * model-produced items (assistant messages, function/MCP calls, reasoning) in a Responses
 * `input` list, `model` entries in google-genai `contents`. A first call is turn 0, the call that
 * sends back a tool result is turn 1, and so on. Parallel tool results do not add turns, so a
 * re-recording in which the model called one tool instead of two stays in the same turn.
 */
import { get, isJsonObject, stringValue, type JsonValue } from '../json/json-value';
import { pythonUrlParse } from '../hash/python-url';
import { requestKind, type RequestKind } from '../hash/request-hash';
import { MODEL_LIST_ENDPOINTS } from '../hash/profiles';
import { canonicalText } from './request-diff';

/** The subset of `HashStatus` (shared/hash) / `HashInfo` (host api) these tools read. */
export interface HashStatusLike {
  status: 'current' | 'stale' | 'mismatch' | 'unverifiable';
  algorithm?: string;
  expectedName: string;
  explanation?: string;
}

export interface RequestFeatures {
  kind: RequestKind;
  /** test_id of the record (top level, else request.test_id); null when absent/null. */
  testId: string | null;
  /** Endpoint label: `request.endpoint`, else the URL path; `provider:tool` for tools. */
  endpoint: string;
  /** URL path as the recorder hashes it (inference), or of the raw-HTTP URL. */
  urlPath: string;
  netloc: string;
  model: string;
  modelList: boolean;
  turn: number;
  /** Responses API request chained with previous_response_id (turn counts only its own input). */
  chained: boolean;
  /** User-authored input, normalised to one string (what makes two requests of a test different). */
  anchor: string;
  /** Parameters a test sets on purpose (top-level scalars); absent keys are not listed. */
  params: Record<string, string>;
  /** The previous model answer the request sends back (last model turn), if any. */
  previousAnswer: AnswerSignature | null;
}

/** Comparable summary of one model answer (from a request's history or a recording's response). */
export interface AnswerSignature {
  text: string;
  toolCalls: Array<{ id: string | null; name: string | null; arguments: string }>;
}

const obj = (v: JsonValue | undefined) => (isJsonObject(v) ? v : undefined);
const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const str = (v: JsonValue | undefined): string => stringValue(v) ?? '';

/** Request body / payload (the part the recorder normalises). */
export function requestBody(request: JsonValue | undefined): JsonValue | undefined {
  const kind = requestKind(request);
  if (kind === 'http') return get(request, 'payload');
  if (kind === 'tool') return get(request, 'kwargs');
  return get(request, 'body');
}

export function recordTestId(record: JsonValue): string | null {
  const t = get(record, 'test_id') ?? get(get(record, 'request'), 'test_id');
  return typeof t === 'string' ? t : null;
}

/** Text of a message `content`: a string, or the text parts of a list (images as `[image]`). */
export function contentText(content: JsonValue | undefined, skipTypes: readonly string[] = []): string {
  if (typeof content === 'string') return content;
  const parts: string[] = [];
  for (const p of arr(content)) {
    if (typeof p === 'string') parts.push(p);
    else if (isJsonObject(p)) {
      const type = str(get(p, 'type'));
      if (skipTypes.includes(type)) continue;
      const text = stringValue(get(p, 'text'));
      if (text !== undefined) parts.push(text);
      else if (/image/.test(type) || get(p, 'image_url') !== undefined) parts.push('[image]');
      else if (get(p, 'inline_data') !== undefined || get(p, 'inlineData') !== undefined) parts.push('[data]');
    }
  }
  return parts.join('\n');
}

const MODEL_ITEM_TYPES = new Set(['function_call', 'mcp_call', 'mcp_list_tools', 'mcp_approval_request', 'reasoning', 'web_search_call', 'file_search_call', 'custom_tool_call']);

interface Conversation {
  users: string[];
  turns: number;
  previousAnswer: AnswerSignature | null;
}

/** Chat-style message lists (OpenAI chat, Ollama chat, Anthropic messages). */
function chatConversation(messages: JsonValue[]): Conversation {
  const users: string[] = [];
  let turns = 0;
  let previous: AnswerSignature | null = null;
  for (const m of messages) {
    const role = str(get(m, 'role'));
    if (role === 'user') {
      const t = contentText(get(m, 'content'), ['tool_result']);
      if (t !== '') users.push(t);
    } else if (role === 'assistant' || role === 'model') {
      turns++;
      previous = assistantSignature(m);
    }
  }
  return { users, turns, previousAnswer: previous };
}

function assistantSignature(m: JsonValue): AnswerSignature {
  const toolCalls: AnswerSignature['toolCalls'] = [];
  for (const tc of arr(get(m, 'tool_calls'))) {
    const fn = get(tc, 'function');
    const args = get(fn, 'arguments');
    toolCalls.push({ id: stringValue(get(tc, 'id')) ?? null, name: stringValue(get(fn, 'name')) ?? null, arguments: typeof args === 'string' ? args : args === undefined ? '' : canonicalText(args) });
  }
  const content = get(m, 'content');
  // Anthropic: tool_use blocks inside content
  for (const block of arr(content)) {
    if (str(get(block, 'type')) === 'tool_use') {
      const input = get(block, 'input');
      toolCalls.push({ id: stringValue(get(block, 'id')) ?? null, name: stringValue(get(block, 'name')) ?? null, arguments: input === undefined ? '' : canonicalText(input) });
    }
  }
  return { text: contentText(content, ['tool_use', 'thinking', 'redacted_thinking']), toolCalls };
}

/** Responses API `input` (string or item list). */
function responsesConversation(input: JsonValue | undefined): Conversation {
  if (typeof input === 'string') return { users: [input], turns: 0, previousAnswer: null };
  const users: string[] = [];
  let turns = 0;
  let inModelRun = false;
  let current: AnswerSignature | null = null;
  let previous: AnswerSignature | null = null;
  for (const item of arr(input)) {
    const type = str(get(item, 'type'));
    const role = str(get(item, 'role'));
    const model = role === 'assistant' || MODEL_ITEM_TYPES.has(type);
    if (model) {
      if (!inModelRun) {
        turns++;
        current = { text: '', toolCalls: [] };
        previous = current;
      }
      inModelRun = true;
      if (role === 'assistant') current!.text += contentText(get(item, 'content'));
      if (type === 'function_call' || type === 'custom_tool_call' || type === 'mcp_call') {
        current!.toolCalls.push({ id: stringValue(get(item, 'call_id')) ?? stringValue(get(item, 'id')) ?? null, name: stringValue(get(item, 'name')) ?? null, arguments: str(get(item, 'arguments')) });
      }
      continue;
    }
    inModelRun = false;
    if (role === 'user' || (type === 'message' && role === '')) {
      const t = contentText(get(item, 'content'));
      if (t !== '') users.push(t);
    }
  }
  return { users, turns, previousAnswer: previous };
}

/** google-genai `contents`: list of `{role, parts}` (or a plain string). */
function genaiConversation(contents: JsonValue | undefined): Conversation {
  if (typeof contents === 'string') return { users: [contents], turns: 0, previousAnswer: null };
  const users: string[] = [];
  let turns = 0;
  let previous: AnswerSignature | null = null;
  for (const c of arr(contents)) {
    if (typeof c === 'string') {
      users.push(c);
      continue;
    }
    const role = str(get(c, 'role'));
    const text = arr(get(c, 'parts')).map((p) => str(get(p, 'text'))).join('');
    if (role === 'model') {
      turns++;
      const calls = arr(get(c, 'parts')).map((p) => get(p, 'function_call') ?? get(p, 'functionCall')).filter((x): x is JsonValue => x !== undefined);
      previous = { text, toolCalls: calls.map((fc) => ({ id: stringValue(get(fc, 'id')) ?? null, name: stringValue(get(fc, 'name')) ?? null, arguments: canonicalText(get(fc, 'args') ?? null) })) };
    } else if (text !== '') users.push(text);
  }
  return { users, turns, previousAnswer: previous };
}

/** Top-level body keys whose value a test chooses on purpose; two requests that set one of them
 * to different values are different requests, not re-recordings. */
export const INTENT_PARAMS: readonly string[] = [
  'stream', 'parallel_tool_calls', 'temperature', 'top_p', 'top_k', 'max_tokens', 'max_completion_tokens', 'max_output_tokens',
  'n', 'seed', 'tool_choice', 'logprobs', 'top_logprobs', 'encoding_format', 'dimensions', 'store', 'think', 'reasoning_effort',
  'truncation', 'suffix', 'echo', 'stop', 'format',
];

function intentParams(body: JsonValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(body)) return out;
  for (const [k, v] of body.entries) {
    if (INTENT_PARAMS.includes(k)) out[k] = canonicalText(v);
  }
  const rf = get(body, 'response_format');
  if (isJsonObject(rf)) {
    out['response_format.type'] = str(get(rf, 'type'));
    const schemaName = stringValue(get(get(rf, 'json_schema'), 'name'));
    if (schemaName !== undefined) out['response_format.json_schema.name'] = schemaName;
  }
  const reasoning = get(body, 'reasoning');
  if (isJsonObject(reasoning)) out['reasoning.effort'] = canonicalText(get(reasoning, 'effort') ?? null);
  return out;
}

/** Features of a record (`{test_id, request, …}`); never throws. */
export function requestFeatures(record: JsonValue): RequestFeatures {
  const request = get(record, 'request');
  const kind = requestKind(request);
  const testId = recordTestId(record);
  const url = str(get(request, 'url'));
  const parts = pythonUrlParse(url);
  const body = requestBody(request);
  let endpoint = '';
  let model = '';
  let conv: Conversation = { users: [], turns: 0, previousAnswer: null };
  let anchor = '';
  let chained = false;
  switch (kind) {
    case 'inference':
    case 'http': {
      endpoint = kind === 'inference' ? str(get(request, 'endpoint')) || parts.path : parts.path || url;
      model = (kind === 'inference' ? str(get(request, 'model')) : '') || str(get(body, 'model'));
      const messages = get(body, 'messages');
      if (Array.isArray(messages)) conv = chatConversation(messages);
      else if (get(body, 'contents') !== undefined) conv = genaiConversation(get(body, 'contents'));
      else if (get(body, 'input') !== undefined && (endpoint.endsWith('/responses') || endpoint.includes('interactions'))) {
        conv = responsesConversation(get(body, 'input'));
        chained = get(body, 'previous_response_id') !== undefined || get(body, 'previous_interaction_id') !== undefined;
      } else {
        const input = get(body, 'input') ?? get(body, 'prompt') ?? get(body, 'query') ?? get(body, 'text');
        if (input !== undefined) conv = { users: [typeof input === 'string' ? input : canonicalText(input)], turns: 0, previousAnswer: null };
        const docs = get(body, 'documents') ?? get(body, 'items');
        if (docs !== undefined) conv.users.push(canonicalText(docs));
      }
      anchor = conv.users.join('\n\u241e\n');
      break;
    }
    case 'tool':
      endpoint = `${str(get(request, 'provider'))}:${str(get(request, 'tool_name'))}`;
      anchor = canonicalText(get(request, 'kwargs') ?? null);
      break;
    case 'file-processor':
      endpoint = `${str(get(request, 'provider'))}:file_processors`;
      anchor = str(get(request, 'file_id'));
      break;
    default:
      endpoint = '';
  }
  const label = str(get(request, 'endpoint'));
  const modelList = MODEL_LIST_ENDPOINTS.includes(label);
  return {
    kind,
    testId,
    endpoint,
    urlPath: parts.path,
    netloc: parts.netloc,
    model,
    modelList,
    turn: conv.turns,
    chained,
    anchor,
    params: kind === 'inference' || kind === 'http' ? intentParams(body) : {},
    previousAnswer: conv.previousAnswer,
  };
}

/** Two requests set the same intent parameter to different values (absent = not set = no conflict). */
export function paramsConflict(a: Record<string, string>, b: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(a)) {
    const w = b[k];
    if (w !== undefined && w !== v) out.push(k);
  }
  return out;
}

/** Does a request's previous answer continue this recorded answer? Tool-call ids are decisive
 * (providers mint random ones); without ids, names + arguments + text must agree. */
export function answersMatch(sent: AnswerSignature, recorded: AnswerSignature): boolean {
  const ids = (s: AnswerSignature) => s.toolCalls.map((t) => t.id).filter((x): x is string => x !== null && x !== '');
  const a = ids(sent);
  const b = ids(recorded);
  if (a.length > 0 && b.length > 0) return a.length === b.length && a.every((x, i) => x === b[i]);
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (sent.toolCalls.length !== recorded.toolCalls.length) return false;
  for (let i = 0; i < sent.toolCalls.length; i++) {
    const x = sent.toolCalls[i]!;
    const y = recorded.toolCalls[i]!;
    if (x.name !== y.name || normArgs(x.arguments) !== normArgs(y.arguments)) return false;
  }
  const ta = norm(sent.text);
  const tb = norm(recorded.text);
  if (sent.toolCalls.length === 0 && ta === '') return false; // nothing to compare
  return ta === tb;
}

function normArgs(s: string): string {
  try {
    return JSON.stringify(sortDeep(JSON.parse(s) as unknown));
  } catch {
    return s.trim();
  }
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Short one-line label of an anchor for display. */
export function anchorLabel(anchor: string, max = 60): string {
  const one = anchor.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Provider SDK version from `request.provider_metadata` (written since 2026-03), for recency. */
export function sdkVersion(record: JsonValue): number[] | null {
  const pm = obj(get(get(record, 'request'), 'provider_metadata'));
  if (pm === undefined) return null;
  for (const [k, v] of pm.entries) {
    if (k.endsWith('_sdk_version') && typeof v === 'string') {
      const nums = v.split(/[^0-9]+/).filter((s) => s !== '').map(Number);
      if (nums.length > 0) return nums;
    }
  }
  return [];
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Writer generation by top-level keys (§2): 0 `{request, response}`, 1 + test_id, 2 + id_normalization_mapping. */
export function writerGeneration(record: JsonValue): number {
  if (!isJsonObject(record)) return 0;
  const keys = new Set(record.entries.map((e) => e[0]));
  return keys.has('id_normalization_mapping') ? 2 : keys.has('test_id') ? 1 : 0;
}
