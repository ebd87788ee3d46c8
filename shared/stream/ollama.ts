// Ollama native API (2025-10 recordings): GenerateResponse (`response`, `thinking`) and
// ChatResponse (`message`), streamed as a list or returned once. Tool calls arrive whole.
import type { Emit } from './builder';
import { argumentsText, asArray, asString, isFiniteNumber, isRecord, type Rec } from './json-util';

export function isOllamaShape(d: Rec): boolean {
  return 'done' in d && ('response' in d || 'message' in d);
}

export function emitOllama(d: Rec, e: Emit): void {
  e.touch(0);
  e.text(0, 'content', d.response);
  e.text(0, 'reasoning', d.thinking);
  const m = d.message;
  if (isRecord(m)) {
    e.role(0, m.role);
    e.text(0, 'content', m.content);
    e.text(0, 'reasoning', m.thinking);
    for (const tc of asArray(m.tool_calls) ?? []) {
      const fn = isRecord(tc) ? tc.function : undefined;
      if (!isRecord(fn)) {
        e.note('tool call without function');
        continue;
      }
      const ti = e.nextToolIndex(0);
      e.tool(0, ti);
      e.toolName(0, ti, fn.name);
      e.toolArgs(0, ti, argumentsText(fn.arguments));
    }
  }
  if (d.done === true) {
    e.finish(0, asString(d.done_reason) ?? 'stop');
    // Eval counts are Ollama's token usage; durations are normalised to 0 by the recorder.
    const usage: Rec = {};
    if (isFiniteNumber(d.prompt_eval_count)) usage.prompt_eval_count = d.prompt_eval_count;
    if (isFiniteNumber(d.eval_count)) usage.eval_count = d.eval_count;
    if (Object.keys(usage).length) e.usage(usage);
  }
}
