// Wire shapes of the Responses streaming events llama-stack emits (spec §1.1, §1.3, §6), as
// JSON objects with the server's field names (arrays are plain JSON arrays, not readonly). Fields that exist at one version only are optional
// (`sequence_number` on created/completed, `logprobs` on text deltas, most response fields).
// Deliberately not the openai-node types: llama-stack differs from them in documented ways
// (`response.mcp_call.arguments.delta`, sequence-number-only mcp events, no `action` on
// web_search_call, …); the tests check the overlap field by field.
import type { FileCitationAnnotation } from './citations';

export type Version = 'HEAD' | 'V2510';

export interface Logprob {
  readonly token: string;
  readonly logprob: number;
  readonly bytes: number[] | null;
  readonly top_logprobs: { readonly token: string; readonly logprob: number; readonly bytes: number[] | null }[];
}

export interface OutputTextPart {
  readonly type: 'output_text';
  readonly text: string;
  readonly annotations: FileCitationAnnotation[];
  /** V2510: null; HEAD: [] unless logprobs were requested. */
  readonly logprobs: Logprob[] | null;
}
export interface RefusalPart {
  readonly type: 'refusal';
  readonly refusal: string;
}
export interface ReasoningTextPart {
  readonly type: 'reasoning_text';
  readonly text: string;
}

export interface MessageItem {
  readonly type: 'message';
  /** null only for the HEAD guardrail refusal message (§3.7). */
  readonly id: string | null;
  readonly role: 'assistant';
  readonly status: 'in_progress' | 'completed' | 'incomplete' | null;
  readonly content: (OutputTextPart | RefusalPart)[];
}

export interface FunctionCallItem {
  readonly type: 'function_call';
  readonly id: string;
  readonly call_id: string;
  readonly name: string;
  readonly arguments: string;
  readonly status: 'in_progress' | 'completed';
}

export interface FileSearchResultEntry {
  readonly file_id: string;
  /** Equals the file id, not the filename (§1.3). */
  readonly filename: string;
  readonly score: number;
  readonly text: string;
  /** `{}` at V2510; the chunk metadata at HEAD (non-scalar values shown as their Python literal). */
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

export interface FileSearchCallItem {
  readonly type: 'file_search_call';
  readonly id: string;
  readonly queries: string[];
  readonly status: 'in_progress' | 'searching' | 'completed' | 'failed';
  readonly results: FileSearchResultEntry[] | null;
}

export interface WebSearchCallItem {
  readonly type: 'web_search_call';
  readonly id: string;
  readonly status: 'in_progress' | 'searching' | 'completed' | 'failed';
}

export interface McpCallItem {
  readonly type: 'mcp_call';
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
  readonly server_label: string;
  readonly output: string | null;
  readonly error: string | null;
}

export interface McpListToolsItem {
  readonly type: 'mcp_list_tools';
  readonly id: string;
  readonly server_label: string;
  readonly tools: { readonly name: string; readonly description: string | null; readonly input_schema: unknown }[];
}

export interface McpApprovalRequestItem {
  readonly type: 'mcp_approval_request';
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
  readonly server_label: string;
}

export interface ReasoningItem {
  readonly type: 'reasoning';
  readonly id: string;
  readonly summary: { readonly type: 'summary_text'; readonly text: string }[];
  readonly content: { readonly type: 'reasoning_text'; readonly text: string }[];
  readonly status: 'in_progress' | 'completed';
}

export type OutputItem =
  | MessageItem
  | FunctionCallItem
  | FileSearchCallItem
  | WebSearchCallItem
  | McpCallItem
  | McpListToolsItem
  | McpApprovalRequestItem
  | ReasoningItem;

export interface Usage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly total_tokens: number;
  /** HEAD: always present; V2510: null when no chunk reported the detail. */
  readonly input_tokens_details: { readonly cached_tokens: number } | null;
  readonly output_tokens_details: { readonly reasoning_tokens: number } | null;
}

export interface ResponseError {
  readonly code: string;
  readonly message: string;
}

/**
 * The `response` object of created / in_progress / terminal events (§6.1). V2510 has the first
 * fifteen fields; HEAD adds the rest. Values the recording does not hold are placeholders
 * (`DerivedStream.placeholders` lists them).
 */
