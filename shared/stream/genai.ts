// google-genai dicts (Vertex AI): `candidates[].content.parts[]`, streamed as a list of such
// dicts. Keys are snake_case as dumped by the Python SDK; camelCase accepted too (REST form).
import type { Emit } from './builder';
import { argumentsText, asArray, asRecord, hasNumberValue, indexOr, isRecord, type Rec } from './json-util';

export function isGenaiShape(d: Rec): boolean {
  return 'candidates' in d || 'usage_metadata' in d || 'usageMetadata' in d || 'prompt_feedback' in d;
}

export function emitGenai(d: Rec, e: Emit): void {
  const cands = asArray(d.candidates);
  cands?.forEach((cand, i) => {
    if (!isRecord(cand)) {
      e.note(`candidate ${i} is not an object`);
      return;
    }
    const ci = indexOr(cand.index, i);
    e.touch(ci);
    const content = asRecord(cand.content);
    if (content) e.role(ci, content.role);
    for (const part of asArray(content?.parts) ?? []) {
      if (!isRecord(part)) continue;
      // `thought: true` marks reasoning summaries; their text is not part of the answer.
      e.text(ci, part.thought === true ? 'reasoning' : 'content', part.text);
      const fc = asRecord(part.function_call) ?? asRecord(part.functionCall);
      if (fc) {
        const ti = e.nextToolIndex(ci);
        e.tool(ci, ti);
        e.toolId(ci, ti, fc.id);
        e.toolName(ci, ti, fc.name);
        e.toolArgs(ci, ti, argumentsText(fc.args));
      }
    }
    e.finish(ci, cand.finish_reason ?? cand.finishReason);
  });
  if (!cands && d.candidates !== undefined && d.candidates !== null) e.note('candidates is not a list');
  const fb = asRecord(d.prompt_feedback) ?? asRecord(d.promptFeedback);
  const blocked = fb?.block_reason ?? fb?.blockReason;
  if (typeof blocked === 'string') e.note(`prompt blocked: ${blocked}`);
  // Early chunks carry only `traffic_type`; count as usage once token numbers appear.
  const usage = asRecord(d.usage_metadata) ?? asRecord(d.usageMetadata);
  if (usage && hasNumberValue(usage)) e.usage(usage);
}
