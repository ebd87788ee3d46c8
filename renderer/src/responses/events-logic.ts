/**
 * Pure helpers of the events panel: which Responses events were emitted up to the timeline position
 * of the open turn (the rule of shared/responses `eventsUpTo`, as indexes), the derived (never sent)
 * events placed where they would follow, type filtering and one-line summaries.
 */
import type { StreamView } from '../../../shared/response-chain-view';
import type { DerivedSyntheticEvent, EmittedEvent, EventSource, TurnInfo } from '../../../shared/responses/index';

export interface EventRow {
  /** Stable key: `e<index>` for wire events, `d<index>` for derived ones. */
  readonly key: string;
  readonly kind: 'emitted' | 'derived';
  /** Index in `events` or in `derived`. */
  readonly index: number;
  readonly type: string;
  readonly event: Readonly<Record<string, unknown>> & { readonly type: string };
  readonly source: EventSource;
  /** Why a derived event exists (it is not sent by the server). */
  readonly note?: string;
}

type Source = { readonly source: EventSource };

/** Whether an event of `source` was sent by chunk `step` of `turn` (null = the turn is fully consumed). */
export function sentBy(source: EventSource, turn: number, step: number | null, lastStep: number): boolean {
  if (source.turn < turn) return true;
  if (source.turn > turn) return false;
  if (source.phase === 'prologue') return true;
  const at = source.emittedAt ?? source.step;
  if (at !== null) return step === null || at <= step;
  return step === null || step >= lastStep;
}

function lastStepOf(turns: readonly TurnInfo[], turn: number): number {
  const info = turns.find((t) => t.turn === turn);
  return info ? info.chunkCount - 1 : -1;
}

/** Indexes into `events` of the events sent up to chunk `step` of `turn`, in wire order. */
export function emittedIndexes(events: readonly Source[], turns: readonly TurnInfo[], turn: number, step: number | null): number[] {
  const lastStep = lastStepOf(turns, turn);
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) if (sentBy(events[i]!.source, turn, step, lastStep)) out.push(i);
  return out;
}

/**
 * The rows shown at a position: the emitted events, plus (when asked) the derived ones whose
 * moment has come, each right after the wire event it would follow.
 */
export function visibleRows(
  stream: Pick<StreamView, 'events' | 'derived' | 'turns'>,
  turn: number,
  step: number | null,
  withDerived: boolean,
): EventRow[] {
  const lastStep = lastStepOf(stream.turns, turn);
  const derived = withDerived
    ? stream.derived
        .map((d, index) => ({ d, index }))
        .filter(({ d }) => sentBy(d.source, turn, step, lastStep))
        .sort((a, b) => a.d.after - b.d.after || a.index - b.index)
    : [];
  const rows: EventRow[] = [];
  let k = 0;
  const pushDerivedUpTo = (limit: number) => {
    while (k < derived.length && derived[k]!.d.after <= limit) {
      const { d, index } = derived[k++]!;
      rows.push(derivedRow(d, index));
    }
  };
  pushDerivedUpTo(-1);
  stream.events.forEach((e, i) => {
    if (!sentBy(e.source, turn, step, lastStep)) return;
    rows.push(emittedRow(e, i));
    pushDerivedUpTo(i);
  });
  pushDerivedUpTo(Number.POSITIVE_INFINITY);
  return rows;
}

function emittedRow(e: EmittedEvent, index: number): EventRow {
  const event = e.event as unknown as EventRow['event'];
  return { key: `e${index}`, kind: 'emitted', index, type: event.type, event, source: e.source };
}

function derivedRow(d: DerivedSyntheticEvent, index: number): EventRow {
  const event = d.event as unknown as EventRow['event'];
  return { key: `d${index}`, kind: 'derived', index, type: event.type, event, source: d.source, note: d.note };
}

/** Every event type of the stream with its count, in order of first appearance (derived ones only when shown). */
export function typeCounts(stream: Pick<StreamView, 'events' | 'derived'>, withDerived: boolean): { type: string; count: number; derived: boolean }[] {
  const counts = new Map<string, { count: number; derived: boolean }>();
  for (const e of stream.events) {
    const c = counts.get(e.event.type) ?? { count: 0, derived: false };
    c.count++;
    counts.set(e.event.type, c);
  }
  if (withDerived) {
    for (const d of stream.derived) {
      const c = counts.get(d.event.type) ?? { count: 0, derived: true };
      c.count++;
      counts.set(d.event.type, c);
    }
  }
  return [...counts.entries()].map(([type, c]) => ({ type, ...c }));
}

