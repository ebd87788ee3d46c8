// Public types of the stream timeline. Everything here is plain data (JSON-serialisable),
// so a Timeline can cross IPC / worker boundaries and `stateAt` still works on the copy.

/** What a single step contributed. `choice` is -1 for stream-level deltas (usage, error). */
export type DeltaField =
  | 'role'
  | 'content'
  | 'reasoning'
  | 'refusal'
  | 'toolId'
  | 'toolName'
  | 'toolArgs'
  | 'finish'
  | 'usage'
  | 'error';

export interface Delta {
  readonly choice: number;
  readonly field: DeltaField;
  /** Appended text (content/reasoning/refusal/toolArgs), new value (role/toolId/toolName/finish),
   *  compact JSON (usage) or the message (error). */
  readonly text: string;
  readonly toolIndex?: number;
  /** Structured value for usage (the merged usage) and error deltas. */
  readonly value?: unknown;
}

export interface Step {
  readonly index: number;
  /** Class name (`ChatCompletionChunk`), SSE event name, or a shape label. */
  readonly kind: string;
  /** The chunk as stored (SSE: `{ event, data, lines }` for the event's lines). */
  readonly raw: unknown;
  readonly added: readonly Delta[];
  /** Why nothing (or not everything) was understood, or a one-line description of a non-text body. */
  readonly note?: string;
  /** SSE only: [start, end) indexes into `response.body` of the lines forming this event. */
  readonly lines?: readonly [number, number];
}

export type MarkerKind = 'first-token' | 'tool-call' | 'finish' | 'usage' | 'error';

export interface Marker {
  readonly step: number;
  readonly kind: MarkerKind;
  readonly label: string;
  readonly choice?: number;
  readonly toolIndex?: number;
}

export interface TimelineError {
  readonly type: string;
  readonly message: string;
  readonly status?: number;
  readonly category?: string;
}

/** Cumulative text: `len[k - from]` is the length of `text` after step k. */
export interface TextTrack {
  readonly text: string;
  readonly len: readonly number[];
}

/** Piecewise-constant value: `at[k - from]` indexes `values` after step k (-1 = none yet). */
export interface ValueTrack<T> {
  readonly values: readonly T[];
  readonly at: readonly number[];
}

export interface ToolTrack {
  readonly index: number;
  /** Step at which the tool call first appeared. */
  readonly from: number;
  readonly id: ValueTrack<string>;
  readonly name: ValueTrack<string>;
  readonly args: TextTrack;
}

export interface ChoiceTrack {
  readonly index: number;
  /** Step at which the choice first appeared (== steps.length if it never did). */
  readonly from: number;
  readonly content: TextTrack;
  readonly reasoning: TextTrack;
  readonly refusal: TextTrack;
  readonly role: ValueTrack<string>;
  readonly finish: ValueTrack<string>;
  readonly tools: readonly ToolTrack[];
}

/** Precomputed by the single pass of buildTimeline; makes stateAt O(choices + tool calls). */
export interface TimelineTracks {
  readonly choices: readonly ChoiceTrack[];
  /** from = 0 */
  readonly usage: ValueTrack<Readonly<Record<string, unknown>>>;
  /** First step carrying an error delta, -1 if none. */
  readonly errorStep: number;
}

export interface Timeline {
  /** e.g. `chat-completion-chunks`, `sse:anthropic-messages`, `chat-completion`, `exception`. */
  readonly variant: string;
  /** One step per chunk (true) or a single step for the whole body (false). */
  readonly streaming: boolean;
  readonly steps: readonly Step[];
  /** Steps that come from the body (chunks / SSE events); excludes the synthetic exception step. */
  readonly chunkCount: number;
  /** Choice indexes, ascending; always at least one. */
  readonly choices: readonly number[];
  readonly markers: readonly Marker[];
  readonly error?: TimelineError;
  readonly tracks: TimelineTracks;
}

export interface ToolCallState {
  readonly index: number;
  readonly id: string | null;
  readonly name: string | null;
  readonly arguments: string;
  /** 'complete' when `JSON.parse(arguments)` succeeds. */
  readonly argumentsParse: 'complete' | 'partial';
  readonly parsedArguments?: unknown;
}

export interface ChoiceState {
  readonly index: number;
  readonly role: string | null;
  readonly content: string;
  readonly reasoning: string;
  readonly refusal: string;
  readonly toolCalls: readonly ToolCallState[];
  readonly finishReason: string | null;
}

export interface StreamState {
  /** Step index the state is taken after; -1 = before the first step. */
  readonly position: number;
  readonly choices: readonly ChoiceState[];
  readonly usage: Readonly<Record<string, unknown>> | null;
  readonly error?: TimelineError;
}
