/** Pure helpers of the reconstruction pane and the chunk inspector. */
import type { Delta, DeltaField, Step, StreamState, Timeline } from '../../../shared/stream';

/** "chunk 12 of 1399"; before the first chunk: "before chunk 0 of 1399". */
export function positionText(position: number, steps: number): string {
  if (steps <= 0) return 'no chunks';
  return position < 0 ? `before chunk 0 of ${steps}` : `chunk ${Math.min(position, steps - 1)} of ${steps}`;
}

/** Short readout "k / n" ("– / n" before the first chunk). */
export function positionReadout(position: number, steps: number): string {
  return `${position < 0 ? '–' : position} / ${steps}`;
}

/** Text a step appended to one field of one choice (and tool call, for toolArgs). */
export function addedText(step: Step | undefined, choice: number, field: DeltaField, toolIndex?: number): string {
  if (!step) return '';
  let out = '';
  for (const d of step.added) {
    if (d.choice === choice && d.field === field && (toolIndex === undefined || d.toolIndex === toolIndex)) out += d.text;
  }
  return out;
}

/**
 * Splits `text` into what was there before and what the last step added. When `added` is not the
 * tail of `text` (should not happen), nothing is highlighted.
 */
export function splitLast(text: string, added: string): readonly [string, string] {
  if (!added || added.length > text.length || !text.endsWith(added)) return [text, ''];
  return [text.slice(0, text.length - added.length), added];
}

/** Rows of a usage object; nested objects are flattened with dotted keys. */
export function flattenUsage(usage: Readonly<Record<string, unknown>> | null | undefined): Array<readonly [string, string]> {
  const rows: Array<readonly [string, string]> = [];
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 4) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, prefix ? `${prefix}.${k}` : k, depth + 1);
      return;
    }
    if (value === null || value === undefined) return;
    rows.push([prefix, typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)]);
  };
  walk(usage ?? null, '', 0);
  return rows;
}

/** One line describing a delta in the chunk inspector. */
export function describeDelta(d: Delta): { where: string; text: string } {
  const who = d.choice < 0 ? 'stream' : `choice ${d.choice}`;
  const tool = d.toolIndex !== undefined ? ` · tool ${d.toolIndex}` : '';
  const text = d.field === 'usage' || d.field === 'error' ? d.text : JSON.stringify(d.text);
  return { where: `${who} · ${d.field}${tool}`, text };
}

/** True when the timeline carries an answer (text, tool calls, finish) rather than only a note. */
export function hasAnswer(final: StreamState): boolean {
  return final.choices.some((c) => c.content || c.reasoning || c.refusal || c.toolCalls.length > 0 || c.finishReason !== null || c.role !== null);
}

/**
 * Per step: tick level (0 = adds no text, 1 = adds text, 2 = carries an error) and weight
 * (characters of text added), for the scrubber's ticks.
 */
export function stepTicks(timeline: Timeline): { levels: Uint8Array; weights: Float64Array } {
  const n = timeline.steps.length;
  const levels = new Uint8Array(n);
  const weights = new Float64Array(n);
  timeline.steps.forEach((s, k) => {
    for (const d of s.added) {
      if (d.field === 'error') levels[k] = 2;
      else if ((d.field === 'content' || d.field === 'reasoning' || d.field === 'refusal' || d.field === 'toolArgs') && d.text) {
        weights[k] = (weights[k] ?? 0) + d.text.length;
        if (levels[k]! < 1) levels[k] = 1;
      }
    }
  });
  return { levels, weights };
}

/** One-line header: variant · N chunks · streamed / single body. */
export function headerText(timeline: Timeline): string {
  const parts = [timeline.variant];
  if (timeline.streaming) parts.push(`${timeline.chunkCount} chunk${timeline.chunkCount === 1 ? '' : 's'}`, 'streamed');
  else parts.push('single body', 'not streamed');
  if (timeline.choices.length > 1) parts.push(`${timeline.choices.length} choices`);
  return parts.join(' · ');
}
