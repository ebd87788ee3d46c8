// Non-streamed bodies become a one-step timeline. Where there is an answer (chat, completion,
// Ollama, genai, Anthropic message, interaction, tool result) the step emits it, so the state
// after step 0 is the final answer; other bodies get a descriptive note.
import { emitAnthropicMessage, isAnthropicMessage } from './anthropic';
import type { Emit } from './builder';
import { emitChatPayload } from './chat-chunks';
import { emitGenai, isGenaiShape } from './genai';
import { emitInteractionBody, isInteractionBody } from './interactions';
import { asArray, asRecord, asString, describeValue, isFiniteNumber, isRecord, safeJson, unwrap, type Rec } from './json-util';
import { emitOllama, isOllamaShape } from './ollama';

export interface SingleBody {
  readonly variant: string;
  readonly kind: string;
  readonly emit: (e: Emit) => void;
}

const note = (text: string) => (e: Emit) => e.note(text);

export function classifySingleBody(body: unknown, status: unknown): SingleBody {
  if (body === null || body === undefined) return { variant: 'null', kind: 'null', emit: note('empty body') };
  if (Array.isArray(body)) return listBody(body);
  const { cls, data } = unwrap(body);
  if (cls !== undefined) return typedBody(cls, data);
  if (!isRecord(body)) return { variant: 'unknown', kind: describeValue(body), emit: note(`body is ${describeValue(body)}`) };
  if (isFiniteNumber(status) && status >= 400) return httpError(body, status);
  return plainBody(body, 'http-json');
}

function listBody(list: readonly unknown[]): SingleBody {
  const classes = new Set(list.map((x) => unwrap(x).cls));
  if (list.length > 0 && classes.size === 1 && classes.has('Model'))
    return { variant: 'model-list', kind: 'Model[]', emit: note(`${list.length} models`) };
  return { variant: 'list', kind: 'list', emit: note(`list of ${list.length} items`) };
}

function typedBody(cls: string, data: unknown): SingleBody {
  const d = asRecord(data);
  if (!d) return { variant: 'unknown', kind: cls, emit: note(`${cls} without an object __data__`) };
  switch (cls) {
    case 'ChatCompletion':
      return { variant: 'chat-completion', kind: cls, emit: (e) => emitChatPayload(d, e) };
    case 'Completion':
      return { variant: 'completion', kind: cls, emit: (e) => emitChatPayload(d, e) };
    case 'GenerateResponse':
      return { variant: 'ollama-generate', kind: cls, emit: (e) => emitOllama(d, e) };
    case 'ChatResponse':
      return { variant: 'ollama-chat', kind: cls, emit: (e) => emitOllama(d, e) };
    case 'CreateEmbeddingResponse': {
      const rows = asArray(d.data) ?? [];
      const first = asRecord(rows[0]);
      const dims = asArray(first?.embedding)?.length;
      return {
        variant: 'embeddings',
        kind: cls,
        emit: (e) => {
          e.note(`${rows.length} embedding(s)${dims !== undefined ? ` × ${dims} dims` : ''}`);
          e.usage(d.usage);
        },
      };
    }
    case 'EmbedResponse': {
      const n = asArray(d.embeddings)?.length ?? 0;
      return { variant: 'ollama-embed', kind: cls, emit: note(`${n} embedding(s)`) };
    }
    case 'ProcessResponse':
      return { variant: 'ollama-ps', kind: cls, emit: note(`${asArray(d.models)?.length ?? 0} running model(s)`) };
    case 'ListResponse':
      return { variant: 'ollama-tags', kind: cls, emit: note(`${asArray(d.models)?.length ?? 0} model(s)`) };
    case 'ToolInvocationResult':
      return { variant: 'tool-result', kind: cls, emit: (e) => emitToolResult(d, e) };
    case 'ProcessFileResponse':
      return { variant: 'file-processor', kind: cls, emit: note(`${asArray(d.chunks)?.length ?? 0} chunk(s)`) };
    default: {
      // Unknown class names are normal (§9): fall back to the shape.
      const p = plainBody(d, 'typed');
      return { ...p, kind: cls, variant: p.variant === 'typed' ? 'unknown' : p.variant };
    }
  }
}

function plainBody(d: Rec, fallback: string): SingleBody {
  if (isGenaiShape(d)) return { variant: 'genai', kind: 'dict', emit: (e) => emitGenai(d, e) };
  if (isAnthropicMessage(d)) return { variant: 'http-json:anthropic-message', kind: 'message', emit: (e) => emitAnthropicMessage(d, e) };
  if (isInteractionBody(d)) return { variant: 'http-json:gemini-interaction', kind: 'interaction', emit: (e) => emitInteractionBody(d, e) };
  if (Array.isArray(d.choices)) return { variant: 'chat-completion', kind: 'dict', emit: (e) => emitChatPayload(d, e) };
  if (isOllamaShape(d)) return { variant: 'ollama', kind: 'dict', emit: (e) => emitOllama(d, e) };
  if (d.type === 'error' && isRecord(d.error)) return httpError(d, undefined);
  return { variant: fallback, kind: 'dict', emit: note('no answer in this body') };
}

/** `{type:"error", error:{type,message}}` (Anthropic) or `{error:{code,message}}` (Google). */
function httpError(d: Rec, status: number | undefined): SingleBody {
  const err = asRecord(d.error);
  const type = asString(err?.type) ?? asString(err?.code) ?? asString(err?.status) ?? (status ? `HTTP ${status}` : 'error');
  const message = asString(err?.message) ?? asString(d.message) ?? safeJson(d);
  return {
    variant: 'http-json:error',
    kind: 'error',
    emit: (e) => e.error({ type, message, ...(status !== undefined ? { status } : {}) }),
  };
}

function emitToolResult(d: Rec, e: Emit): void {
  e.touch(0);
  const c = d.content;
  e.text(0, 'content', typeof c === 'string' ? c : c === null || c === undefined ? undefined : safeJson(c));
  const msg = asString(d.error_message);
  if (msg) e.error({ type: d.error_code == null ? 'ToolError' : typeof d.error_code === 'string' ? d.error_code : safeJson(d.error_code), message: msg });
}
