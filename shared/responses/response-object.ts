// The `response` object carried by created / in_progress / terminal events (§6), usage
// accumulation across turns (§6.3) and the `response.failed` error mapping (§3.8).
import type { Features } from './versions';
import type { OutputItem, ResponseError, ResponseObject, Usage } from './event-types';
import { asRecord, asString, type ChatRequest, type Rec } from './recording';
import type { ToolDef } from './recording';
import type { ToolKind } from './tool-kinds';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Sums token counts over every usage-bearing chunk; detail fields take the latest non-null value. */
export class UsageAccumulator {
  private input = 0;
  private output = 0;
  private total = 0;
  private seen = false;
  private cached: number | null = null;
  private reasoning: number | null = null;

  add(usage: unknown): void {
    const u = asRecord(usage);
    if (!u) return;
    this.seen = true;
    this.input += num(u.prompt_tokens) ?? 0;
    this.output += num(u.completion_tokens) ?? 0;
    this.total += num(u.total_tokens) ?? 0;
    const c = num(asRecord(u.prompt_tokens_details)?.cached_tokens);
    if (c !== null) this.cached = c;
    const r = num(asRecord(u.completion_tokens_details)?.reasoning_tokens);
    if (r !== null) this.reasoning = r;
  }

  get completionTokens(): number {
    return this.output;
  }

  value(f: Features): Usage | null {
    if (!this.seen) return null;
    const always = f.usageDetailsAlways;
    return {
      input_tokens: this.input,
      output_tokens: this.output,
      total_tokens: this.total,
      input_tokens_details: this.cached !== null || always ? { cached_tokens: this.cached ?? 0 } : null,
      output_tokens_details: this.reasoning !== null || always ? { reasoning_tokens: this.reasoning ?? 0 } : null,
    };
  }
}

export interface ResponseContext {
  readonly id: string;
  readonly model: string;
  readonly tools: readonly Readonly<Record<string, unknown>>[];
  readonly request: ChatRequest | undefined;
  readonly serviceTier: string | null;
}

/** The Responses `tools` list as far as the chat request shows it (reconstructed). */
export function reconstructTools(
  defs: readonly ToolDef[],
  kindOf: (name: string) => ToolKind | 'unknown',
  mcpLabel: string,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let mcp = false;
  let fileSearch = false;
  for (const d of defs) {
    const k = kindOf(d.name);
    if (k === 'file_search') {
      if (!fileSearch) out.push({ type: 'file_search', vector_store_ids: [] });
      fileSearch = true;
    } else if (k === 'web_search') out.push({ type: 'web_search' });
    else if (k === 'mcp') {
      if (!mcp) out.push({ type: 'mcp', server_label: mcpLabel });
      mcp = true;
    } else
      out.push({
        type: 'function',
        name: d.name,
        description: d.description,
        parameters: d.parameters ?? null,
        strict: (d.raw.strict as boolean | null | undefined) ?? null,
      });
  }
  return out;
}

export interface SnapshotState {
  readonly status: ResponseObject['status'];
  readonly output: readonly OutputItem[];
  readonly usage: Usage | null;
  readonly error: ResponseError | null;
  readonly incompleteReason: string | null;
}

export function snapshot(ctx: ResponseContext, f: Features, s: SnapshotState): ResponseObject {
  const body: Rec = ctx.request?.body ?? {};
  const base: ResponseObject = {
    id: ctx.id,
    object: 'response',
    created_at: 0,
    model: ctx.model,
    status: s.status,
    output: [...s.output],
    text: { format: { type: 'text' } },
    tools: [...ctx.tools],
    error: s.error,
    usage: s.usage,
    parallel_tool_calls:
      f.responseFields === 'head' ? (typeof body.parallel_tool_calls === 'boolean' ? body.parallel_tool_calls : true) : false,
    previous_response_id: null,
    temperature: num(body.temperature),
    top_p: f.responseFields === 'head' ? (num(body.top_p) ?? 1.0) : null,
    truncation: f.responseFields === 'head' ? 'disabled' : null,
  };
  if (f.responseFields !== 'head') return base;
  const effort = asString(body.reasoning_effort) ?? null;
  return {
    ...base,
    background: false,
    completed_at: s.status === 'completed' ? 0 : null,
    frequency_penalty: num(body.frequency_penalty) ?? 0.0,
    presence_penalty: num(body.presence_penalty) ?? 0.0,
    top_logprobs: num(body.top_logprobs) ?? 0,
    tool_choice: asString(body.tool_choice) ?? 'auto',
    incomplete_details: f.incompleteDetails && s.incompleteReason !== null ? { reason: s.incompleteReason } : null,
    instructions: null,
    prompt: null,
    prompt_cache_key: null,
    max_tool_calls: null,
    max_output_tokens: num(body.max_completion_tokens) ?? num(body.max_tokens),
    reasoning: effort !== null ? { effort, summary: null } : null,
    safety_identifier: null,
    service_tier: ctx.serviceTier ?? 'default',
    metadata: null,
    store: true,
  };
}

/** The 18 OpenAI `ResponseError` codes HEAD keeps (`_VALID_RESPONSE_ERROR_CODES`). */
export const VALID_RESPONSE_ERROR_CODES: readonly string[] = [
  'server_error',
  'rate_limit_exceeded',
  'invalid_prompt',
  'vector_store_timeout',
  'invalid_image',
  'invalid_image_format',
  'invalid_base64_image',
  'invalid_image_url',
  'image_too_large',
  'image_too_small',
  'image_parse_error',
  'image_content_policy_violation',
  'invalid_image_mode',
  'image_file_too_large',
  'unsupported_image_media_type',
  'empty_image_file',
  'failed_to_download_image',
  'image_file_not_found',
];

/** `response.failed` error from a recorded exception (§3.8). */
export function errorFromException(response: Rec | undefined, f: Features): ResponseError {
  const data = asRecord(response?.exception_data);
  const text = asString(data?.message) ?? asString(response?.exception_message) ?? 'exception';
  if (f.errorCodes === 'internal_error') return { code: 'internal_error', message: text };
  if (asString(data?.category) === 'provider_sdk') {
    const body = asRecord(data?.body);
    const err = asRecord(body?.error);
    let code = asString(err?.code) ?? asString(body?.code) ?? 'server_error';
    if (code === 'invalid_base64') code = 'invalid_base64_image';
    if (!VALID_RESPONSE_ERROR_CODES.includes(code)) code = 'server_error';
    const message = asString(err?.message) ?? asString(body?.message) ?? text;
    return { code, message };
  }
  return { code: 'server_error', message: 'An unexpected error occurred while generating the response.' };
}