export interface ResponseObject {
  readonly id: string;
  readonly object: 'response';
  readonly created_at: number;
  readonly model: string;
  readonly status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  readonly output: OutputItem[];
  readonly text: { readonly format: { readonly type: 'text' } };
  readonly tools: Readonly<Record<string, unknown>>[];
  readonly error: ResponseError | null;
  readonly usage: Usage | null;
  readonly parallel_tool_calls: boolean;
  readonly previous_response_id: string | null;
  readonly temperature: number | null;
  readonly top_p: number | null;
  readonly truncation: 'auto' | 'disabled' | null;
  // HEAD only
  readonly background?: boolean;
  readonly completed_at?: number | null;
  readonly frequency_penalty?: number;
  readonly presence_penalty?: number;
  readonly top_logprobs?: number;
  readonly tool_choice?: string;
  readonly incomplete_details?: { readonly reason: string } | null;
  readonly instructions?: string | null;
  readonly prompt?: null;
  readonly prompt_cache_key?: string | null;
  readonly max_tool_calls?: number | null;
  readonly max_output_tokens?: number | null;
  readonly reasoning?: { readonly effort: string | null; readonly summary: string | null } | null;
  readonly safety_identifier?: string | null;
  readonly service_tier?: string;
  readonly metadata?: Readonly<Record<string, string>> | null;
  readonly store?: boolean;
}

interface Seq {
  readonly sequence_number: number;
}
interface ItemRef extends Seq {
  readonly item_id: string;
  readonly output_index: number;
}

export interface ResponseCreatedEvent {
  readonly type: 'response.created';
  readonly response: ResponseObject;
  /** HEAD only (= 0). */
  readonly sequence_number?: number;
}
export interface ResponseInProgressEvent extends Seq {
  readonly type: 'response.in_progress';
  readonly response: ResponseObject;
}
export interface ResponseCompletedEvent {
  readonly type: 'response.completed';
  readonly response: ResponseObject;
  /** HEAD only (= last + 1). */
  readonly sequence_number?: number;
}
export interface ResponseIncompleteEvent extends Seq {
  readonly type: 'response.incomplete';
  readonly response: ResponseObject;
}
export interface ResponseFailedEvent extends Seq {
  readonly type: 'response.failed';
  readonly response: ResponseObject;
}
export interface OutputItemAddedEvent extends Seq {
  readonly type: 'response.output_item.added';
  readonly response_id: string;
  readonly item: OutputItem;
  readonly output_index: number;
}
export interface OutputItemDoneEvent extends Seq {
  readonly type: 'response.output_item.done';
  readonly response_id: string;
  readonly item: OutputItem;
  readonly output_index: number;
}
export interface ContentPartAddedEvent extends ItemRef {
  readonly type: 'response.content_part.added';
  readonly response_id: string;
  readonly content_index: number;
  readonly part: OutputTextPart | ReasoningTextPart | RefusalPart;
}
export interface ContentPartDoneEvent extends ItemRef {
  readonly type: 'response.content_part.done';
  readonly response_id: string;
  readonly content_index: number;
  readonly part: OutputTextPart | ReasoningTextPart | RefusalPart;
}
export interface OutputTextDeltaEvent extends ItemRef {
  readonly type: 'response.output_text.delta';
  readonly content_index: number;
  readonly delta: string;
  /** HEAD only. */
  readonly logprobs?: Logprob[];
}
export interface ReasoningTextDeltaEvent extends ItemRef {
  readonly type: 'response.reasoning_text.delta';
  readonly content_index: number;
  readonly delta: string;
}
export interface ReasoningTextDoneEvent extends ItemRef {
  readonly type: 'response.reasoning_text.done';
  readonly content_index: number;
  readonly text: string;
}
export interface RefusalDeltaEvent extends ItemRef {
  readonly type: 'response.refusal.delta';
  readonly content_index: number;
  readonly delta: string;
}
export interface RefusalDoneEvent extends ItemRef {
  readonly type: 'response.refusal.done';
  readonly content_index: number;
  readonly refusal: string;
}
export interface FunctionCallArgumentsDeltaEvent extends ItemRef {
  readonly type: 'response.function_call_arguments.delta';
  readonly delta: string;
}
export interface FunctionCallArgumentsDoneEvent extends ItemRef {
  readonly type: 'response.function_call_arguments.done';
  readonly arguments: string;
}
/** llama-stack spelling; openai-node calls it `response.mcp_call_arguments.delta`. */
export interface McpCallArgumentsDeltaEvent extends ItemRef {
  readonly type: 'response.mcp_call.arguments.delta';
  readonly delta: string;
}
export interface McpCallArgumentsDoneEvent extends ItemRef {
  readonly type: 'response.mcp_call.arguments.done';
  readonly arguments: string;
}
export interface McpListToolsInProgressEvent extends Seq {
  readonly type: 'response.mcp_list_tools.in_progress';
}
export interface McpListToolsCompletedEvent extends Seq {
  readonly type: 'response.mcp_list_tools.completed';
}
export interface McpCallInProgressEvent extends ItemRef {
  readonly type: 'response.mcp_call.in_progress';
}
/** Sequence number only: llama-stack sends no item_id here (§1.1). */
export interface McpCallCompletedEvent extends Seq {
  readonly type: 'response.mcp_call.completed';
}
export interface McpCallFailedEvent extends Seq {
  readonly type: 'response.mcp_call.failed';
}
/** `in_progress` / `searching` / `completed` of a file_search or web_search call. */
export interface ToolProgressEvent<T extends string> extends ItemRef {
  readonly type: T;
}
export type FileSearchCallInProgressEvent = ToolProgressEvent<'response.file_search_call.in_progress'>;
export type FileSearchCallSearchingEvent = ToolProgressEvent<'response.file_search_call.searching'>;
export type FileSearchCallCompletedEvent = ToolProgressEvent<'response.file_search_call.completed'>;
export type WebSearchCallInProgressEvent = ToolProgressEvent<'response.web_search_call.in_progress'>;
export type WebSearchCallSearchingEvent = ToolProgressEvent<'response.web_search_call.searching'>;
export type WebSearchCallCompletedEvent = ToolProgressEvent<'response.web_search_call.completed'>;

