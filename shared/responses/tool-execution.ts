// What happens between two turns (spec §2 step 4, §3.3–3.5, §3.9): MCP approval requests, the
// HEAD reasoning item, server-side tool execution (`_coordinate_tool_execution` +
// `ToolExecutor`), then `output_item.done` for client-side function calls. Tool results come
// from the next turn's request (the search itself is not recorded).
import type { ConsumedToolResult } from './chains';
import type { Emitter } from './emitter';
import type { EventSource, FileSearchResultEntry, OutputItem } from './event-types';
import type { PyNode } from './python-literal';
import { asArray, asRecord, asString } from './recording';
import { parseFileSearchResult, type FileSearchResult } from './tool-results';
import type { ToolKind } from './tool-kinds';
import type { TurnToolCall } from './turn-stream';
import type { Features } from './versions';

export interface DeriveIssue {
  readonly kind: string;
  readonly severity: 'info' | 'warning';
  readonly message: string;
  readonly turn?: number;
}

export interface ExecContext {
  readonly emitter: Emitter;
  readonly features: Features;
  readonly turn: number;
  readonly responseId: string;
  readonly output: OutputItem[];
  readonly mcpLabel: string;
  readonly issues: DeriveIssue[];
}

export type ClassifiedCall = TurnToolCall & { readonly kind: ToolKind | 'unknown' };

const toolSrc = (turn: number): EventSource => ({ turn, step: null, phase: 'tools' });

/** Tool message content as text (MCP output): a string, or the text parts joined. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  const parts = asArray(content);
  if (!parts) return content === null || content === undefined ? '' : JSON.stringify(content);
  return parts.map((p) => (typeof p === 'string' ? p : (asString(asRecord(p)?.text) ?? ''))).join('');
}

function queryOf(args: string): string {
  try {
    const v = asRecord(JSON.parse(args));
    if (v && typeof v.query === 'string') return v.query;
  } catch {
    /* not JSON */
  }
  return args;
}

