/**
 * Normalises the conversation of a request into one transcript model and links tool calls with
 * the messages that answer them. Understands OpenAI chat messages (also Ollama `/api/chat`),
 * Anthropic `/v1/messages` blocks, Gemini interactions `input`, google-genai `contents` and
 * OpenAI Responses `input` items. Pure and total: malformed input becomes `json` parts and issues.
 */
import { idSafe, isObj, sniffBase64Image } from './json-format';
import { analyzeRequest } from './request-model';

type Obj = Record<string, unknown>;

export type RoleClass = 'system' | 'user' | 'assistant' | 'tool' | 'developer' | 'other';

export type ToolArgs =
  /** Arguments string that parsed as JSON. */
  | { state: 'json'; value: unknown; raw: string }
  /** Arguments given as a structured value (Ollama, Anthropic `input`, genai `args`). */
  | { state: 'object'; value: unknown }
  | { state: 'invalid'; raw: string; error: string }
  | { state: 'empty' }
  | { state: 'missing' };

export interface ToolCallInfo {
  /** The call id as recorded (null when the format has none, e.g. Ollama, genai). */
  id: string | null;
  name: string;
  /** `type` of the call (`function`, `tool_use`, …) when recorded. */
  type: string | null;
  args: ToolArgs;
  /** Element id of the call block, unique within one transcript: `call-<id>`. */
  anchorId: string;
  /** 1-based number of the message holding the call. */
  messageNumber: number;
  /** Numbers of the messages answering this call, in order. */
  answeredBy: number[];
  /** Unrecognised keys of the call object. */
  extra: Obj | null;
}

export interface ToolLink {
  toolCallId: string | null;
  name: string | null;
  target: ToolCallInfo | null;
}

export type Part =
  | { kind: 'text'; text: string; label?: string }
  | { kind: 'image'; url: string | null; detail?: string; note?: string }
  | { kind: 'audio'; format: string | null; data: string | null; url?: string }
  | { kind: 'file'; filename: string | null; fileId: string | null; data: string | null; url?: string; mime?: string }
  | { kind: 'tool_call'; call: ToolCallInfo }
  | { kind: 'tool_result'; link: ToolLink; parts: Part[]; isError: boolean }
  | { kind: 'json'; label: string; value: unknown };

export interface TranscriptMessage {
  /** 1-based position in the list. */
  number: number;
  /** Element id: `msg-<number>`. */
  anchorId: string;
  role: string;
  roleClass: RoleClass;
  name: string | null;
  parts: Part[];
  /** For tool-role messages / function_call_output items: the call this message answers. */
  answers: ToolLink | null;
  /** Unrecognised keys of the message object. */
  extra: Obj | null;
  /** Set when the message itself had an unexpected shape. */
  issue: string | null;
}

export interface Transcript {
  messages: TranscriptMessage[];
  /** Tool call id → call (first call with that id). */
  callIndex: Map<string, ToolCallInfo>;
  /** Every tool call in order. */
  calls: ToolCallInfo[];
  /** Problems with the list as a whole (not a list, …). */
  issues: string[];
}

export function roleClassOf(role: string): RoleClass {
  switch (role.toLowerCase()) {
    case 'system':
      return 'system';
    case 'user':
    case 'human':
      return 'user';
    case 'assistant':
    case 'model':
    case 'ai':
      return 'assistant';
    case 'tool':
    case 'function':
    case 'ipython':
      return 'tool';
    case 'developer':
      return 'developer';
    default:
      return 'other';
  }
}

export function parseToolArguments(raw: unknown): ToolArgs {
  if (raw === undefined) return { state: 'missing' };
  if (typeof raw !== 'string') return { state: 'object', value: raw };
  if (raw.trim() === '') return { state: 'empty' };
  try {
    return { state: 'json', value: JSON.parse(raw) as unknown, raw };
  } catch (e) {
    return { state: 'invalid', raw, error: e instanceof Error ? e.message : String(e) };
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function pickExtra(o: Obj, known: readonly string[]): Obj | null {
  const extra: Obj = {};
  let any = false;
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) {
      extra[k] = o[k];
      any = true;
    }
  }
  return any ? extra : null;
}

