// Every corpus chain, at both versions, produces events whose fields have the types that the
// official `openai` package declares for Responses stream events:
//  1. type level: `toOpenAI` assigns each derived event to `ResponseStreamEvent` through a
//     discriminated switch, checked by tsc (tsconfig.node.json). Only llama-stack's documented
//     deviations are patched, each through `gap(…)` naming the spec section;
//  2. runtime: required keys per emitted type, written by hand from openai's responses.d.ts
//     (v6), checked on every event, with the same documented absences.
// It also runs the inspector checks of spec §7 on every derived stream.
import type * as OA from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { buildChains } from './chains';
import { extractCitations } from './citations';
import { deriveEvents, type DerivedStream } from './events';
import type { Logprob, OutputItem, ResponseObject, ResponsesStreamEvent, SyntheticEvent, Usage, Version } from './event-types';
import { corpusInputs, corpusProfile } from './test-fixtures.test';

// ---- 1. type level ----

/** A value llama-stack does not send; `why` cites the spec. Used only to satisfy openai's types. */
function gap<T>(value: T, why: string): T {
  void why;
  return value;
}

const lp = (l: Logprob): OA.ResponseOutputText.Logprob => ({
  ...l,
  bytes: l.bytes ?? gap([], 'chat logprobs may carry bytes: null'),
  top_logprobs: l.top_logprobs.map((t) => ({ ...t, bytes: t.bytes ?? gap([], 'chat logprobs may carry bytes: null') })),
});

function textPart(
  p: Extract<OutputItem, { type: 'message' }>['content'][number],
): OA.ResponseOutputText | OA.ResponseOutputRefusal {
  if (p.type === 'refusal') return p;
  return { ...p, logprobs: p.logprobs?.map(lp) ?? gap(undefined, 'V2510: output_text logprobs is null (§9)') };
}

function item(i: OutputItem): OA.ResponseOutputItem {
  switch (i.type) {
    case 'message':
      return {
        ...i,
        id: i.id ?? gap('', 'HEAD guardrail refusal message has no id (§3.7)'),
        status: i.status ?? gap('completed' as const, 'HEAD guardrail refusal message has no status (§3.7)'),
        content: i.content.map(textPart),
      };
    case 'function_call':
    case 'file_search_call':
    case 'mcp_call':
    case 'mcp_list_tools':
    case 'mcp_approval_request':
    case 'reasoning':
      return i;
    case 'web_search_call':
      return { ...i, action: gap({ type: 'search', query: '' }, 'llama-stack web_search_call has no action (§1.3)') };
  }
}

function usage(u: Usage | null): OA.ResponseUsage | undefined {
  if (u === null) return gap(undefined, 'usage is null when no chunk reported usage (§6.3)');
  return {
    ...u,
    input_tokens_details: {
      cache_write_tokens: gap(0, 'not a llama-stack field'),
      ...(u.input_tokens_details ?? gap({ cached_tokens: 0 }, 'V2510: details null when the provider omits them (§6.3)')),
    },
    output_tokens_details:
      u.output_tokens_details ?? gap({ reasoning_tokens: 0 }, 'V2510: details null when the provider omits them (§6.3)'),
  };
}

function response(r: ResponseObject): OA.Response {
  return {
    ...r,
    output: r.output.map(item),
    output_text: gap('', 'output_text is computed by the client, not sent (§6.2)'),
    usage: usage(r.usage),
    error: r.error as OA.ResponseError | null, // V2510 sends `internal_error`, not an openai code (§3.8); checked at runtime for HEAD
    tools: gap(r.tools as unknown as OA.Tool[], 'reconstructed from the chat request, untyped'),
    incomplete_details:
      (r.incomplete_details as OA.Response.IncompleteDetails | null | undefined) ??
      gap(null, 'V2510 has no incomplete_details (§6.1)'),
    instructions: r.instructions ?? gap(null, 'V2510 has no instructions field (§6.1)'),
    metadata: r.metadata ?? gap(null, 'V2510 has no metadata field (§6.1)'),
    // copied from the chat request / provider as strings; openai narrows them to enums
    tool_choice: (r.tool_choice ?? gap('auto', 'V2510 has no tool_choice field (§6.1)')) as OA.ToolChoiceOptions,
    service_tier: r.service_tier as OA.Response['service_tier'],
    reasoning: r.reasoning as OA.Response['reasoning'],
  };
}