/** Every event type the server emits (§1.1; the SSE-layer `error` is never derivable from turns). */
export type ResponsesStreamEvent =
  | ResponseCreatedEvent
  | ResponseInProgressEvent
  | ResponseCompletedEvent
  | ResponseIncompleteEvent
  | ResponseFailedEvent
  | OutputItemAddedEvent
  | OutputItemDoneEvent
  | ContentPartAddedEvent
  | ContentPartDoneEvent
  | OutputTextDeltaEvent
  | ReasoningTextDeltaEvent
  | ReasoningTextDoneEvent
  | RefusalDeltaEvent
  | RefusalDoneEvent
  | FunctionCallArgumentsDeltaEvent
  | FunctionCallArgumentsDoneEvent
  | McpCallArgumentsDeltaEvent
  | McpCallArgumentsDoneEvent
  | McpListToolsInProgressEvent
  | McpListToolsCompletedEvent
  | McpCallInProgressEvent
  | McpCallCompletedEvent
  | McpCallFailedEvent
  | FileSearchCallInProgressEvent
  | FileSearchCallSearchingEvent
  | FileSearchCallCompletedEvent
  | WebSearchCallInProgressEvent
  | WebSearchCallSearchingEvent
  | WebSearchCallCompletedEvent;

export type ResponsesEventType = ResponsesStreamEvent['type'];

/** Declared in the API union but never sent (§1.2); offered only as labelled synthetic events. */
export interface OutputTextDoneEvent {
  readonly type: 'response.output_text.done';
  readonly item_id: string;
  readonly output_index: number;
  readonly content_index: number;
  readonly text: string;
}
export interface OutputTextAnnotationAddedEvent {
  readonly type: 'response.output_text.annotation.added';
  readonly item_id: string;
  readonly output_index: number;
  readonly content_index: number;
  readonly annotation_index: number;
  readonly annotation: FileCitationAnnotation;
}
export type SyntheticEvent = OutputTextDoneEvent | OutputTextAnnotationAddedEvent;

/** Where an event comes from. `step` = chunk index in that turn's timeline, null if no chunk caused it. */
export interface EventSource {
  readonly turn: number;
  readonly step: number | null;
  /** Chunk after which the event was actually sent, when later than `step` (held by the guardrail buffer). */
  readonly emittedAt?: number;
  /** prologue (before the turn's chunks), chunk, after-chunks (done events), tools (execution), terminal. */
  readonly phase: 'prologue' | 'chunk' | 'after-chunks' | 'tools' | 'terminal';
}

export interface EmittedEvent {
  readonly event: ResponsesStreamEvent;
  readonly source: EventSource;
}

export interface DerivedSyntheticEvent {
  readonly event: SyntheticEvent;
  readonly source: EventSource;
  readonly synthetic: true;
  /** Index in `events` of the wire event it would follow. */
  readonly after: number;
  readonly note: string;
}
