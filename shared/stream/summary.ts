// The CLI's `stream` summary: one choice -> `final`, several -> `choices`.
import { finalState } from './state';
import type { ChoiceState, StreamState, Timeline, TimelineError } from './types';

export interface SummaryToolCall {
  readonly index: number;
  readonly id: string | null;
  readonly name: string | null;
  readonly arguments: string;
}

export interface SummaryFinal {
  readonly content: string;
  readonly reasoning: string;
  readonly refusal: string;
  readonly toolCalls: readonly SummaryToolCall[];
  readonly finishReason: string | null;
  readonly usage: Readonly<Record<string, unknown>> | null;
}

export type StreamSummary =
  | { readonly chunks: number; readonly final: SummaryFinal; readonly error?: TimelineError }
  | { readonly chunks: number; readonly choices: readonly (SummaryFinal & { readonly index: number })[]; readonly error?: TimelineError };

function finalOf(c: ChoiceState, s: StreamState): SummaryFinal {
  return {
    content: c.content,
    reasoning: c.reasoning,
    refusal: c.refusal,
    toolCalls: c.toolCalls.map(({ index, id, name, arguments: args }) => ({ index, id, name, arguments: args })),
    finishReason: c.finishReason,
    usage: s.usage,
  };
}

export function streamSummary(timeline: Timeline): StreamSummary {
  const s = finalState(timeline);
  const error = s.error ? { error: s.error } : {};
  const [only] = s.choices;
  if (s.choices.length === 1 && only) return { chunks: timeline.chunkCount, final: finalOf(only, s), ...error };
  return { chunks: timeline.chunkCount, choices: s.choices.map((c) => ({ index: c.index, ...finalOf(c, s) })), ...error };
}
