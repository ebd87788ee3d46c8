// Chain → the Responses event stream the server would have sent (spec §1–4, §6), following
// `StreamingResponseOrchestrator.create_response`: created, in_progress, the MCP listing, then per
// turn the chunk events, approvals, the HEAD reasoning item, the final message or tool
// execution, and one terminal event. Item ids are random on the server; here they are
// deterministic placeholders (`placeholderIds: true`). Never throws: problems become `issues`.
import { buildTimeline } from '../stream/index';
import type { ChainTurn, TurnChain } from './chains';
import { analyzeCitations, type CitationAnalysis, type ToolResultSource } from './citations';
import { Emitter } from './emitter';
import type { DerivedSyntheticEvent, EmittedEvent, EventSource, OutputItem, ResponseObject, Usage, Version } from './event-types';
import { guardHook, planGuards, refusalText } from './guardrails';
import {
  asArray,
  asRecord,
  asString,
  chatRequestOf,
  clientModelOf,
  isExceptionRecording,
  providerOf,
  responseOf,
  roleOf,
  testIdOf,
  toolDefs,
  type ChatRequest,
} from './recording';
import { errorFromException, reconstructTools, snapshot, UsageAccumulator, type ResponseContext } from './response-object';
import { synthesize } from './synthetic-events';
import {
  closeFunctionCall,
  emitApproval,
  emitReasoningItem,
  executeServerCall,
  findResult,
  type ClassifiedCall,
  type DeriveIssue,
  type ExecContext,
} from './tool-execution';
import { classifyToolName, isServerSide, type ToolKind, type ToolKindOverrides } from './tool-kinds';
import { looksLikeFileSearchResult, parseFileSearchResult, type FileSearchResult } from './tool-results';
import { processTurnChunks } from './turn-stream';
import { resolveFeatures, type Features } from './versions';

export type { DeriveIssue } from './tool-execution';

export interface DeriveOptions {
  /** Server behaviour to reproduce; HEAD by default. */
  readonly version?: Version;
  /** Per-feature adjustments of the preset (recordings between the versions mix features). */
  readonly features?: Partial<Features>;
  readonly toolKinds?: ToolKindOverrides;
  /** The MCP server's label is not recorded; default `mcp_server` (a placeholder). */
  readonly mcpServerLabel?: string;
  /**
   * MCP approval is not recorded either. 'auto': a chain that ends with MCP calls and no later
   * turn is taken as awaiting approval; 'always' / 'never' force it.
   */
  readonly mcpApproval?: 'auto' | 'always' | 'never';
  /** `max_infer_iters` of the request (default 10). */
  readonly maxInferIters?: number;
  /** Whether the Responses client streamed; 'auto' reads `non_streaming` in the test id. */
  readonly clientStream?: boolean | 'auto';
  /** HEAD reads reasoning only from wrapping providers (vLLM, Ollama, Bedrock); override the detection. */
  readonly reasoningProvider?: boolean;
}

export type Terminal = 'completed' | 'incomplete' | 'failed' | 'none';

export interface TurnInfo {
  readonly turn: number;
  readonly path: string;
  /** Placeholder `msg_…` id of the turn (one per turn, even without a message). */
  readonly msgId: string | null;
  readonly messageOutputIndex: number | null;
  readonly chunkCount: number;
  readonly text: string;
  readonly reasoning: string;
  readonly refusal: string;
  readonly finishReason: string | null;
  readonly toolCalls: readonly {
    readonly index: number;
    readonly itemId: string;
    readonly id: string | null;
    readonly name: string | null;
    readonly arguments: string;
    readonly kind: ToolKind | 'unknown';
  }[];
  readonly exception: boolean;
  /** [first, last] index in `events` of the events attributed to this turn (the first turn
   *  includes created/in_progress, the last one the terminal event); null if none. */
  readonly eventRange: readonly [number, number] | null;
}

export type HttpBody =
  | { readonly kind: 'sse' }
  | { readonly kind: 'response'; readonly response: ResponseObject }
  | { readonly kind: 'http-error'; readonly message: string };

