// Events the server defines but never sends (spec §1.2), synthesised for an OpenAI-conformant
// view (§5.6): `output_text.annotation.added` right after the delta that completes each marker,
// and `output_text.done` (cleaned text) just before the answer's `content_part.done`. They carry
// no sequence number and are kept apart from the wire events.
import type { CitationAnalysis } from './citations';
import type { DerivedSyntheticEvent, EmittedEvent } from './event-types';

export interface AnswerRef {
  readonly turn: number;
  readonly msgId: string;
  readonly moi: number;
  /** Index of the answer's `content_part.done` (ci 0), -1 when it has no text part. */
  readonly partDone: number;
}

export function synthesize(
  events: readonly EmittedEvent[],
  citations: CitationAnalysis | null,
  answer: AnswerRef,
): DerivedSyntheticEvent[] {
  const deltaAt = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.source.turn === answer.turn && e.event.type === 'response.output_text.delta' && e.source.step !== null)
      deltaAt.set(e.source.step, i);
  });
  const out: DerivedSyntheticEvent[] = [];
  if (citations) {
    citations.annotationViews.forEach((v, annotationIndex) => {
      const marker = citations.markers[v.marker];
      const step = marker?.endStep ?? null;
      const after = step !== null ? (deltaAt.get(step) ?? answer.partDone - 1) : answer.partDone - 1;
      out.push({
        event: {
          type: 'response.output_text.annotation.added',
          item_id: answer.msgId,
          output_index: answer.moi,
          content_index: 0,
          annotation_index: annotationIndex,
          annotation: v.annotation,
        },
        source: { turn: answer.turn, step, phase: 'chunk' },
        synthetic: true,
        after,
        note: 'synthetic: llama-stack never streams annotations; they exist only in the terminal response',
      });
    });
  }
  if (answer.partDone >= 0 && citations) {
    out.push({
      event: {
        type: 'response.output_text.done',
        item_id: answer.msgId,
        output_index: answer.moi,
        content_index: 0,
        text: citations.cleanedText,
      },
      source: { turn: answer.turn, step: null, phase: 'after-chunks' },
      synthetic: true,
      after: answer.partDone - 1,
      note: 'synthetic: llama-stack never sends output_text.done; text is the cleaned final text',
    });
  }
  return out.sort((a, b) => a.after - b.after);
}
