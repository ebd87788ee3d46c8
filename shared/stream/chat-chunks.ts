// OpenAI-shaped payloads: ChatCompletionChunk (delta), legacy Completion (text) and the
// non-streamed ChatCompletion (message). One function because providers mix them (Ollama's
// /v1/completions answers with chat chunks, §4.1), and the merge rules are the same.
import type { Emit } from './builder';
import { asArray, indexOr, isRecord, nonEmptyString, type Rec } from './json-util';

/** Merge rules follow openai-node's ChatCompletionStream: empty strings add nothing, tool calls
 *  are keyed by `index`, id/name overwrite when truthy, arguments append. */
export function emitChatPayload(data: Rec, e: Emit): void {
  const choices = asArray(data.choices);
  if (!choices) e.note('no choices array');
  else {
    choices.forEach((ch, i) => {
      if (!isRecord(ch)) {
        e.note(`choice ${i} is not an object`);
        return;
      }
      const ci = indexOr(ch.index, i);
      e.touch(ci);
      if (isRecord(ch.delta)) emitMessage(ci, ch.delta, true, e);
      else if (isRecord(ch.message)) emitMessage(ci, ch.message, false, e);
      else if ('text' in ch) e.text(ci, 'content', ch.text);
      else if (ch.delta !== undefined && ch.delta !== null) e.note(`choice ${ci}: delta is not an object`);
      e.finish(ci, ch.finish_reason);
    });
  }
  e.usage(data.usage);
}

function emitMessage(ci: number, m: Rec, isDelta: boolean, e: Emit): void {
  e.role(ci, m.role);
  // Some servers send the same text under both names; take one so it is not doubled.
  e.text(ci, 'reasoning', nonEmptyString(m.reasoning) ?? m.reasoning_content);
  e.text(ci, 'content', m.content);
  if (Array.isArray(m.content)) e.note('content is a list of parts');
  e.text(ci, 'refusal', m.refusal);
  const calls = asArray(m.tool_calls);
  if (calls) calls.forEach((tc, j) => emitToolCall(ci, tc, j, isDelta, e));
  else if (isRecord(m.function_call)) emitFunction(ci, 0, m.function_call, e); // pre-tools API
}

function emitToolCall(ci: number, tc: unknown, position: number, isDelta: boolean, e: Emit): void {
  if (!isRecord(tc)) {
    e.note(`tool_calls[${position}] is not an object`);
    return;
  }
  // A complete message lists whole calls: its position is the index.
  let ti = indexOr(tc.index, isDelta ? -1 : position);
  if (ti < 0) {
    // No index (non-conforming server): a new id starts a new call, otherwise continue the last one.
    const next = e.nextToolIndex(ci);
    ti = nonEmptyString(tc.id) !== undefined || next === 0 ? next : next - 1;
    e.note('tool call without index');
  }
  e.tool(ci, ti);
  e.toolId(ci, ti, tc.id);
  if (isRecord(tc.function)) emitFunction(ci, ti, tc.function, e);
}

function emitFunction(ci: number, ti: number, fn: Rec, e: Emit): void {
  e.toolName(ci, ti, fn.name);
  e.toolArgs(ci, ti, fn.arguments);
}