export interface ParsedToolResult {
  readonly turn: number;
  readonly toolCallId: string | null;
  readonly name: string | null;
  readonly result: FileSearchResult;
}

export interface DerivedStream {
  readonly chainId: string;
  readonly version: Version;
  readonly features: Features;
  /** What the server sends, in wire order, each with the chunk that caused it. */
  readonly events: readonly EmittedEvent[];
  /** Defined-but-never-sent events (§1.2, §5.6), labelled synthetic, without sequence numbers. */
  readonly derived: readonly DerivedSyntheticEvent[];
  /** The terminal event's response object (null when the stream has no terminal event). */
  readonly response: ResponseObject | null;
  readonly terminal: Terminal;
  /** Client-side convenience (§6.2): every output_text of every message, concatenated. */
  readonly outputText: string;
  readonly usage: Usage | null;
  /** Citations of the final answer (null when the response ends without a message). */
  readonly citations: CitationAnalysis | null;
  readonly answerTurn: number | null;
  readonly toolResults: readonly ParsedToolResult[];
  readonly turns: readonly TurnInfo[];
  /** Item and response ids are placeholders; the server's are random. */
  readonly placeholderIds: true;
  /** Other values that are placeholders or reconstructions (created_at, tools, labels, …). */
  readonly placeholders: readonly string[];
  readonly httpBody: HttpBody;
  readonly issues: readonly DeriveIssue[];
}

const WRAPPING_PROVIDERS = ['vllm', 'ollama', 'bedrock'];

function lastUserText(req: ChatRequest | undefined): string | null {
  if (!req) return null;
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (roleOf(m) === 'user') {
      const c = asRecord(m)?.content;
      return typeof c === 'string' ? c : null;
    }
  }
  return null;
}

/** File-search results in a turn's request: after the base = this response, before = earlier ones. */
function toolSources(turn: ChainTurn, chain: TurnChain): ToolResultSource[] {
  const req = chatRequestOf(turn.record);
  if (!req) return [];
  const out: ToolResultSource[] = [];
  let assistants = 0;
  req.messages.forEach((m, i) => {
    if (i >= chain.baseMessageCount && roleOf(m) === 'assistant') assistants++;
    if (roleOf(m) !== 'tool') return;
    const content = asRecord(m)?.content;
    if (!looksLikeFileSearchResult(content)) return;
    const id = asString(asRecord(m)?.tool_call_id) ?? null;
    const current = i >= chain.baseMessageCount;
    out.push({
      result: parseFileSearchResult(content, { toolCallId: id }),
      scope: current ? 'current' : 'earlier',
      // block b after the base answers the calls of turn b
      turn: current ? assistants - 1 : null,
      toolCallId: id,
      messageIndex: i,
    });
  });
  return out;
}

function emptyStream(
  chainId: string,
  version: Version,
  f: Features,
  issues: DeriveIssue[],
  httpBody: HttpBody = { kind: 'sse' },
): DerivedStream {
  return {
    chainId,
    version,
    features: f,
    events: [],
    derived: [],
    response: null,
    terminal: 'none',
    outputText: '',
    usage: null,
    citations: null,
    answerTurn: null,
    toolResults: [],
    turns: [],
    placeholderIds: true,
    placeholders: [],
    httpBody,
    issues,
  };
}

