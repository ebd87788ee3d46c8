// Anthropic-style /v1/messages: SSE events (message_start, content_block_*, message_delta, ...)
// and the non-streamed message body. Blocks are numbered per message; tool_use blocks become
// tool calls numbered in order of appearance.
import type { Emit } from './builder';
import { argumentsText, asArray, asRecord, asString, indexOr, isRecord, type Rec } from './json-util';

const EVENT_TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);

export const isAnthropicEvent = (d: Rec): boolean => typeof d.type === 'string' && EVENT_TYPES.has(d.type);

export const isAnthropicMessage = (d: Rec): boolean => d.type === 'message' && Array.isArray(d.content);

const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

interface Block {
  readonly type: string;
  readonly tool?: number;
  argChars: number;
}

/** Returns a per-stream handler; false = not an Anthropic event. */
export function anthropicEvents(): (d: Rec, e: Emit) => boolean {
  const blocks = new Map<number, Block>();
  const startTool = (e: Emit, cb: Rec): number => {
    const ti = e.nextToolIndex(0);
    e.tool(0, ti);
    e.toolId(0, ti, cb.id);
    e.toolName(0, ti, cb.name);
    return ti;
  };
  return (d, e) => {
    switch (d.type) {
      case 'message_start': {
        e.touch(0);
        const m = asRecord(d.message);
        if (m) {
          e.role(0, m.role);
          e.usage(m.usage);
        }
        return true;
      }
      case 'content_block_start': {
        const cb = asRecord(d.content_block) ?? {};
        const type = asString(cb.type) ?? 'unknown';
        const block: Block = { type, argChars: 0 };
        const idx = indexOr(d.index, blocks.size);
        if (TOOL_BLOCKS.has(type)) {
          const tool = startTool(e, cb);
          // Input normally streams as input_json_delta; a non-empty start value is already final.
          if (isRecord(cb.input) && Object.keys(cb.input).length) {
            const text = argumentsText(cb.input);
            e.toolArgs(0, tool, text);
            block.argChars = text.length;
          }
          blocks.set(idx, { ...block, tool });
        } else {
          blocks.set(idx, block);
          if (type === 'text') e.text(0, 'content', cb.text);
          else if (type === 'thinking') e.text(0, 'reasoning', cb.thinking);
          else e.note(`${type} block`);
        }
        e.touch(0);
        return true;
      }
      case 'content_block_delta': {
        e.touch(0);
        const delta = asRecord(d.delta) ?? {};
        const idx = indexOr(d.index, -1);
        switch (delta.type) {
          case 'text_delta':
            e.text(0, 'content', delta.text);
            break;
          case 'thinking_delta':
            e.text(0, 'reasoning', delta.thinking);
            break;
          case 'input_json_delta': {
            let b = blocks.get(idx);
            if (b?.tool === undefined) {
              e.note('input_json_delta without a tool_use block');
              b = { type: 'tool_use', tool: startTool(e, {}), argChars: 0 };
              blocks.set(idx, b);
            }
            const part = asString(delta.partial_json) ?? '';
            b.argChars += part.length;
            e.toolArgs(0, b.tool ?? 0, part);
            break;
          }
          case 'signature_delta':
            e.note('thinking signature');
            break;
          default:
            e.note(`unhandled delta ${asString(delta.type) ?? '?'}`);
        }
        return true;
      }
      case 'content_block_stop': {
        const b = blocks.get(indexOr(d.index, -1));
        // A tool_use with no input deltas has input {} (Anthropic semantics); say so explicitly.
        if (b?.tool !== undefined && b.argChars === 0) {
          e.toolArgs(0, b.tool, '{}');
          b.argChars = 2;
        }
        return true;
      }
      case 'message_delta': {
        const delta = asRecord(d.delta);
        if (delta) e.finish(0, delta.stop_reason);
        e.usage(d.usage);
        return true;
      }
      case 'message_stop':
      case 'ping':
        return true;
      case 'error': {
        const err = asRecord(d.error) ?? {};
        e.error({ type: asString(err.type) ?? 'error', message: asString(err.message) ?? '' });
        return true;
      }
      default:
        return false;
    }
  };
}

export function emitAnthropicMessage(d: Rec, e: Emit): void {
  e.touch(0);
  e.role(0, d.role);
  for (const block of asArray(d.content) ?? []) {
    if (!isRecord(block)) continue;
    if (block.type === 'text') e.text(0, 'content', block.text);
    else if (block.type === 'thinking') e.text(0, 'reasoning', block.thinking);
    else if (typeof block.type === 'string' && TOOL_BLOCKS.has(block.type)) {
      const ti = e.nextToolIndex(0);
      e.tool(0, ti);
      e.toolId(0, ti, block.id);
      e.toolName(0, ti, block.name);
      e.toolArgs(0, ti, argumentsText(block.input));
    } else e.note(`${asString(block.type) ?? '?'} block`);
  }
  e.finish(0, d.stop_reason);
  e.usage(d.usage);
}
