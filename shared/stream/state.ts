// O(1) state lookup (per choice / tool call): every value was precomputed per step by the
// builder, so a position is a handful of array reads and string slices; no re-folding.
import type { ChoiceState, ChoiceTrack, StreamState, TextTrack, Timeline, ToolCallState, ToolTrack, ValueTrack } from './types';

const textAt = (t: TextTrack, from: number, k: number): string =>
  k < from ? '' : t.text.slice(0, t.len[k - from] ?? t.text.length);

function valueAt<T>(t: ValueTrack<T>, from: number, k: number): T | null {
  if (k < from) return null;
  const i = t.at[k - from] ?? -1;
  return i < 0 ? null : (t.values[i] ?? null);
}

// JSON text can only end in one of these; skips JSON.parse for most partial fragments.
const JSON_END = new Set(['}', ']', '"', 'e', 'l', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

function mayBeJson(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && /\s/.test(s.charAt(i))) i--;
  return i >= 0 && JSON_END.has(s.charAt(i));
}

type Parsed = { readonly len: number; readonly ok: boolean; readonly value?: unknown };
// Last parse per tool call: scrubbing past the end of a call re-asks for the same length.
// Keyed by the track object, so a JSON-copied timeline simply starts with an empty cache.
const parseCache = new WeakMap<TextTrack, Parsed>();

function parseArgs(track: TextTrack, args: string): Parsed {
  const hit = parseCache.get(track);
  if (hit && hit.len === args.length) return hit;
  let res: Parsed = { len: args.length, ok: false };
  if (mayBeJson(args)) {
    try {
      res = { len: args.length, ok: true, value: JSON.parse(args) as unknown };
    } catch {
      /* partial */
    }
  }
  parseCache.set(track, res);
  return res;
}

function toolAt(t: ToolTrack, k: number): ToolCallState {
  const args = textAt(t.args, t.from, k);
  const base = { index: t.index, id: valueAt(t.id, t.from, k), name: valueAt(t.name, t.from, k), arguments: args };
  const p = parseArgs(t.args, args);
  // parsedArguments may be shared between states: treat it as read-only.
  return p.ok ? { ...base, argumentsParse: 'complete', parsedArguments: p.value } : { ...base, argumentsParse: 'partial' };
}

function choiceAt(c: ChoiceTrack, k: number): ChoiceState {
  const toolCalls: ToolCallState[] = [];
  for (const t of c.tools) if (t.from <= k) toolCalls.push(toolAt(t, k));
  return {
    index: c.index,
    role: valueAt(c.role, c.from, k),
    content: textAt(c.content, c.from, k),
    reasoning: textAt(c.reasoning, c.from, k),
    refusal: textAt(c.refusal, c.from, k),
    toolCalls,
    finishReason: valueAt(c.finish, c.from, k),
  };
}

/** State after step `k` (clamped to [-1, steps.length - 1]; -1 = nothing received yet). */
export function stateAt(timeline: Timeline, k: number): StreamState {
  const last = timeline.steps.length - 1;
  const pos = Number.isNaN(k) ? last : Math.max(-1, Math.min(last, Math.trunc(k)));
  const { tracks } = timeline;
  return {
    position: pos,
    choices: tracks.choices.map((c) => choiceAt(c, pos)),
    usage: valueAt(tracks.usage, 0, pos),
    ...(timeline.error && tracks.errorStep >= 0 && pos >= tracks.errorStep ? { error: timeline.error } : {}),
  };
}

export const finalState = (timeline: Timeline): StreamState => stateAt(timeline, timeline.steps.length - 1);