/** Mutable state of one transcript build: anchors, calls and pending links. */
class Linker {
  readonly calls: ToolCallInfo[] = [];
  readonly callIndex = new Map<string, ToolCallInfo>();
  private readonly latestById = new Map<string, ToolCallInfo>();
  private readonly anchors = new Set<string>();
  private readonly deferred: Array<{ link: ToolLink; message: number }> = [];

  addCall(message: number, id: string | null, name: string, type: string | null, args: ToolArgs, extra: Obj | null): ToolCallInfo {
    const base = id !== null && id !== '' ? `call-${idSafe(id)}` : `call-m${message}-${this.calls.length + 1}`;
    let anchorId = base;
    for (let k = 2; this.anchors.has(anchorId); k++) anchorId = `${base}-${k}`;
    this.anchors.add(anchorId);
    const call: ToolCallInfo = { id, name, type, args, anchorId, messageNumber: message, answeredBy: [], extra };
    this.calls.push(call);
    if (id !== null && id !== '') {
      if (!this.callIndex.has(id)) this.callIndex.set(id, call);
      this.latestById.set(id, call);
    }
    return call;
  }

  /** Link an answer by id (latest preceding call with that id) or, without id, by name. */
  link(message: number, toolCallId: string | null, name: string | null): ToolLink {
    const link: ToolLink = { toolCallId, name, target: null };
    let target: ToolCallInfo | undefined;
    if (toolCallId !== null && toolCallId !== '') target = this.latestById.get(toolCallId);
    else if (name !== null) {
      const named = this.calls.filter((c) => c.name === name && c.messageNumber < message);
      target = named.find((c) => c.answeredBy.length === 0) ?? named[named.length - 1];
    }
    if (target) this.attach(link, target, message);
    else if (toolCallId !== null && toolCallId !== '') this.deferred.push({ link, message });
    return link;
  }

  /** Answers that came before their call (odd, but linkable). */
  finish(): void {
    for (const { link, message } of this.deferred) {
      const target = link.toolCallId !== null ? this.callIndex.get(link.toolCallId) : undefined;
      if (target) this.attach(link, target, message);
    }
  }

  private attach(link: ToolLink, target: ToolCallInfo, message: number): void {
    link.target = target;
    if (link.name === null) link.name = target.name;
    if (!target.answeredBy.includes(message)) target.answeredBy.push(message);
  }
}

function dataUrlFromBase64(data: string, mime: string | null, fallback = 'application/octet-stream'): string {
  return `data:${mime ?? sniffBase64Image(data) ?? fallback};base64,${data}`;
}

/** Content given as string / list / single part / other → parts. */
function contentParts(content: unknown, message: number, linker: Linker, label = 'content'): Part[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ kind: 'text', text: content }];
  if (Array.isArray(content)) return content.flatMap((p) => partOf(p, message, linker));
  if (isObj(content)) return partOf(content, message, linker);
  return [{ kind: 'json', label, value: content }];
}

function callFromPart(p: Obj, message: number, linker: Linker, args: unknown, known: readonly string[]): Part {
  const id = str(p.id) ?? str(p.call_id);
  const name = str(p.name) ?? '(unnamed)';
  const call = linker.addCall(message, id, name, str(p.type), parseToolArguments(args), pickExtra(p, known));
  return { kind: 'tool_call', call };
}

function resultFromPart(p: Obj, message: number, linker: Linker, content: unknown): Part {
  const id = str(p.tool_use_id) ?? str(p.call_id) ?? str(p.tool_call_id) ?? str(p.id);
  const link = linker.link(message, id, str(p.name));
  const parts = isObj(content) && !('type' in content) && !('text' in content)
    ? [{ kind: 'json' as const, label: 'result', value: content }]
    : contentParts(content, message, linker, 'result');
  return { kind: 'tool_result', link, parts, isError: p.is_error === true };
}

