// Defensive accessors for the parts of a recording the Responses view needs: the chat request
// (messages, tools, flags) and the turn's produced tool calls. Recordings are untrusted JSON.
import { asArray, asRecord, asString, isRecord, nonEmptyString, type Rec } from '../stream/json-util';

export type { Rec };
export { asArray, asRecord, asString, isRecord, nonEmptyString };

export interface ChatRequest {
  readonly body: Rec;
  readonly messages: readonly unknown[];
  readonly tools: readonly unknown[];
  readonly url: string;
  readonly model: string;
}

/** The chat-completions request of a recording, or undefined for any other kind. */
export function chatRequestOf(record: unknown): ChatRequest | undefined {
  const request = asRecord(asRecord(record)?.request);
  const body = asRecord(request?.body);
  if (!request || !body) return undefined;
  const messages = asArray(body.messages);
  if (!messages) return undefined;
  const url = asString(request.url) ?? '';
  const endpoint = asString(request.endpoint) ?? '';
  if (!/chat\/completions$/.test(endpoint) && !/chat\/completions(?:$|\?)/.test(url)) return undefined;
  return { body, messages, tools: asArray(body.tools) ?? [], url, model: asString(body.model) ?? '' };
}

export const testIdOf = (record: unknown): string | null => asString(asRecord(record)?.test_id) ?? null;

export const responseOf = (record: unknown): Rec | undefined => asRecord(asRecord(record)?.response);

export const isExceptionRecording = (record: unknown): boolean => responseOf(record)?.is_exception === true;

/** Responses turns are always requested with `stream: true` (spec §0). */
export const isStreamRequest = (req: ChatRequest): boolean => req.body.stream === true;

export interface ToolDef {
  readonly name: string;
  readonly description: string | null;
  readonly parameters: unknown;
  /** The inner `function` dict has its own `type` key: a Responses `function` tool dumped as-is. */
  readonly innerType: boolean;
  readonly raw: Rec;
}

export function toolDefs(req: ChatRequest): ToolDef[] {
  const out: ToolDef[] = [];
  for (const t of req.tools) {
    const fn = asRecord(asRecord(t)?.function);
    const name = nonEmptyString(fn?.name);
    if (!fn || name === undefined) continue;
    out.push({
      name,
      description: asString(fn.description) ?? null,
      parameters: fn.parameters ?? null,
      innerType: 'type' in fn,
      raw: fn,
    });
  }
  return out;
}

export interface MessageToolCall {
  readonly id: string | null;
  readonly name: string | null;
  readonly arguments: string;
}

export function messageToolCalls(m: unknown): MessageToolCall[] {
  const calls = asArray(asRecord(m)?.tool_calls) ?? [];
  return calls.map((c) => {
    const r = asRecord(c);
    const fn = asRecord(r?.function);
    const args = fn?.arguments;
    return {
      id: asString(r?.id) ?? null,
      name: asString(fn?.name) ?? null,
      arguments: typeof args === 'string' ? args : args === undefined || args === null ? '' : JSON.stringify(args),
    };
  });
}

export const roleOf = (m: unknown): string => asString(asRecord(m)?.role) ?? '';

/** `requests` key order differs between writers; compare content, not layout. */
export function stableStringify(v: unknown, depth = 0): string {
  if (depth > 200) return '"…"';
  if (Array.isArray(v)) return `[${v.map((x) => stableStringify(x, depth + 1)).join(',')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(v[k], depth + 1)}`).join(',')}}`;
  }
  const s = JSON.stringify(v);
  return s === undefined ? 'null' : s;
}

/** Provider family, for HEAD's reasoning support (vLLM, Ollama, Bedrock wrap reasoning; §3.6). */
export function providerOf(record: unknown, req: ChatRequest | undefined): string | null {
  const testId = testIdOf(record) ?? '';
  const m = /(?:^|[[\-:])txt=([A-Za-z0-9_.]+)\//.exec(testId);
  if (m) return m[1]!.toLowerCase();
  const meta = asRecord(asRecord(asRecord(record)?.request)?.provider_metadata);
  if (meta) {
    if ('vllm_server_version' in meta) return 'vllm';
    if ('ollama_sdk_version' in meta) return 'ollama';
    const p = asString(meta.provider);
    if (p) return p.toLowerCase();
  }
  const url = req?.url ?? '';
  if (/:11434\b/.test(url)) return 'ollama';
  if (/bedrock/i.test(url)) return 'bedrock';
  if (/api\.openai\.com/.test(url)) return 'openai';
  if (/azure/i.test(url)) return 'azure';
  return null;
}

/** Model id the Responses client used: `<provider>/<chat model>` when the test id shows it. */
export function clientModelOf(
  record: unknown,
  req: ChatRequest | undefined,
): { model: string; source: 'test-id' | 'chat-request' } {
  const chatModel = req?.model ?? '';
  const testId = testIdOf(record) ?? '';
  if (chatModel !== '') {
    const i = testId.indexOf(`/${chatModel}`);
    if (i > 0) {
      const before = testId.slice(0, i);
      const m = /txt=([A-Za-z0-9_.-]+)$/.exec(before);
      if (m) return { model: `${m[1]}/${chatModel}`, source: 'test-id' };
    }
  }
  return { model: chatModel, source: 'chat-request' };
}