export function filterRows(rows: readonly EventRow[], type: string | null): readonly EventRow[] {
  return type === null ? rows : rows.filter((r) => r.type === type);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** A string shown as a JSON literal, cut to `max` characters. */
export function quoted(s: string, max = 80): string {
  const q = JSON.stringify(s);
  return q.length > max ? `${q.slice(0, max - 1)}…"` : q;
}

/** One line that says what an event carries. */
export function eventSummary(event: Readonly<Record<string, unknown>>): string {
  const bits: string[] = [];
  const item = obj(event.item);
  const part = obj(event.part);
  const response = obj(event.response);
  if (str(event.delta) !== null) bits.push(quoted(str(event.delta)!));
  if (item) {
    bits.push(`${str(item.type) ?? 'item'} ${str(item.id) ?? '(no id)'}`);
    if (str(item.name)) bits.push(str(item.name)!);
    if (str(item.status)) bits.push(str(item.status)!);
    if (Array.isArray(item.results)) bits.push(`${item.results.length} result${item.results.length === 1 ? '' : 's'}`);
  } else if (str(event.item_id) !== null && str(event.delta) === null) bits.push(str(event.item_id)!);
  if (part) {
    const text = str(part.text) ?? str(part.refusal);
    bits.push(`${str(part.type) ?? 'part'}${text !== null ? ` ${text === '' ? '""' : quoted(text, 60)}` : ''}`);
  }
  if (str(event.arguments) !== null) bits.push(quoted(str(event.arguments)!));
  if (str(event.text) !== null && str(event.delta) === null) bits.push(quoted(str(event.text)!, 60));
  if (str(event.refusal) !== null) bits.push(quoted(str(event.refusal)!, 60));
  const annotation = obj(event.annotation);
  if (annotation) bits.push(`${str(annotation.file_id) ?? ''} ${str(annotation.filename) ?? ''} @ ${num(annotation.index) ?? '?'}`);
  if (response) {
    bits.push(`${str(response.id) ?? ''} ${str(response.status) ?? ''}`.trim());
    const output = Array.isArray(response.output) ? response.output.length : 0;
    if (output > 0) bits.push(`${output} output item${output === 1 ? '' : 's'}`);
    const usage = obj(response.usage);
    if (usage && num(usage.total_tokens) !== null) bits.push(`${num(usage.total_tokens)} tokens`);
    const error = obj(response.error);
    if (error) bits.push(`error ${str(error.code) ?? ''}: ${str(error.message) ?? ''}`);
  }
  // deltas: the text is what matters; the item and indexes are in the JSON
  if (str(event.delta) === null) {
    const oi = num(event.output_index);
    if (oi !== null) bits.push(`oi ${oi}`);
    const ci = num(event.content_index);
    if (ci !== null) bits.push(`ci ${ci}`);
  }
  return bits.join(' · ');
}

/** Where an event comes from, in words: `turn 1 · chunk 30`, `turn 0 · tool execution`. */
export function sourceLabel(source: EventSource): string {
  const where =
    source.phase === 'chunk' && source.step !== null
      ? `chunk ${source.step}${source.emittedAt !== undefined ? ` (sent after ${source.emittedAt})` : ''}`
      : source.phase === 'prologue'
        ? 'before the chunks'
        : source.phase === 'after-chunks'
          ? 'after the chunks'
          : source.phase === 'tools'
            ? 'tool execution'
            : 'end';
  return `turn ${source.turn} · ${where}`;
}

export function sequenceLabel(event: Readonly<Record<string, unknown>>): string {
  const n = num(event.sequence_number);
  return n === null ? '—' : `#${n}`;
}

/** Counts for the panel header: `55 of 86 emitted`, `+ 1 derived`, `12 shown · …` under a type filter. */
export function progressText(c: { shown: number; emitted: number; total: number; derived: number; filtered: boolean }): string {
  const base = `${c.emitted} of ${c.total} emitted${c.derived > 0 ? ` + ${c.derived} derived` : ''}`;
  return c.filtered ? `${c.shown} shown · ${base}` : base;
}