/** One content part / block of any supported format. */
function partOf(p: unknown, message: number, linker: Linker): Part[] {
  if (typeof p === 'string') return p === '' ? [] : [{ kind: 'text', text: p }];
  if (!isObj(p)) return [{ kind: 'json', label: 'part', value: p }];
  const type = str(p.type);
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return typeof p.text === 'string' ? [{ kind: 'text', text: p.text }] : [{ kind: 'json', label: type, value: p }];
    case 'refusal':
      return [{ kind: 'text', text: str(p.refusal) ?? '', label: 'refusal' }];
    case 'thinking':
      return [{ kind: 'text', text: str(p.thinking) ?? str(p.text) ?? '', label: 'thinking' }];
    case 'reasoning':
    case 'reasoning_text':
    case 'summary_text':
      return [{ kind: 'text', text: str(p.text) ?? str(p.reasoning) ?? '', label: 'reasoning' }];
    case 'redacted_thinking':
      return [{ kind: 'json', label: 'redacted thinking', value: p }];
    case 'image_url': {
      const iu = p.image_url;
      const url = isObj(iu) ? str(iu.url) : str(iu);
      const detail = isObj(iu) ? str(iu.detail) : null;
      return [{ kind: 'image', url, ...(detail ? { detail } : {}), ...(url === null ? { note: 'image_url without a url' } : {}) }];
    }
    case 'input_image': {
      const url = str(p.image_url);
      const fileId = str(p.file_id);
      const detail = str(p.detail);
      return [{ kind: 'image', url, ...(detail ? { detail } : {}), ...(url === null ? { note: fileId ? `file ${fileId}` : 'no image_url' } : {}) }];
    }
    case 'image': {
      const src = p.source;
      if (isObj(src)) {
        if (typeof src.data === 'string') return [{ kind: 'image', url: dataUrlFromBase64(src.data, str(src.media_type), 'image/png') }];
        if (typeof src.url === 'string') return [{ kind: 'image', url: src.url }];
      }
      if (typeof p.data === 'string') return [{ kind: 'image', url: dataUrlFromBase64(p.data, str(p.mime_type), 'image/png') }];
      if (typeof p.uri === 'string') return [{ kind: 'image', url: p.uri }];
      if (typeof p.url === 'string') return [{ kind: 'image', url: p.url }];
      return [{ kind: 'json', label: 'image', value: p }];
    }
    case 'input_audio': {
      const a = isObj(p.input_audio) ? p.input_audio : p;
      return [{ kind: 'audio', format: str(a.format), data: str(a.data) }];
    }
    case 'audio':
      return [{ kind: 'audio', format: str(p.mime_type) ?? str(p.format), data: str(p.data), ...(str(p.uri) ? { url: str(p.uri) as string } : {}) }];
    case 'file':
    case 'input_file': {
      const f = isObj(p.file) ? p.file : p;
      const url = str(f.file_url);
      return [{ kind: 'file', filename: str(f.filename), fileId: str(f.file_id), data: str(f.file_data), ...(url ? { url } : {}) }];
    }
    case 'document': {
      const src = isObj(p.source) ? p.source : {};
      const url = str(src.url);
      const mime = str(src.media_type);
      return [{ kind: 'file', filename: str(p.title), fileId: null, data: str(src.data), ...(url ? { url } : {}), ...(mime ? { mime } : {}) }];
    }
    case 'tool_use':
    case 'server_tool_use':
      return [callFromPart(p, message, linker, p.input, ['type', 'id', 'name', 'input'])];
    case 'function_call':
      return [callFromPart(p, message, linker, p.arguments ?? p.args, ['type', 'id', 'call_id', 'name', 'arguments', 'args'])];
    case 'tool_result':
    case 'function_result':
    case 'function_call_output':
      return [resultFromPart(p, message, linker, p.content ?? p.result ?? p.output)];
    default:
      break;
  }
  if (type === null) {
    // google-genai Part: exactly one of text / function_call / function_response / inline_data / …
    if (typeof p.text === 'string') return [{ kind: 'text', text: p.text, ...(p.thought === true ? { label: 'thought' } : {}) }];
    const fc = p.function_call ?? p.functionCall;
    if (isObj(fc)) return [callFromPart(fc, message, linker, fc.args, ['id', 'name', 'args'])];
    const fr = p.function_response ?? p.functionResponse;
    if (isObj(fr)) return [resultFromPart(fr, message, linker, fr.response)];
    const inline = p.inline_data ?? p.inlineData;
    if (isObj(inline) && typeof inline.data === 'string') {
      const mime = str(inline.mime_type) ?? str(inline.mimeType);
      if (mime === null || mime.startsWith('image/')) return [{ kind: 'image', url: dataUrlFromBase64(inline.data, mime, 'image/png') }];
      return [{ kind: 'file', filename: str(inline.display_name), fileId: null, data: inline.data, mime }];
    }
    const fileData = p.file_data ?? p.fileData;
    if (isObj(fileData)) {
      const url = str(fileData.file_uri) ?? str(fileData.fileUri);
      const mime = str(fileData.mime_type) ?? str(fileData.mimeType);
      return [{ kind: 'file', filename: str(fileData.display_name), fileId: null, data: null, ...(url ? { url } : {}), ...(mime ? { mime } : {}) }];
    }
  }
  return [{ kind: 'json', label: type ?? 'part', value: p }];
}

