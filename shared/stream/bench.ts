// Hook for the project's benchmark (no timing asserts in unit tests). The clock is injected
// because this module has no Node/DOM APIs (pass `performance.now`).
import { stateAt } from './state';
import { buildTimeline } from './timeline';

export interface TimelineBenchResult {
  readonly steps: number;
  readonly buildMs: number;
  /** Mean time of one stateAt call over `stateAtCalls` positions spread over the stream. */
  readonly stateAtMicros: number;
}

export function benchTimeline(record: unknown, now: () => number, stateAtCalls = 10_000): TimelineBenchResult {
  const t0 = now();
  const timeline = buildTimeline(record);
  const t1 = now();
  const n = timeline.steps.length;
  for (let i = 0; i < stateAtCalls; i++) stateAt(timeline, (i * 7919) % Math.max(1, n));
  const t2 = now();
  return { steps: n, buildMs: t1 - t0, stateAtMicros: ((t2 - t1) * 1000) / Math.max(1, stateAtCalls) };
}