/** Derive the Responses stream of a chain. */
export function deriveEvents(chain: TurnChain, options: DeriveOptions = {}): DerivedStream {
  const version = options.version ?? 'HEAD';
  const f = resolveFeatures(version, options.features);
  try {
    return derive(chain, options, version, f);
  } catch (e) {
    return emptyStream(chain?.id ?? '', version, f, [
      {
        kind: 'internal-error',
        severity: 'warning',
        message: `derivation failed: ${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
}

function derive(chain: TurnChain, options: DeriveOptions, version: Version, f: Features): DerivedStream {
  const issues: DeriveIssue[] = [];
  const turns = chain.turns;
  const first = turns[0];
  if (!first)
    return emptyStream(chain.id, version, f, [{ kind: 'empty-chain', severity: 'warning', message: 'the chain has no turns' }]);
  if (first.index > 0)
    issues.push({
      kind: 'missing-turns',
      severity: 'warning',
      turn: 0,
      message: `turns before ${first.index} are missing: output indexes and sequence numbers start as if turn ${first.index} were the first`,
    });
  const overrides = options.toolKinds ?? {};
  const maxIters = Math.max(1, Math.floor(options.maxInferIters ?? 10));
  const mcpLabel = options.mcpServerLabel ?? 'mcp_server';
  const placeholders = new Set<string>([
    'response id and item ids',
    'created_at / completed_at (0)',
    'response.tools (reconstructed from the chat tools)',
  ]);
  const em = new Emitter();
  const responseId = em.id('resp');
  const req0 = chatRequestOf(first.record);
  const defs0 = req0 ? toolDefs(req0) : [];
  const kindOf = (name: string | null, t: ChainTurn = first): ReturnType<typeof classifyToolName> => {
    const r = chatRequestOf(t.record);
    return classifyToolName(name, r ? toolDefs(r) : defs0, overrides);
  };
  const model = clientModelOf(first.record, req0);
  if (model.source === 'chat-request') placeholders.add('model (the chat model id; the client id is not recorded)');
  const firstChunk = asRecord(asRecord(asArray(responseOf(first.record)?.body)?.[0])?.__data__);
  const rctx: ResponseContext = {
    id: responseId,
    model: model.model,
    tools: reconstructTools(defs0, (n) => kindOf(n), mcpLabel),
    request: req0,
    serviceTier: asString(firstChunk?.service_tier) ?? null,
  };
  const output: OutputItem[] = [];
  const usage = new UsageAccumulator();
  const clientStream =
    options.clientStream === undefined || options.clientStream === 'auto'
      ? !/non_streaming/.test(testIdOf(first.record) ?? '')
      : options.clientStream;

  const guardsActive = chain.guards.length > 0;
  if (guardsActive && !f.guardrails) {
    return emptyStream(
      chain.id,
      version,
      f,
      [
        {
          kind: 'guardrails-unsupported',
          severity: 'warning',
          message: 'this server version rejects guardrails (shields) before streaming: no events',
        },
      ],
      {
        kind: 'http-error',
        message: 'NotImplementedError: shields are not supported',
      },
    );
  }

  const snap = (
    status: ResponseObject['status'],
    extra: {
      error?: ResponseObject['error'];
      incompleteReason?: string | null;
      output?: readonly OutputItem[];
      usage?: Usage | null;
    } = {},
  ): ResponseObject =>
    snapshot(rctx, f, {
      status,
      output: extra.output ?? [...output],
      usage: extra.usage !== undefined ? extra.usage : usage.value(f),
      error: extra.error ?? null,
      incompleteReason: extra.incompleteReason ?? null,
    });
  const prologue: EventSource = { turn: first.index, step: null, phase: 'prologue' };

  const created = snap('in_progress', { output: [], usage: null });
  if (f.sequenceOnCreatedCompleted) em.emitAt({ type: 'response.created', response: created }, 0, prologue);
  else em.emitUnnumbered({ type: 'response.created', response: created }, prologue);
  em.emit({ type: 'response.in_progress', response: snap('in_progress', { output: [], usage: null }) }, prologue);

  const infos: TurnInfo[] = [];
  const toolResults: ParsedToolResult[] = [];
  let citations: CitationAnalysis | null = null;
  let answerTurn: number | null = null;
  let answer: { turn: number; msgId: string; moi: number; partDone: number } | null = null;
  let terminal: Terminal = 'none';
  let finalResponse: ResponseObject | null = null;
  const finish = (kind: Exclude<Terminal, 'none'>, response: ResponseObject, turn: number, step: number | null = null): void => {
    const src: EventSource = { turn, step, phase: 'terminal' };
    if (kind === 'completed') {
      if (f.sequenceOnCreatedCompleted) em.emit({ type: 'response.completed', response }, src);
      else em.emitUnnumbered({ type: 'response.completed', response }, src);
    } else em.emit({ type: kind === 'failed' ? 'response.failed' : 'response.incomplete', response }, src);
    terminal = kind;
    finalResponse = response;
  };
  const refuse = (g: (typeof chain.guards)[number], turn: number, step: number | null = null): void => {
    placeholders.add('refusal message text (only the guard verdict is recorded)');
    const message: OutputItem = {
      type: 'message',
      id: null,
      role: 'assistant',
      status: null,
      content: [{ type: 'refusal', refusal: refusalText(g) }],
    };
    finish('completed', snap('completed', { output: [message], usage: null }), turn, step);
  };

  // input guardrail
  const userText = lastUserText(req0);
  if (guardsActive) {
    const plan = planGuards(chain.guards, userText, '');
    if (plan.input?.verdict === 'unsafe') {
      refuse(plan.input, first.index);
      return result();
    }
    if (!plan.input)
      issues.push({
        kind: 'guard-input-check-missing',
        severity: 'info',
        message: 'no recorded guard verdict for the input; taken as safe',
      });
  }

  // MCP listing before the first turn (§3.5)
  const mcpDefs = defs0.filter((d) => kindOf(d.name) === 'mcp');
  if (mcpDefs.length > 0) {
    placeholders.add('MCP server_label');
    const tools = mcpDefs.map((d) => ({ name: d.name, description: d.description, input_schema: d.parameters ?? {} }));
    const id = em.id('mcp_list');
    const oi = output.length;
    em.emit({ type: 'response.mcp_list_tools.in_progress' }, prologue);
    em.emit(
      {
        type: 'response.output_item.added',
        response_id: responseId,
        item: { type: 'mcp_list_tools', id, server_label: mcpLabel, tools: f.mcpListToolsAddedFull ? tools : [] },
        output_index: oi,
      },
      prologue,
    );
    em.emit({ type: 'response.mcp_list_tools.completed' }, prologue);
    const item: OutputItem = { type: 'mcp_list_tools', id, server_label: mcpLabel, tools };
    em.emit({ type: 'response.output_item.done', response_id: responseId, item, output_index: oi }, prologue);
    output.push(item);
  }

  for (let i = 0; i < turns.length; i++) {
    const t = turns[i]!;
    const next = turns[i + 1];
    const req = chatRequestOf(t.record);
    const baseInfo = { turn: t.index, path: t.path };
    if (isExceptionRecording(t.record)) {
      // replay raises before any stored chunk is replayed (§3.8)
      infos.push({
        ...baseInfo,
        msgId: null,
        messageOutputIndex: null,
        chunkCount: 0,
        text: '',
        reasoning: '',
        refusal: '',
        finishReason: null,
        toolCalls: [],
        exception: true,
        eventRange: null,
      });
      finish('failed', snap('failed', { error: errorFromException(responseOf(t.record), f) }), t.index);
      break;
    }
    const timeline = buildTimeline(t.record);
    const effort = asString(req?.body.reasoning_effort);
    const reasoningEnabled =
      options.reasoningProvider ??
      (effort !== undefined && effort !== 'none' && WRAPPING_PROVIDERS.includes(providerOf(t.record, req) ?? ''));
    const isMcpName = (n: string): boolean => kindOf(n, t) === 'mcp';
    const isAnnouncedAsFunction = (n: string | null): boolean => {
      const k = kindOf(n, t);
      return !(k === 'mcp' || k === 'file_search' || k === 'web_search');
    };
    let hook: ((text: string) => 'flush' | 'cut' | null) | undefined;
    let plan: ReturnType<typeof planGuards> | undefined;
    if (guardsActive) {
      const finalText = timeline.tracks.choices[0]?.content.text ?? '';
      plan = planGuards(chain.guards, userText, finalText);
      hook = guardHook(plan);
      em.startBuffer();
      issues.push({
        kind: 'guardrail-approximation',
        severity: 'info',
        turn: t.index,
        message: `guardrail batching reconstructed from ${plan.output.length} recorded output check(s): text events are held until a recorded safe verdict covers them`,
      });
    }
    const res = processTurnChunks(
      {
        emitter: em,
        features: f,
        turn: t.index,
        responseId,
        outputLength: () => output.length,
        usage,
        reasoningEnabled,
        isMcpName,
        isAnnouncedAsFunction,
        ...(hook ? { afterChunk: (text: string) => hook!(text) } : {}),
      },
      timeline,
    );
    const calls: ClassifiedCall[] = res.calls.map((c) => {
      let kind = kindOf(c.name, t);
      if (kind === 'file_search' && !f.fileSearchNames.includes(c.name ?? '')) kind = 'unknown';
      if (kind === 'unknown' && f.unknownTool === 'client') kind = 'function';
      return { ...c, kind };
    });
    const info = (): TurnInfo => ({
      ...baseInfo,
      msgId: res.msgId,
      messageOutputIndex: res.messageOutputIndex,
      chunkCount: timeline.chunkCount,
      text: res.text,
      reasoning: res.reasoning,
      refusal: res.refusal,
      finishReason: res.finishReason,
      toolCalls: calls.map((c) => ({
        index: c.index,
        itemId: c.itemId,
        id: c.id,
        name: c.name,
        arguments: c.args,
        kind: c.kind,
      })),
      exception: false,
      eventRange: null, // filled in at the end, when buffered events have their final places
    });

    if (res.cutAt !== null && plan) {
      const dropped = em.drop();
      em.stopBuffer();
      const g = plan.output.find((x) => x.verdict === 'unsafe')!;
      issues.push({
        kind: 'guardrail-refusal',
        severity: 'info',
        turn: t.index,
        message: `the guard verdict ${g.path} flagged the output at chunk ${res.cutAt}: ${dropped} held event(s) dropped, response replaced by a refusal`,
      });
      refuse(g, t.index, res.cutAt);
      infos.push(info());
      break;
    }
    em.stopBuffer();

    const unknown = calls.find((c) => c.kind === 'unknown');
    if (unknown) {
      issues.push({
        kind: 'unknown-tool',
        severity: 'warning',
        turn: t.index,
        message: `this server version does not know the tool ${unknown.name ?? '(unnamed)'} and fails the response${unknown.name === 'file_search' ? ' (V2510 knows only knowledge_search: a HEAD-era recording? see suggestVersion or features.fileSearchNames)' : ''}`,
      });
      infos.push(info());
      finish(
        'failed',
        snap('failed', {
          error: {
            code: f.errorCodes === 'openai' ? 'server_error' : 'internal_error',
            message: `Unknown tool: ${unknown.name ?? '(unnamed)'}`,
          },
        }),
        t.index,
      );
      break;
    }
    const mcpCalls = calls.filter((c) => c.kind === 'mcp');
    const approvalMode = options.mcpApproval ?? 'auto';
    const needsApproval = mcpCalls.length > 0 && (approvalMode === 'always' || (approvalMode === 'auto' && next === undefined));
    if (needsApproval && approvalMode === 'auto') {
      issues.push({
        kind: 'mcp-approval-assumed',
        severity: 'info',
        turn: t.index,
        message: 'no turn follows these MCP calls: taken as awaiting approval (mcp_approval_request); set mcpApproval to change',
      });
    }
    const exec: ExecContext = { emitter: em, features: f, turn: t.index, responseId, output, mcpLabel, issues };
    const approvals = needsApproval ? mcpCalls : [];
    for (const c of approvals) emitApproval(exec, c);
    if (f.reasoningItem && res.reasoning !== '') emitReasoningItem(exec, res.reasoning);

    if (calls.length === 0) {
      // The final message: citations extracted from the raw text (§5).
      const sources = toolSources(t, chain);
      citations = analyzeCitations(res.text, sources, { deltas: res.textDeltas });
      const item: OutputItem = {
        type: 'message',
        id: res.msgId,
        role: 'assistant',
        status: 'completed',
        content: [
          {
            type: 'output_text',
            text: citations.cleanedText,
            annotations: [...citations.annotations],
            logprobs: f.logprobs ? res.logprobs : null,
          },
        ],
      };
      output.push(item);
      answerTurn = t.index;
      answer = { turn: t.index, msgId: res.msgId, moi: res.messageOutputIndex, partDone: res.textPartDoneIndex };
      infos.push(info());
      if (res.finishReason === 'length') finish('incomplete', snap('incomplete', { incompleteReason: 'length' }), t.index);
      else finish('completed', snap('completed'), t.index);
      break;
    }

    const server = calls.filter((c) => isServerSide(c.kind) && !approvals.includes(c));
    const client = calls.filter((c) => c.kind === 'function');
    for (const c of server) {
      const r = findResult(c, calls.indexOf(c), next?.toolResults);
      const parsed = executeServerCall(exec, c, r);
      if (parsed) toolResults.push({ turn: t.index, toolCallId: c.id, name: c.name, result: parsed });
    }
    for (const c of client) closeFunctionCall(exec, c);
    infos.push(info());
    if (client.length > 0 || server.length === 0) {
      finish('completed', snap('completed'), t.index);
      break;
    }
    if (i + 1 >= maxIters) {
      finish('incomplete', snap('incomplete', { incompleteReason: 'max_iterations_exceeded' }), t.index);
      break;
    }
    if (!next) {
      issues.push({
        kind: 'stream-continues',
        severity: 'warning',
        turn: t.index + 1,
        message: `the response continues in turn ${t.index + 1}, which was not recorded: no terminal event`,
      });
      break;
    }
  }
  if (em.buffering) em.stopBuffer();

  return result();

  function result(): DerivedStream {
    const response = finalResponse as ResponseObject | null;
    const derived = answer ? synthesize(em.events, citations, answer) : [];
    const outputText = (response?.output ?? [])
      .flatMap((o) => (o.type === 'message' ? o.content.flatMap((p) => (p.type === 'output_text' ? [p.text] : [])) : []))
      .join('');
    const httpBody: HttpBody = clientStream
      ? { kind: 'sse' }
      : terminal === 'failed'
        ? { kind: 'http-error', message: response?.error?.message ?? 'response failed' }
        : response
          ? { kind: 'response', response }
          : { kind: 'http-error', message: 'no terminal response' };
    const turnsWithRanges = infos.map((t): TurnInfo => {
      let lo = -1;
      let hi = -1;
      em.events.forEach((e, i) => {
        if (e.source.turn !== t.turn) return;
        if (lo < 0) lo = i;
        hi = i;
      });
      return { ...t, eventRange: lo < 0 ? null : [lo, hi] };
    });
    return {
      chainId: chain.id,
      version,
      features: f,
      events: em.events,
      derived,
      response,
      terminal,
      outputText,
      usage: response?.usage ?? usage.value(f),
      citations,
      answerTurn,
      toolResults,
      turns: turnsWithRanges,
      placeholderIds: true,
      placeholders: [...placeholders],
      httpBody,
      issues,
    };
  }
}

/**
 * Events sent up to chunk `step` of `turn` (a UI synced with that turn's timeline). Events not
 * tied to a chunk count before the turn's first chunk (prologue) or after its last one (done
 * events, tool execution, terminal); events held by the guardrail buffer count when flushed.
 * `step: null` means the turn is fully consumed.
 */
export function eventsUpTo(stream: DerivedStream, turn: number, step: number | null): EmittedEvent[] {
  const info = stream.turns.find((t) => t.turn === turn);
  const lastStep = info ? info.chunkCount - 1 : -1;
  const whole = step === null || step >= lastStep;
  return stream.events.filter(({ source: s }) => {
    if (s.turn < turn) return true;
    if (s.turn > turn) return false;
    if (s.phase === 'prologue') return true;
    // when it was sent: held events count at their flush, a guardrail refusal at its chunk
    const at = s.emittedAt ?? s.step;
    if (at !== null) return step === null || at <= step;
    return whole;
  });
}