const MESSAGE_KEYS = [
  'role', 'content', 'parts', 'images', 'reasoning', 'reasoning_content', 'thinking', 'refusal',
  'tool_calls', 'function_call', 'tool_call_id', 'name',
] as const;

function openAiToolCall(tc: unknown, message: number, linker: Linker): Part {
  if (!isObj(tc)) return { kind: 'json', label: 'tool call (unexpected shape)', value: tc };
  const fn = isObj(tc.function) ? tc.function : isObj(tc.custom) ? tc.custom : null;
  const name = (fn ? str(fn.name) : null) ?? str(tc.name) ?? '(unnamed)';
  const args = fn ? (fn.arguments !== undefined ? fn.arguments : fn.input) : tc.arguments;
  const extraOuter = pickExtra(tc, ['id', 'type', 'function', 'custom', 'index', 'name', 'arguments']);
  const extraFn = fn ? pickExtra(fn, ['name', 'arguments', 'input']) : null;
  const extra = extraOuter || extraFn ? { ...(extraFn ?? {}), ...(extraOuter ?? {}) } : null;
  const call = linker.addCall(message, str(tc.id), name, str(tc.type), parseToolArguments(args), extra);
  return { kind: 'tool_call', call };
}

/** A chat-style message: OpenAI / Ollama / Anthropic / Gemini interactions / genai Content. */
function chatMessage(m: Obj, number: number, linker: Linker): TranscriptMessage {
  const role = str(m.role) ?? (m.role === undefined ? 'user' : String(m.role));
  const parts: Part[] = [];
  let issue: string | null = m.role === undefined ? 'message has no role (shown as user)' : null;
  for (const key of ['reasoning', 'reasoning_content', 'thinking'] as const) {
    const v = m[key];
    if (typeof v === 'string' && v !== '') parts.push({ kind: 'text', text: v, label: key.replace('_', ' ') });
    else if (v !== undefined && v !== null && v !== '') parts.push({ kind: 'json', label: key, value: v });
  }
  parts.push(...contentParts(m.content, number, linker));
  if (m.parts !== undefined) {
    if (Array.isArray(m.parts)) parts.push(...m.parts.flatMap((p) => partOf(p, number, linker)));
    else parts.push({ kind: 'json', label: 'parts', value: m.parts });
  }
  if (Array.isArray(m.images)) {
    for (const img of m.images) {
      if (typeof img === 'string') {
        parts.push({ kind: 'image', url: img.startsWith('data:') ? img : dataUrlFromBase64(img, null, 'image/png') });
      } else parts.push({ kind: 'json', label: 'image', value: img });
    }
  } else if (m.images !== undefined && m.images !== null) parts.push({ kind: 'json', label: 'images', value: m.images });
  if (typeof m.refusal === 'string' && m.refusal !== '') parts.push({ kind: 'text', text: m.refusal, label: 'refusal' });
  if (Array.isArray(m.tool_calls)) parts.push(...m.tool_calls.map((tc) => openAiToolCall(tc, number, linker)));
  else if (m.tool_calls !== undefined && m.tool_calls !== null) {
    parts.push({ kind: 'json', label: 'tool_calls', value: m.tool_calls });
    issue = 'tool_calls is not a list';
  }
  if (isObj(m.function_call)) parts.push(openAiToolCall({ function: m.function_call, type: 'function_call' }, number, linker));
  let answers: ToolLink | null = null;
  const toolCallId = str(m.tool_call_id);
  if (toolCallId !== null) answers = linker.link(number, toolCallId, null);
  else if (role === 'function' && typeof m.name === 'string') answers = linker.link(number, null, m.name);
  return {
    number,
    anchorId: `msg-${number}`,
    role,
    roleClass: roleClassOf(role),
    name: str(m.name),
    parts,
    answers,
    extra: pickExtra(m, MESSAGE_KEYS),
    issue,
  };
}

