export { buildTimeline } from './timeline';
export { stateAt, finalState } from './state';
export { streamSummary } from './summary';
export type { StreamSummary, SummaryFinal, SummaryToolCall } from './summary';
export { benchTimeline } from './bench';
export type { TimelineBenchResult } from './bench';
export { parseSseLines } from './sse';
export type { SseEvent } from './sse';
export type * from './types';