function part(
  p: Extract<ResponsesStreamEvent, { type: 'response.content_part.added' }>['part'],
): OA.ResponseContentPartAddedEvent['part'] {
  if (p.type === 'output_text') return textPart(p);
  return p;
}

const ITEM_REF_GAP = 'llama-stack sends sequence_number only (§1.1)';

export function toOpenAI(e: ResponsesStreamEvent): OA.ResponseStreamEvent {
  switch (e.type) {
    case 'response.created':
      return {
        ...e,
        sequence_number: e.sequence_number ?? gap(0, 'V2510: created has no sequence_number (§1.1)'),
        response: response(e.response),
      };
    case 'response.completed':
      return {
        ...e,
        sequence_number: e.sequence_number ?? gap(0, 'V2510: completed has no sequence_number (§1.1)'),
        response: response(e.response),
      };
    case 'response.in_progress':
      return { ...e, response: response(e.response) };
    case 'response.incomplete':
      return { ...e, response: response(e.response) };
    case 'response.failed':
      return { ...e, response: response(e.response) };
    case 'response.output_item.added':
      return { ...e, item: item(e.item) };
    case 'response.output_item.done':
      return { ...e, item: item(e.item) };
    case 'response.content_part.added':
      return { ...e, part: part(e.part) };
    case 'response.content_part.done':
      return { ...e, part: part(e.part) };
    case 'response.output_text.delta':
      return { ...e, logprobs: e.logprobs ?? gap([], 'V2510: text deltas carry no logprobs (§1.1)') };
    case 'response.reasoning_text.delta':
    case 'response.reasoning_text.done':
    case 'response.refusal.delta':
    case 'response.refusal.done':
    case 'response.function_call_arguments.delta':
    case 'response.mcp_call.in_progress':
      return e;
    case 'response.function_call_arguments.done':
      return { ...e, name: gap('', 'llama-stack sends no name on arguments.done (§1.1)') };
    case 'response.mcp_call.arguments.delta':
      return {
        ...e,
        type: gap('response.mcp_call_arguments.delta' as const, 'openai-node spells it mcp_call_arguments (§1.1, §4.5)'),
      };
    case 'response.mcp_call.arguments.done':
      return { ...e, type: gap('response.mcp_call_arguments.done' as const, 'openai-node spells it mcp_call_arguments (§1.1)') };
    case 'response.mcp_list_tools.in_progress':
    case 'response.mcp_list_tools.completed':
    case 'response.mcp_call.completed':
    case 'response.mcp_call.failed':
      return { ...e, item_id: gap('', ITEM_REF_GAP), output_index: gap(0, ITEM_REF_GAP) };
    case 'response.file_search_call.in_progress':
    case 'response.file_search_call.searching':
    case 'response.file_search_call.completed':
    case 'response.web_search_call.in_progress':
    case 'response.web_search_call.searching':
    case 'response.web_search_call.completed':
      return e;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** Synthetic events (§5.6) map too, with the sequence number they by definition lack. */
export function syntheticToOpenAI(e: SyntheticEvent): OA.ResponseStreamEvent {
  const seq = gap(0, 'synthetic events have no sequence number (§5.6)');
  if (e.type === 'response.output_text.done') return { ...e, sequence_number: seq, logprobs: gap([], 'not a llama-stack event') };
  return { ...e, sequence_number: seq };
}

// ---- 2. runtime: required keys from openai's responses.d.ts (v6), by hand ----

type Kind = 'string' | 'number' | 'array' | 'object' | 'object|null' | 'string|null' | 'number|null' | 'boolean' | 'unknown';
type Shape = Readonly<Record<string, Kind>>;

const SEQ: Shape = { type: 'string', sequence_number: 'number' };
const ITEM_REF: Shape = { ...SEQ, item_id: 'string', output_index: 'number' };

/** openai type name → its required keys (optional ones such as `logprobs?` are left out). */
const EVENT_REQUIRED: Readonly<Record<string, Shape>> = {
  'response.created': { ...SEQ, response: 'object' },
  'response.in_progress': { ...SEQ, response: 'object' },
  'response.completed': { ...SEQ, response: 'object' },
  'response.incomplete': { ...SEQ, response: 'object' },
  'response.failed': { ...SEQ, response: 'object' },
  'response.output_item.added': { ...SEQ, item: 'object', output_index: 'number' },
  'response.output_item.done': { ...SEQ, item: 'object', output_index: 'number' },
  'response.content_part.added': { ...ITEM_REF, content_index: 'number', part: 'object' },
  'response.content_part.done': { ...ITEM_REF, content_index: 'number', part: 'object' },
  'response.output_text.delta': { ...ITEM_REF, content_index: 'number', delta: 'string', logprobs: 'array' },
  'response.reasoning_text.delta': { ...ITEM_REF, content_index: 'number', delta: 'string' },
  'response.reasoning_text.done': { ...ITEM_REF, content_index: 'number', text: 'string' },
  'response.refusal.delta': { ...ITEM_REF, content_index: 'number', delta: 'string' },
  'response.refusal.done': { ...ITEM_REF, content_index: 'number', refusal: 'string' },
  'response.function_call_arguments.delta': { ...ITEM_REF, delta: 'string' },
  'response.function_call_arguments.done': { ...ITEM_REF, arguments: 'string', name: 'string' },
  'response.mcp_call_arguments.delta': { ...ITEM_REF, delta: 'string' },
  'response.mcp_call_arguments.done': { ...ITEM_REF, arguments: 'string' },
  'response.mcp_list_tools.in_progress': ITEM_REF,
  'response.mcp_list_tools.completed': ITEM_REF,
  'response.mcp_call.in_progress': ITEM_REF,
  'response.mcp_call.completed': ITEM_REF,
  'response.mcp_call.failed': ITEM_REF,
  'response.file_search_call.in_progress': ITEM_REF,
  'response.file_search_call.searching': ITEM_REF,
  'response.file_search_call.completed': ITEM_REF,
  'response.web_search_call.in_progress': ITEM_REF,
  'response.web_search_call.searching': ITEM_REF,
  'response.web_search_call.completed': ITEM_REF,
};

const ITEM_REQUIRED: Readonly<Record<string, Shape>> = {
  message: { type: 'string', id: 'string', role: 'string', status: 'string', content: 'array' },
  function_call: { type: 'string', call_id: 'string', name: 'string', arguments: 'string' },
  file_search_call: { type: 'string', id: 'string', queries: 'array', status: 'string' },
  web_search_call: { type: 'string', id: 'string', status: 'string', action: 'object' },
  mcp_call: { type: 'string', id: 'string', arguments: 'string', name: 'string', server_label: 'string' },
  mcp_list_tools: { type: 'string', id: 'string', server_label: 'string', tools: 'array' },
  mcp_approval_request: { type: 'string', id: 'string', arguments: 'string', name: 'string', server_label: 'string' },
  reasoning: { type: 'string', id: 'string', summary: 'array' },
};

const PART_REQUIRED: Readonly<Record<string, Shape>> = {
  output_text: { type: 'string', text: 'string', annotations: 'array' },
  refusal: { type: 'string', refusal: 'string' },
  reasoning_text: { type: 'string', text: 'string' },
};

const RESPONSE_REQUIRED: Shape = {
  id: 'string',
  created_at: 'number',
  output_text: 'string',
  error: 'object|null',
  incomplete_details: 'object|null',
  instructions: 'string|null',
  metadata: 'object|null',
  model: 'string',
  object: 'string',
  output: 'array',
  parallel_tool_calls: 'boolean',
  temperature: 'number|null',
  tool_choice: 'unknown',
  tools: 'array',
  top_p: 'number|null',
};
/** Optional in openai, but typed: when llama-stack sends them they must fit. */
const RESPONSE_OPTIONAL: Shape = {
  status: 'string',
  usage: 'object',
  completed_at: 'number|null',
  background: 'boolean',
  max_output_tokens: 'number|null',
  top_logprobs: 'number|null',
};
const USAGE_REQUIRED: Shape = {
  input_tokens: 'number',
  output_tokens: 'number',
  total_tokens: 'number',
  input_tokens_details: 'object',
  output_tokens_details: 'object',
};

/** openai-required keys llama-stack does not send, per version (spec section in the comment). */
const ABSENT: Readonly<Record<Version, Readonly<Record<string, readonly string[]>>>> = {
  V2510: {
    'response.created': ['sequence_number'], // §1.1
    'response.completed': ['sequence_number'], // §1.1
    'response.output_text.delta': ['logprobs'], // §1.1, §9
    'response.function_call_arguments.done': ['name'], // §1.1
    'response.mcp_list_tools.in_progress': ['item_id', 'output_index'], // §1.1
    'response.mcp_list_tools.completed': ['item_id', 'output_index'],
    'response.mcp_call.completed': ['item_id', 'output_index'],
    'response.mcp_call.failed': ['item_id', 'output_index'],
    'item:web_search_call': ['action'], // §1.3
    response: ['output_text', 'incomplete_details', 'instructions', 'metadata', 'tool_choice'], // §6.1, §6.2
  },
  HEAD: {
    'response.function_call_arguments.done': ['name'],
    'response.mcp_list_tools.in_progress': ['item_id', 'output_index'],
    'response.mcp_list_tools.completed': ['item_id', 'output_index'],
    'response.mcp_call.completed': ['item_id', 'output_index'],
    'response.mcp_call.failed': ['item_id', 'output_index'],
    'item:web_search_call': ['action'],
    response: ['output_text'], // §6.2
  },
};

function kindOk(v: unknown, k: Kind): boolean {
  switch (k) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'object|null':
      return v === null || kindOk(v, 'object');
    case 'string|null':
      return v === null || typeof v === 'string';
    case 'number|null':
      return v === null || typeof v === 'number';
    case 'unknown':
      return true;
  }
}

function checkShape(
  where: string,
  obj: unknown,
  shape: Shape,
  absent: readonly string[],
  out: string[],
  nullable: readonly string[] = [],
): void {
  const o = obj as Record<string, unknown>;
  for (const [key, kind] of Object.entries(shape)) {
    if (!(key in o)) {
      if (!absent.includes(key)) out.push(`${where}: missing ${key}`);
      continue;
    }
    if (o[key] === null && nullable.includes(key)) continue;
    if (!kindOk(o[key], kind)) out.push(`${where}: ${key} is ${JSON.stringify(o[key])?.slice(0, 40)}, expected ${kind}`);
  }
}

function checkItem(where: string, it: OutputItem, v: Version, out: string[]): void {
  const shape = ITEM_REQUIRED[it.type];
  if (!shape) {
    out.push(`${where}: item type ${it.type} not in openai's ResponseOutputItem`);
    return;
  }
  // the HEAD guardrail refusal message has id and status null (§3.7)
  const nullable = it.type === 'message' && it.content.some((p) => p.type === 'refusal') ? ['id', 'status'] : [];
  checkShape(`${where} item ${it.type}`, it, shape, ABSENT[v][`item:${it.type}`] ?? [], out, nullable);
  if (it.type === 'message') {
    for (const p of it.content) {
      checkShape(`${where} content ${p.type}`, p, PART_REQUIRED[p.type]!, [], out);
      if (p.type === 'output_text' && p.logprobs !== null && !Array.isArray(p.logprobs))
        out.push(`${where}: logprobs not an array`);
      if (p.type === 'output_text' && p.logprobs === null && v === 'HEAD') out.push(`${where}: HEAD logprobs null`);
    }
  }
  if (it.type === 'file_search_call') {
    for (const r of it.results ?? []) {
      for (const [k, val] of Object.entries(r.attributes))
        if (!['string', 'number', 'boolean'].includes(typeof val)) out.push(`${where}: attribute ${k} not scalar`);
      if (typeof r.score !== 'number' || typeof r.text !== 'string' || typeof r.file_id !== 'string')
        out.push(`${where}: result fields`);
    }
  }
}

function checkResponse(where: string, r: ResponseObject, v: Version, out: string[]): void {
  checkShape(`${where} response`, r, RESPONSE_REQUIRED, ABSENT[v]['response'] ?? [], out);
  checkShape(`${where} response`, r, RESPONSE_OPTIONAL, Object.keys(RESPONSE_OPTIONAL), out, ['usage']);
  if (r.usage)
    checkShape(
      `${where} usage`,
      r.usage,
      USAGE_REQUIRED,
      [],
      out,
      v === 'V2510' ? ['input_tokens_details', 'output_tokens_details'] : [],
    );
  if (r.error && v === 'HEAD' && !OPENAI_ERROR_CODES.includes(r.error.code))
    out.push(`${where}: error code ${r.error.code} not an openai code`);
  r.output.forEach((it, i) => checkItem(`${where} output[${i}]`, it, v, out));
}

// Written out from the openai package's `ResponseError['code']` union (a type, absent at run time), not
// imported from response-object.ts: the test checks that list against this independent one.
const OPENAI_ERROR_CODES = [
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
const openaiName = (t: string): string => t.replace('response.mcp_call.arguments.', 'response.mcp_call_arguments.');

function runtimeProblems(s: DerivedStream): string[] {
  const out: string[] = [];
  s.events.forEach(({ event }, i) => {
    const where = `${s.chainId} ${s.version} #${i} ${event.type}`;
    const shape = EVENT_REQUIRED[openaiName(event.type)];
    if (!shape) {
      out.push(`${where}: not an openai event type`);
      return;
    }
    checkShape(where, event, shape, ABSENT[s.version][event.type] ?? [], out);
    const e = event as unknown as Record<string, unknown>;
    if ('response' in e) checkResponse(where, e.response as ResponseObject, s.version, out);
    if ('item' in e) checkItem(where, e.item as OutputItem, s.version, out);
    if ('part' in e) {
      const p = e.part as { type: string; logprobs?: unknown };
      const ps = PART_REQUIRED[p.type];
      if (!ps) out.push(`${where}: part type ${p.type}`);
      else checkShape(`${where} part`, p, ps, [], out);
      if (p.type === 'output_text' && !(Array.isArray(p.logprobs) || (s.version === 'V2510' && p.logprobs === null)))
        out.push(`${where}: part logprobs`);
    }
  });
  return out;
}

// ---- the §7 inspector checks ----

const TERMINALS = ['response.completed', 'response.incomplete', 'response.failed'];

function inspectorProblems(s: DerivedStream): string[] {
  const out: string[] = [];
  const ev = s.events.map((e) => e.event);
  if (ev.length === 0) return s.httpBody.kind === 'http-error' ? [] : ['no events'];
  const guard = s.issues.some((i) => i.kind === 'guardrail-refusal');
  if (ev[0]?.type !== 'response.created') out.push('first event is not created');
  const terminals = ev.filter((e) => TERMINALS.includes(e.type));
  if (s.terminal === 'none') {
    if (terminals.length !== 0) out.push('terminal event without terminal state');
  } else if (terminals.length !== 1 || !TERMINALS.includes(ev.at(-1)!.type)) out.push('exactly one terminal event, last');
  const ids = new Set<string>();
  for (const e of ev) {
    const r = e as unknown as Record<string, unknown>;
    if (typeof r.response_id === 'string') ids.add(r.response_id);
    if (r.response) ids.add((r.response as ResponseObject).id);
  }
  if (ids.size !== 1) out.push(`response ids: ${[...ids].join()}`);
  const seqs = ev.map((e) => (e as { sequence_number?: number }).sequence_number).filter((n): n is number => n !== undefined);
  if (new Set(seqs).size !== seqs.length) out.push('duplicate sequence numbers');
  if (!guard && seqs.some((n, i) => i > 0 && n <= seqs[i - 1]!)) out.push('sequence numbers not increasing');
  if (!guard) {
    // content parts: every added has a done with the same (item_id, content_index)
    const open = new Set<string>();
    for (const e of ev) {
      if (e.type === 'response.content_part.added') open.add(`${e.item_id}/${e.content_index}`);
      if (e.type === 'response.content_part.done' && !open.delete(`${e.item_id}/${e.content_index}`))
        out.push('part done without added');
    }
    if (open.size) out.push(`parts never closed: ${[...open].join()}`);
    // output items: pair by item id, else by output_index; a message is left open only when its turn had tool calls
    const added = ev.filter((e) => e.type === 'response.output_item.added');
    const done = ev.filter((e) => e.type === 'response.output_item.done');
    const usedDone = new Set<number>();
    const unpaired = new Set(added.keys());
    for (const [i, a] of added.entries()) {
      const j = done.findIndex((d, k) => !usedDone.has(k) && d.item.id === a.item.id);
      if (j >= 0) [usedDone.add(j), unpaired.delete(i)];
    }
    // V2510 finishes built-in / MCP items under another id: pair the rest by output_index (§4.4)
    for (const i of [...unpaired]) {
      const a = added[i]!;
      const j = done.findIndex((d, k) => !usedDone.has(k) && d.output_index === a.output_index && d.item.type !== 'message');
      if (j >= 0) [usedDone.add(j), unpaired.delete(i)];
    }
    const calls = s.turns.flatMap((t) => t.toolCalls);
    for (const i of unpaired) {
      const a = added[i]!;
      const turn = s.turns.find((t) => t.msgId === a.item.id);
      const call = calls.find((c) => c.itemId === a.item.id);
      const allowed =
        s.terminal === 'failed' || // a failing response leaves what it announced open
        (a.item.type === 'message' && turn !== undefined && turn.toolCalls.length > 0) || // §3.1 item 13
        (a.item.type === 'function_call' &&
          call?.kind === 'mcp' &&
          ev.some((e) => e.type === 'response.output_item.done' && e.item.type === 'mcp_approval_request')); // V2510 announce of a call awaiting approval
      if (!allowed) out.push(`item ${a.item.type} ${a.item.id} never done`);
    }
  }
  // argument deltas concatenate to the done arguments
  const args = new Map<string, string>();
  for (const e of ev) {
    if (e.type === 'response.function_call_arguments.delta' || e.type === 'response.mcp_call.arguments.delta')
      args.set(e.item_id, (args.get(e.item_id) ?? '') + e.delta);
    if (e.type === 'response.function_call_arguments.done' || e.type === 'response.mcp_call.arguments.done') {
      if ((args.get(e.item_id) ?? '{}') !== e.arguments && !(args.get(e.item_id) === undefined && e.arguments === '{}'))
        out.push(`arguments of ${e.item_id}`);
    }
  }
  // clean(concat(text deltas of the answer turn)) == final text (§5.3)
  if (s.citations && s.answerTurn !== null && !guard) {
    const raw = s.events
      .filter((e) => e.source.turn === s.answerTurn && e.event.type === 'response.output_text.delta')
      .map((e) => (e.event as { delta: string }).delta)
      .join('');
    const fileMap = new Map(s.citations.citationFiles.map((f) => [f.fileId, f.filename]));
    const msg = s.response?.output.find(
      (o) => o.type === 'message' && o.id === s.turns.find((t) => t.turn === s.answerTurn)?.msgId,
    );
    const text = msg?.type === 'message' && msg.content[0]?.type === 'output_text' ? msg.content[0].text : null;
    if (extractCitations(raw, fileMap).cleanedText !== text) out.push('clean(deltas) differs from the final text');
  }
  return out;
}

/** Usage summed independently from the raw chunks of the chain's turns (§6.3). */
function rawUsage(records: unknown[]): { input: number; output: number; total: number } | null {
  let seen = false;
  const u = { input: 0, output: 0, total: 0 };
  for (const r of records) {
    const body = (r as { response?: { body?: unknown; is_exception?: boolean } }).response;
    if (body?.is_exception || !Array.isArray(body?.body)) continue;
    for (const c of body.body as {
      __data__?: { usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null };
    }[]) {
      const x = c.__data__?.usage;
      if (!x) continue;
      seen = true;
      u.input += x.prompt_tokens;
      u.output += x.completion_tokens;
      u.total += x.total_tokens;
    }
  }
  return seen ? u : null;
}

describe('derived events against the openai package types, every corpus chain', () => {
  const chains = buildChains(corpusInputs(), { hashProfile: corpusProfile });
  const streams = (['HEAD', 'V2510'] as const).flatMap((version) => chains.map((c) => ({ c, s: deriveEvents(c, { version }) })));

  it('derives something for every chain', () => {
    expect(chains.length).toBe(66);
    expect(streams.every(({ s }) => s.events.length > 0 || s.httpBody.kind === 'http-error')).toBe(true);
    expect(streams.reduce((n, { s }) => n + s.events.length, 0)).toBeGreaterThan(5000);
  });

  it('type level: every event maps onto openai ResponseStreamEvent (compiled by tsc); runtime: the mapped types are what openai names', () => {
    const seen = new Set<string>();
    for (const { s } of streams) {
      for (const { event } of s.events) {
        const oa = toOpenAI(event);
        seen.add(oa.type);
        expect(oa.type).toBe(openaiName(event.type));
      }
      for (const d of s.derived) expect(syntheticToOpenAI(d.event).type).toBe(d.event.type);
    }
    // the corpus exercises most of the emitted event types
    expect(seen.size).toBeGreaterThanOrEqual(22);
  });

  it('runtime: every required field is present (or a documented llama-stack absence) and typed as openai declares', () => {
    const problems = streams.flatMap(({ s }) => runtimeProblems(s));
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('never emits the event types the server defines but never sends (§1.2)', () => {
    const never = /output_text\.done|annotation|reasoning_summary|mcp_list_tools\.failed|^error$/;
    expect(streams.flatMap(({ s }) => s.events.filter((e) => never.test(e.event.type)))).toEqual([]);
  });

  it('passes the inspector checks of §7 (first created, one terminal, one id, numbering, pairing, arguments, cleaned text)', () => {
    const problems = streams.flatMap(({ s }) => inspectorProblems(s).map((p) => `${s.chainId} ${s.version}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('usage is the sum over the turn recordings', () => {
    for (const { c, s } of streams) {
      if (s.terminal === 'none' || s.issues.some((i) => i.kind === 'guardrail-refusal')) continue;
      const expected = rawUsage(s.turns.map((t) => c.turns.find((x) => x.path === t.path)!.record));
      const u = s.response!.usage;
      if (expected === null) expect(u).toBeNull();
      else
        expect([u?.input_tokens, u?.output_tokens, u?.total_tokens]).toEqual([expected.input, expected.output, expected.total]);
    }
  });
});