/** OpenAI Responses `input` items that are not messages: function calls, outputs, reasoning, … */
function responsesItem(m: Obj, number: number, linker: Linker): TranscriptMessage {
  const type = str(m.type) ?? '';
  const base = { number, anchorId: `msg-${number}`, name: null, issue: null };
  if (type === 'function_call' || type === 'custom_tool_call') {
    const call = linker.addCall(number, str(m.call_id) ?? str(m.id), str(m.name) ?? '(unnamed)', type,
      parseToolArguments(m.arguments ?? m.input), pickExtra(m, ['type', 'call_id', 'name', 'arguments', 'input']));
    return { ...base, role: 'assistant', roleClass: 'assistant', parts: [{ kind: 'tool_call', call }], answers: null, extra: null };
  }
  if (type === 'function_call_output' || type === 'custom_tool_call_output') {
    const answers = linker.link(number, str(m.call_id), null);
    return {
      ...base, role: 'tool', roleClass: 'tool', parts: contentParts(m.output, number, linker, 'output'), answers,
      extra: pickExtra(m, ['type', 'call_id', 'output']),
    };
  }
  if (type === 'reasoning') {
    const summary = Array.isArray(m.summary) ? m.summary.flatMap((p) => partOf(p, number, linker)) : [];
    const parts = summary.map((p): Part => (p.kind === 'text' ? { ...p, label: 'reasoning' } : p));
    return { ...base, role: 'assistant', roleClass: 'assistant', parts, answers: null, extra: pickExtra(m, ['type', 'summary']) };
  }
  return { ...base, role: type || 'item', roleClass: 'other', parts: [{ kind: 'json', label: type || 'item', value: m }], answers: null, extra: null };
}

/** Build a transcript from a list of messages / contents / input items (or a single string). */
export function transcriptFromList(list: unknown): Transcript {
  const linker = new Linker();
  const issues: string[] = [];
  let items: unknown[];
  if (Array.isArray(list)) items = list;
  else if (typeof list === 'string') items = [{ role: 'user', content: list }];
  else if (isObj(list)) {
    items = [list];
    issues.push('Expected a list of messages, found a single object.');
  } else {
    items = [];
    if (list !== undefined && list !== null) issues.push(`Expected a list of messages, found ${typeof list}.`);
  }
  const messages = items.map((item, i): TranscriptMessage => {
    const number = i + 1;
    if (typeof item === 'string') {
      return {
        number, anchorId: `msg-${number}`, role: 'user', roleClass: 'user', name: null,
        parts: item === '' ? [] : [{ kind: 'text', text: item }], answers: null, extra: null, issue: null,
      };
    }
    if (!isObj(item)) {
      return {
        number, anchorId: `msg-${number}`, role: 'invalid', roleClass: 'other', name: null,
        parts: [{ kind: 'json', label: 'message', value: item }], answers: null, extra: null,
        issue: `message is ${item === null ? 'null' : Array.isArray(item) ? 'a list' : `a ${typeof item}`}, not an object`,
      };
    }
    if (item.role === undefined && item.content === undefined && item.parts === undefined && typeof item.type === 'string') {
      return responsesItem(item, number, linker);
    }
    if (item.role === undefined && item.content === undefined && item.parts === undefined) {
      // a bare part (genai accepts a list of parts as one user turn)
      return {
        number, anchorId: `msg-${number}`, role: 'user', roleClass: 'user', name: null,
        parts: partOf(item, number, linker), answers: null, extra: null, issue: null,
      };
    }
    return chatMessage(item, number, linker);
  });
  linker.finish();
  return { messages, callIndex: linker.callIndex, calls: linker.calls, issues };
}

/** The transcript of a request (inference body or raw-HTTP payload); empty when it has none. */
export function buildTranscript(request: unknown): Transcript {
  return transcriptFromList(analyzeRequest(request).conversation ?? []);
}