/** HEAD attributes must be scalars on the wire; other values are shown as their Python literal. */
function scalarAttributes(node: PyNode | null): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (node?.kind !== 'dict') return out;
  for (const [k, v] of node.entries) {
    const key = k.kind === 'str' ? k.value : k.raw;
    const value =
      v.kind === 'str' || v.kind === 'bool' || ((v.kind === 'int' || v.kind === 'float') && Number.isFinite(v.value))
        ? v.value
        : v.raw;
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function resultEntries(r: FileSearchResult, f: Features): FileSearchResultEntry[] {
  return r.chunks.map((c) => ({
    file_id: c.documentId,
    filename: c.documentId,
    score: c.score ?? 0,
    text: c.text,
    attributes: f.resultAttributes ? scalarAttributes(c.attributesNode) : {},
  }));
}

/** The next turn's tool message for a call: by tool-call id, else by position. */
export function findResult(
  call: ClassifiedCall,
  position: number,
  results: readonly ConsumedToolResult[] | undefined,
): ConsumedToolResult | undefined {
  if (!results) return undefined;
  return results.find((r) => r.toolCallId !== null && r.toolCallId === call.id) ?? results[position];
}

export function emitApproval(ctx: ExecContext, call: ClassifiedCall): void {
  const item: OutputItem = {
    type: 'mcp_approval_request',
    id: ctx.emitter.id('approval'),
    name: call.name ?? '',
    arguments: call.args === '' ? '{}' : call.args,
    server_label: ctx.mcpLabel,
  };
  const oi = ctx.output.length;
  ctx.emitter.emit(
    { type: 'response.output_item.added', response_id: ctx.responseId, item, output_index: oi },
    toolSrc(ctx.turn),
  );
  ctx.emitter.emit({ type: 'response.output_item.done', response_id: ctx.responseId, item, output_index: oi }, toolSrc(ctx.turn));
  ctx.output.push(item);
}

/** HEAD: the reasoning item follows the turn's streamed reasoning (§3.6). */
export function emitReasoningItem(ctx: ExecContext, text: string): void {
  const id = ctx.emitter.id('rs');
  const oi = ctx.output.length;
  const added: OutputItem = { type: 'reasoning', id, summary: [], content: [], status: 'in_progress' };
  const done: OutputItem = {
    type: 'reasoning',
    id,
    summary: [],
    content: [{ type: 'reasoning_text', text }],
    status: 'completed',
  };
  ctx.emitter.emit(
    { type: 'response.output_item.added', response_id: ctx.responseId, item: added, output_index: oi },
    toolSrc(ctx.turn),
  );
  ctx.emitter.emit(
    { type: 'response.output_item.done', response_id: ctx.responseId, item: done, output_index: oi },
    toolSrc(ctx.turn),
  );
  ctx.output.push(done);
}

/** One server-side call: typed item (HEAD), progress events, the finished item. */
export function executeServerCall(
  ctx: ExecContext,
  call: ClassifiedCall,
  result: ConsumedToolResult | undefined,
): FileSearchResult | null {
  const { emitter: em, features: f, turn } = ctx;
  const src = toolSrc(turn);
  const oi = ctx.output.length;
  const finalId = f.finalToolItemId === 'call_id' ? (call.id ?? call.itemId) : call.itemId;
  const args = call.args === '' ? '{}' : call.args;
  const ref = { item_id: call.itemId, output_index: oi };
  if (!result) {
    ctx.issues.push({
      kind: 'tool-result-missing',
      severity: 'warning',
      turn,
      message: `no recorded tool message answers ${call.name ?? 'tool'} call ${call.id ?? call.itemId}; its result is unknown`,
    });
  }
  if (call.kind === 'file_search') {
    if (f.builtinAnnounce === 'typed') {
      em.emit(
        {
          type: 'response.output_item.added',
          response_id: ctx.responseId,
          item: { type: 'file_search_call', id: call.itemId, queries: [args], status: 'in_progress', results: null },
          output_index: oi,
        },
        src,
      );
    }
    em.emit({ type: 'response.file_search_call.in_progress', ...ref }, src);
    em.emit({ type: 'response.file_search_call.searching', ...ref }, src);
    const parsed = result
      ? parseFileSearchResult(result.content, { toolCallId: result.toolCallId, argumentsJson: call.args })
      : null;
    const failed = parsed !== null && !parsed.recognised;
    if (failed)
      ctx.issues.push({
        kind: 'tool-result-unparsed',
        severity: 'warning',
        turn,
        message: `the ${call.name ?? 'file search'} result is not in the file-search format: shown as a failed search`,
      });
    em.emit({ type: 'response.file_search_call.completed', ...ref }, src);
    const item: OutputItem = {
      type: 'file_search_call',
      id: finalId,
      queries: [queryOf(call.args)],
      status: failed ? 'failed' : 'completed',
      results: parsed && parsed.recognised ? resultEntries(parsed, f) : [],
    };
    em.emit({ type: 'response.output_item.done', response_id: ctx.responseId, item, output_index: oi }, src);
    ctx.output.push(item);
    return parsed;
  }
  if (call.kind === 'web_search') {
    if (f.builtinAnnounce === 'typed') {
      em.emit(
        {
          type: 'response.output_item.added',
          response_id: ctx.responseId,
          item: { type: 'web_search_call', id: call.itemId, status: 'in_progress' },
          output_index: oi,
        },
        src,
      );
    }
    em.emit({ type: 'response.web_search_call.in_progress', ...ref }, src);
    em.emit({ type: 'response.web_search_call.searching', ...ref }, src);
    em.emit({ type: 'response.web_search_call.completed', ...ref }, src);
    const item: OutputItem = { type: 'web_search_call', id: finalId, status: 'completed' };
    em.emit({ type: 'response.output_item.done', response_id: ctx.responseId, item, output_index: oi }, src);
    ctx.output.push(item);
    return null;
  }
  // MCP
  if (f.builtinAnnounce === 'typed') {
    em.emit(
      {
        type: 'response.output_item.added',
        response_id: ctx.responseId,
        item: {
          type: 'mcp_call',
          id: call.itemId,
          name: call.name ?? '',
          arguments: '',
          server_label: ctx.mcpLabel,
          output: null,
          error: null,
        },
        output_index: oi,
      },
      src,
    );
  }
  em.emit({ type: 'response.mcp_call.in_progress', ...ref }, src);
  em.emit({ type: 'response.mcp_call.completed' }, src);
  const item: OutputItem = {
    type: 'mcp_call',
    id: finalId,
    name: call.name ?? '',
    arguments: args,
    server_label: ctx.mcpLabel,
    output: result ? contentText(result.content) : null,
    error: null,
  };
  em.emit({ type: 'response.output_item.done', response_id: ctx.responseId, item, output_index: oi }, src);
  ctx.output.push(item);
  return null;
}

/** Client-side calls are closed after the server-side ones, each at its real slot (§3.3). */
export function closeFunctionCall(ctx: ExecContext, call: ClassifiedCall): void {
  const item: OutputItem = {
    type: 'function_call',
    id: call.itemId,
    call_id: call.id ?? '',
    name: call.name ?? '',
    arguments: call.args === '' ? '{}' : call.args,
    status: 'completed',
  };
  ctx.emitter.emit(
    { type: 'response.output_item.done', response_id: ctx.responseId, item, output_index: ctx.output.length },
    toolSrc(ctx.turn),
  );
  ctx.output.push(item);
}
