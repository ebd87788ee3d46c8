// The two server behaviours the spec documents (§9), as per-feature switches: recordings made
// between the two commits mix features, so a preset can be adjusted feature by feature.
import type { Version } from './event-types';
import type { TurnChain } from './chains';
import { asArray, asRecord, asString, chatRequestOf, messageToolCalls, toolDefs } from './recording';

export interface Features {
  /** `response.created` = 0 and `response.completed` = last + 1 (HEAD); absent at V2510. */
  readonly sequenceOnCreatedCompleted: boolean;
  /** `output_item.added`/`.done` for the assistant message (HEAD). */
  readonly messageItemEvents: boolean;
  /** How built-in / MCP calls are announced while streaming: a function_call item (V2510) or a silent sequence number and a typed item at execution (HEAD). */
  readonly builtinAnnounce: 'function_call' | 'typed';
  /** Final id of file_search/web_search/mcp items: the provider `call_…` id (V2510) or the `fc_…` item id (HEAD). */
  readonly finalToolItemId: 'call_id' | 'item_id';
  /** `mcp_list_tools` added item carries the full tool list (V2510) or `tools: []` (HEAD). */
  readonly mcpListToolsAddedFull: boolean;
  /** Tool names the file search answers to. */
  readonly fileSearchNames: readonly string[];
  /** `delta.reasoning_content` on every call (V2510) or wrapped `reasoning || reasoning_content` with reasoning.effort on vLLM/Ollama/Bedrock (HEAD). */
  readonly reasoning: 'reasoning_content' | 'wrapped';
  /** A `reasoning` output item `rs_…` after the turn (HEAD). */
  readonly reasoningItem: boolean;
  /** `logprobs` on text deltas and `[]` in parts (HEAD); parts carry `null` and deltas nothing at V2510. */
  readonly logprobs: boolean;
  /** `incomplete_details.reason` (HEAD). */
  readonly incompleteDetails: boolean;
  /** `response.failed` error codes: `internal_error` + str(exc) (V2510) or OpenAI codes (HEAD). */
  readonly errorCodes: 'internal_error' | 'openai';
  /** A tool name the request does not define: the response fails (V2510) or it is a client call (HEAD). */
  readonly unknownTool: 'fail' | 'client';
  /** `file_search_call.results[].attributes` populated (HEAD) or `{}` (V2510). */
  readonly resultAttributes: boolean;
  /** Usage detail objects always present, default 0 (HEAD). */
  readonly usageDetailsAlways: boolean;
  /** Response object with 15 fields (V2510) or the HEAD set. */
  readonly responseFields: 'v2510' | 'head';
  /** Guardrails supported (HEAD); V2510 rejects them before streaming. */
  readonly guardrails: boolean;
  /** finish_reason when no chunk carries one: '' (V2510) or 'stop' (HEAD, `4f494451f`). */
  readonly finishReasonDefault: '' | 'stop';
}

export const PRESETS: Readonly<Record<Version, Features>> = {
  V2510: {
    sequenceOnCreatedCompleted: false,
    messageItemEvents: false,
    builtinAnnounce: 'function_call',
    finalToolItemId: 'call_id',
    mcpListToolsAddedFull: true,
    fileSearchNames: ['knowledge_search'],
    reasoning: 'reasoning_content',
    reasoningItem: false,
    logprobs: false,
    incompleteDetails: false,
    errorCodes: 'internal_error',
    unknownTool: 'fail',
    resultAttributes: false,
    usageDetailsAlways: false,
    responseFields: 'v2510',
    guardrails: false,
    finishReasonDefault: '',
  },
  HEAD: {
    sequenceOnCreatedCompleted: true,
    messageItemEvents: true,
    builtinAnnounce: 'typed',
    finalToolItemId: 'item_id',
    mcpListToolsAddedFull: false,
    fileSearchNames: ['knowledge_search', 'file_search'],
    reasoning: 'wrapped',
    reasoningItem: true,
    logprobs: true,
    incompleteDetails: true,
    errorCodes: 'openai',
    unknownTool: 'client',
    resultAttributes: true,
    usageDetailsAlways: true,
    responseFields: 'head',
    guardrails: true,
    finishReasonDefault: 'stop',
  },
};

export function resolveFeatures(version: Version, overrides: Partial<Features> = {}): Features {
  return { ...PRESETS[version], ...overrides };
}

export interface VersionSuggestion {
  readonly version: Version;
  readonly reasons: readonly string[];
}

/**
 * Which preset a chain's recordings look like (§9): `file_search` tool name, bare `cite as`, or
 * `parallel_tool_calls` / `service_tier` in the request → HEAD-like; `knowledge_search` with
 * `(cite as …)` → V2510-like. Only a suggestion: the default stays HEAD.
 */
export function suggestVersion(chain: TurnChain): VersionSuggestion {
  const head: string[] = [];
  const old: string[] = [];
  for (const t of chain.turns) {
    const req = chatRequestOf(t.record);
    if (!req) continue;
    const names = toolDefs(req).map((d) => d.name);
    if (names.includes('file_search')) head.push(`turn ${t.index}: tool named file_search`);
    if ('parallel_tool_calls' in req.body) head.push(`turn ${t.index}: request has parallel_tool_calls`);
    if ('service_tier' in req.body) head.push(`turn ${t.index}: request has service_tier`);
    const ks =
      names.includes('knowledge_search') ||
      req.messages.some((m) => messageToolCalls(m).some((c) => c.name === 'knowledge_search'));
    for (const m of req.messages) {
      const parts = asArray(asRecord(m)?.content) ?? [];
      for (const p of parts) {
        const text = asString(asRecord(p)?.text) ?? '';
        if (/\(cite as <\|/.test(text) && ks) old.push(`turn ${t.index}: knowledge_search result with (cite as …)`);
        else if (/\] document_id: .* cite as <\|/.test(text)) head.push(`turn ${t.index}: bare cite as`);
      }
    }
  }
  const uniq = (a: string[]): string[] => [...new Set(a)];
  if (old.length > 0 && head.length === 0) return { version: 'V2510', reasons: uniq(old) };
  return { version: 'HEAD', reasons: uniq(head.length > 0 ? head : ['no version-specific trace; HEAD is the default']) };
}
