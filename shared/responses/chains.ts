// Responses turn chains (spec §0, §2, §10 item 13). One Responses request drives several
// streaming chat completions; each is its own recording. Turn k+1's messages are turn k's plus
// one assistant message (turn k's tool calls) plus one tool message per server-side call.
//
// Recordings are grouped by test_id and by the messages that precede the response (everything up
// to the last user message, or up to the last client-side function output: a client function
// call ends a response, its output starts a new one). Inside a group, a candidate at turn d+1 is
// linked to a candidate at turn d:
//   - by id: the assistant message's tool-call ids are the ids turn d produced, and the earlier
//     history is identical;
//   - by structure (only when no id link exists): same tool names and arguments, other ids. Turns
//     of one test can come from different recording runs, because the hash ignores scores and
//     UUIDs (§10.13), so ids are a hint, structure is the fallback.
//
// Chosen turns = the best path through the links, compared in this order:
//   1. starts at turn 0;  2. ends with a terminal turn (no server-side tool call left to answer);
//   3. fewest structure-only links;  4. fewest candidates whose hash status is not `current`;
//   5. newest last turn (hash algorithm era, then provider_metadata);  6. longer;
//   7. path names in lexical order (deterministic).
// Every other candidate stays listed (`alternatives`, `candidates`), and `chainFor` re-chooses a
// chain around any file the user opened.
import { buildTimeline, finalState } from '../stream/index';
import { candidateHash, eraRank, type CandidateHash, type HashProfileOption } from './candidate-rank';
import {
  asArray,
  asRecord,
  asString,
  chatRequestOf,
  isExceptionRecording,
  isStreamRequest,
  messageToolCalls,
  roleOf,
  stableStringify,
  testIdOf,
  toolDefs,
  type ChatRequest,
  type MessageToolCall,
  type ToolDef,
} from './recording';
import { classifyToolName, isServerSide, type ToolKind, type ToolKindOverrides } from './tool-kinds';
import type { HashStatus } from '../hash/request-hash';

export interface ChainInput {
  readonly path: string;
  /** The recording as `JSON.parse` returns it. */
  readonly record: unknown;
  /** The file text, if at hand: the hash status is then computed losslessly. */
  readonly text?: string;
  /** A hash status computed elsewhere (wins over `text`). */
  readonly hash?: HashStatus;
}

export interface ChainOptions {
  /** Hash algorithm in force for the folder (default head-2026-04); may depend on the path. */
  readonly hashProfile?: HashProfileOption;
  readonly toolKinds?: ToolKindOverrides;
}

export interface ProducedToolCall {
  readonly index: number;
  readonly id: string | null;
  readonly name: string | null;
  readonly arguments: string;
  readonly kind: ToolKind | 'unknown';
}

export interface ConsumedToolResult {
  readonly toolCallId: string | null;
  /** Name and arguments of the assistant tool call this message answers (null if none matches). */
  readonly name: string | null;
  readonly arguments: string | null;
  readonly kind: ToolKind | 'unknown';
  readonly content: unknown;
  /** Index in the request's `messages`. */
  readonly messageIndex: number;
}

export type LinkKind = 'id' | 'structure';

export interface TurnCandidate {
  readonly path: string;
  readonly record: unknown;
  /** Turn index inside the response (number of assistant tool-call blocks before it). */
  readonly turn: number;
  readonly hash: CandidateHash;
  readonly era: number;
  readonly toolCalls: readonly ProducedToolCall[];
  readonly toolResults: readonly ConsumedToolResult[];
  /** Candidates of the previous turn this one can follow. */
  readonly parents: readonly { readonly path: string; readonly by: LinkKind }[];
  /** True when the response ends here (no server-side call to answer, an error, or a client call). */
  readonly terminal: boolean;
  readonly exception: boolean;
  /** Tool-call ids this turn answers that no candidate of the previous turn produced. */
  readonly unproducedIds: readonly string[];
  readonly irregular: string | null;
}

export interface ChainTurn {
  readonly index: number;
  readonly path: string;
  readonly record: unknown;
  readonly toolCalls: readonly ProducedToolCall[];
  readonly toolResults: readonly ConsumedToolResult[];
  /** How this turn follows the previous chosen turn ('start' for the first one). */
  readonly link: 'start' | LinkKind;
  readonly hash: CandidateHash;
  /** Other recordings that claim the same turn. */
  readonly alternatives: readonly string[];
}

export type ChainIssueKind =
  | 'ambiguous-turn'
  | 'unproduced-tool-call'
  | 'structure-link'
  | 'missing-turns'
  | 'missing-answer'
  | 'off-path-candidates'
  | 'irregular-messages'
  | 'exception-turn'
  | 'hash-approximate';

export interface ChainIssue {
  readonly kind: ChainIssueKind;
  readonly severity: 'info' | 'warning';
  readonly message: string;
  readonly turn?: number;
  readonly paths?: readonly string[];
  readonly ids?: readonly string[];
}

export interface GuardRecording {
  readonly path: string;
  readonly record: unknown;
  readonly verdict: 'safe' | 'unsafe' | 'unknown';
  /** `S1`… codes of an unsafe verdict. */
  readonly categories: readonly string[];
  /** The conversation text the guard model was asked about (the `User:` part). */
  readonly checkedText: string | null;
}

export interface TurnChain {
  /** `<test id>#<n>`; n numbers the responses of one test in message order. */
  readonly id: string;
  readonly testId: string | null;
  readonly turns: readonly ChainTurn[];
  readonly issues: readonly ChainIssue[];
  /** All recordings of this response, chosen or not. */
  readonly candidates: readonly TurnCandidate[];
  /** Messages before the response's first turn (history, instructions, input). */
  readonly baseMessageCount: number;
  /** Guard-model verdicts recorded under the same test id (guardrails, HEAD; §3.7). */
  readonly guards: readonly GuardRecording[];
  /** Set when `chainFor`/`pinChain` re-chose the turns around this path. */
  readonly pinned: string | null;
  /** Starts at turn 0 and ends with a terminal turn. */
  readonly complete: boolean;
}

// ---- per-recording analysis ----

interface Block {
  readonly assistant: number;
  readonly calls: readonly MessageToolCall[];
  readonly tools: readonly number[];
}

interface Analysed {
  readonly input: ChainInput;
  readonly testId: string | null;
  readonly req: ChatRequest;
  readonly defs: readonly ToolDef[];
  readonly baseLen: number;
  readonly baseKey: string;
  readonly blocks: readonly Block[];
  readonly irregular: string | null;
  readonly produced: readonly ProducedToolCall[];
  readonly exception: boolean;
  readonly finishLength: boolean;
}

/** Assistant(tool_calls) + tool* blocks after `from`; null + reason when the shape is off. */
function parseBlocks(messages: readonly unknown[], from: number): { blocks: Block[]; irregular: string | null } {
  const blocks: Block[] = [];
  let irregular: string | null = null;
  let i = from;
  while (i < messages.length) {
    const role = roleOf(messages[i]);
    if (role !== 'assistant') {
      irregular ??= `message ${i} (${role || 'no role'}) where an assistant message was expected`;
      i++;
      continue;
    }
    const calls = messageToolCalls(messages[i]);
    if (calls.length === 0) irregular ??= `assistant message ${i} has no tool_calls`;
    const tools: number[] = [];
    let j = i + 1;
    while (j < messages.length && roleOf(messages[j]) === 'tool') tools.push(j++);
    if (calls.length > 0 && tools.length !== calls.length)
      irregular ??= `assistant message ${i} has ${calls.length} tool calls but ${tools.length} tool messages follow`;
    blocks.push({ assistant: i, calls, tools });
    i = j;
  }
  return { blocks, irregular };
}

function analyse(input: ChainInput, overrides: ToolKindOverrides): Analysed | undefined {
  const req = chatRequestOf(input.record);
  if (!req || !isStreamRequest(req)) return undefined;
  const defs = toolDefs(req);
  const messages = req.messages;
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (roleOf(m) === 'user') lastUser = i;
  });
  const { blocks: all, irregular } = parseBlocks(messages, lastUser + 1);
  // A block holding a client-side call ends the previous response; its output opens this one.
  let start = 0;
  all.forEach((b, k) => {
    if (b.calls.some((c) => classifyToolName(c.name, defs, overrides) === 'function')) start = k + 1;
  });
  const blocks = all.slice(start);
  const prev = all[start - 1];
  const baseLen = prev ? (prev.tools[prev.tools.length - 1] ?? prev.assistant) + 1 : lastUser + 1;
  const exception = isExceptionRecording(input.record);
  let produced: ProducedToolCall[] = [];
  let finishLength = false;
  if (!exception) {
    const state = finalState(buildTimeline(input.record));
    for (const ch of state.choices) {
      for (const tc of ch.toolCalls) {
        produced.push({
          index: tc.index,
          id: tc.id,
          name: tc.name,
          arguments: tc.arguments,
          kind: classifyToolName(tc.name, defs, overrides),
        });
      }
      if (ch.finishReason === 'length') finishLength = true;
    }
    produced = produced.sort((a, b) => a.index - b.index);
  }
  return {
    input,
    testId: testIdOf(input.record),
    req,
    defs,
    baseLen,
    baseKey: stableStringify(messages.slice(0, baseLen)),
    blocks,
    irregular,
    produced,
    exception,
    finishLength,
  };
}

function consumed(a: Analysed, overrides: ToolKindOverrides): ConsumedToolResult[] {
  const last = a.blocks[a.blocks.length - 1];
  if (!last) return [];
  return last.tools.map((mi) => {
    const m = asRecord(a.req.messages[mi]);
    const id = asString(m?.tool_call_id) ?? null;
    const call = last.calls.find((c) => c.id === id) ?? null;
    return {
      toolCallId: id,
      name: call?.name ?? null,
      arguments: call?.arguments ?? null,
      kind: classifyToolName(call?.name, a.defs, overrides),
      content: m?.content ?? null,
      messageIndex: mi,
    };
  });
}

const normArgs = (s: string): string => {
  try {
    return stableStringify(JSON.parse(s));
  } catch {
    return s;
  }
};

const sameCalls = (
  a: readonly { name: string | null; arguments: string }[],
  b: readonly { name: string | null; arguments: string }[],
): boolean =>
  a.length === b.length && a.every((x, i) => x.name === b[i]!.name && normArgs(x.arguments) === normArgs(b[i]!.arguments));

const toolNames = (a: Analysed): string =>
  a.defs
    .map((d) => d.name)
    .sort()
    .join('\u0000');

/** How child (turn d+1) follows parent (turn d), if at all. */
function linkOf(parent: Analysed, child: Analysed): LinkKind | null {
  const d = parent.blocks.length;
  const last = child.blocks[d];
  if (!last || child.blocks.length !== d + 1) return null;
  const ids = last.calls.map((c) => c.id);
  const producedIds = parent.produced.map((c) => c.id);
  const idsMatch =
    ids.length > 0 && ids.length === producedIds.length && ids.every((id, i) => id !== null && id === producedIds[i]);
  const prefixExact =
    stableStringify(child.req.messages.slice(child.baseLen, parent.req.messages.length)) ===
    stableStringify(parent.req.messages.slice(parent.baseLen));
  if (idsMatch && prefixExact) return 'id';
  const prefixSame = parent.blocks.every((b, k) => sameCalls(b.calls, child.blocks[k]!.calls));
  if (prefixSame && sameCalls(last.calls, parent.produced) && toolNames(parent) === toolNames(child)) return 'structure';
  return null;
}

// ---- path choice ----

interface Node {
  cand: TurnCandidate;
  readonly children: Node[];
  parentLinks: { node: Node; by: LinkKind }[];
}

interface PathChoice {
  readonly nodes: readonly Node[];
  readonly links: readonly LinkKind[];
}

const MAX_PATHS = 20000;

function pathKey(p: PathChoice): (number | string)[] {
  const first = p.nodes[0]!.cand;
  const last = p.nodes[p.nodes.length - 1]!.cand;
  return [
    first.turn === 0 ? 0 : 1,
    last.terminal ? 0 : 1,
    p.links.filter((l) => l === 'structure').length,
    p.nodes.filter((n) => n.cand.hash.status !== 'current').length,
    -last.era,
    -p.nodes.length,
    p.nodes.map((n) => n.cand.path).join('\n'),
  ];
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** All root-to-leaf paths (bounded); beyond the bound, greedy per root. */
function enumeratePaths(nodes: readonly Node[]): PathChoice[] {
  const roots = nodes.filter((n) => n.parentLinks.length === 0);
  const out: PathChoice[] = [];
  const walk = (n: Node, acc: Node[], links: LinkKind[]): void => {
    if (out.length >= MAX_PATHS) return;
    acc.push(n);
    if (n.children.length === 0) out.push({ nodes: [...acc], links: [...links] });
    for (const c of n.children) {
      const by = c.parentLinks.find((l) => l.node === n)!.by;
      links.push(by);
      walk(c, acc, links);
      links.pop();
    }
    acc.pop();
  };
  for (const r of roots) walk(r, [], []);
  return out;
}

function bestPath(nodes: readonly Node[], mustContain?: string): PathChoice | undefined {
  let paths = enumeratePaths(nodes);
  if (mustContain !== undefined) paths = paths.filter((p) => p.nodes.some((n) => n.cand.path === mustContain));
  let best: PathChoice | undefined;
  let bestKey: (number | string)[] | undefined;
  for (const p of paths) {
    const k = pathKey(p);
    if (!bestKey || compareKeys(k, bestKey) < 0) [best, bestKey] = [p, k];
  }
  if (best === undefined && mustContain !== undefined) {
    // too many paths to enumerate: the pinned node alone is still a valid (partial) chain
    const n = nodes.find((x) => x.cand.path === mustContain);
    if (n) best = { nodes: [n], links: [] };
  }
  return best;
}

// ---- chain assembly ----

function guardOf(input: ChainInput): GuardRecording | undefined {
  const req = chatRequestOf(input.record);
  if (!req || isStreamRequest(req)) return undefined;
  const prompt = asString(asRecord(req.messages[req.messages.length - 1])?.content) ?? '';
  if (!prompt.includes('<BEGIN CONVERSATION>')) return undefined;
  const conv = /<BEGIN CONVERSATION>\n\n([\s\S]*?)\n\n<END CONVERSATION>/.exec(prompt)?.[1] ?? null;
  const checkedText = conv === null ? null : conv.replace(/^(?:User|Agent): /, '');
  const body = asRecord(asRecord(asRecord(input.record)?.response)?.body);
  const choice = asRecord(asArray(asRecord(body?.__data__)?.choices)?.[0]);
  const content = asString(asRecord(choice?.message)?.content) ?? '';
  const verdict = /^\s*unsafe/.test(content) ? 'unsafe' : /^\s*safe/.test(content) ? 'safe' : 'unknown';
  const categories = verdict === 'unsafe' ? (content.match(/S\d+/g) ?? []) : [];
  return { path: input.path, record: input.record, verdict, categories, checkedText };
}

function makeCandidate(a: Analysed, options: ChainOptions, overrides: ToolKindOverrides): TurnCandidate {
  const hash = candidateHash(a.input, options.hashProfile);
  const serverCalls = a.produced.filter((c) => isServerSide(c.kind));
  const clientCalls = a.produced.filter((c) => !isServerSide(c.kind));
  return {
    path: a.input.path,
    record: a.input.record,
    turn: a.blocks.length,
    hash,
    era: eraRank(hash, a.input.record),
    toolCalls: a.produced,
    toolResults: consumed(a, overrides),
    parents: [],
    terminal: a.exception || a.finishLength || serverCalls.length === 0 || clientCalls.length > 0,
    exception: a.exception,
    unproducedIds: [],
    irregular: a.irregular,
  };
}

function assemble(
  id: string,
  testId: string | null,
  nodes: Node[],
  guards: GuardRecording[],
  baseLen: number,
  pinned: string | null,
): TurnChain {
  const choice = bestPath(nodes, pinned ?? undefined);
  const issues: ChainIssue[] = [];
  const chosen = choice?.nodes ?? [];
  const byTurn = new Map<number, Node[]>();
  for (const n of nodes) byTurn.set(n.cand.turn, [...(byTurn.get(n.cand.turn) ?? []), n]);
  const turns: ChainTurn[] = chosen.map((n, i) => {
    const others = (byTurn.get(n.cand.turn) ?? []).filter((o) => o !== n).map((o) => o.cand.path);
    const link: ChainTurn['link'] = i === 0 ? 'start' : choice!.links[i - 1]!;
    return {
      index: n.cand.turn,
      path: n.cand.path,
      record: n.cand.record,
      toolCalls: n.cand.toolCalls,
      toolResults: n.cand.toolResults,
      link,
      hash: n.cand.hash,
      alternatives: others,
    };
  });

  for (const t of turns) {
    if (t.alternatives.length > 0) {
      issues.push({
        kind: 'ambiguous-turn',
        severity: 'info',
        turn: t.index,
        paths: [t.path, ...t.alternatives],
        message: `turn ${t.index} has ${t.alternatives.length + 1} candidate recordings (re-recorded); chose ${t.path} (linked chain first, then hash status current, then newest)`,
      });
    }
    if (t.link === 'structure') {
      issues.push({
        kind: 'structure-link',
        severity: 'warning',
        turn: t.index,
        paths: [t.path],
        message: `turn ${t.index} follows the previous turn by tool names and arguments only; its tool-call ids differ (recorded in another run)`,
      });
    }
  }
  for (const n of nodes) {
    const c = n.cand;
    if (c.unproducedIds.length > 0) {
      issues.push({
        kind: 'unproduced-tool-call',
        severity: 'warning',
        turn: c.turn,
        paths: [c.path],
        ids: c.unproducedIds,
        message: `${c.path} answers tool call ${c.unproducedIds.join(', ')}, which no recording of turn ${c.turn - 1} produced (that recording is missing or was overwritten)`,
      });
    }
    if (c.irregular !== null)
      issues.push({
        kind: 'irregular-messages',
        severity: 'warning',
        turn: c.turn,
        paths: [c.path],
        message: `${c.path}: ${c.irregular}`,
      });
  }
  const first = chosen[0]?.cand;
  const last = chosen[chosen.length - 1]?.cand;
  if (first && first.turn > 0) {
    issues.push({
      kind: 'missing-turns',
      severity: 'warning',
      turn: 0,
      message: `turns 0–${first.turn - 1} of this response were not found; the chain starts at turn ${first.turn}`,
    });
  }
  if (last && !last.terminal) {
    issues.push({
      kind: 'missing-answer',
      severity: 'warning',
      turn: last.turn + 1,
      paths: [last.path],
      message: `turn ${last.turn} calls server-side tools but no recording of turn ${last.turn + 1} follows it (missing, or the calls awaited MCP approval)`,
    });
  }
  for (const t of chosen) {
    if (t.cand.exception)
      issues.push({
        kind: 'exception-turn',
        severity: 'info',
        turn: t.cand.turn,
        paths: [t.cand.path],
        message: `turn ${t.cand.turn} is a recorded exception: the response fails there`,
      });
  }
  const maxTurn = last?.turn ?? -1;
  const off = nodes
    .filter((n) => n.cand.turn > maxTurn || (first !== undefined && n.cand.turn < first.turn))
    .map((n) => n.cand.path);
  if (off.length > 0) {
    issues.push({
      kind: 'off-path-candidates',
      severity: 'info',
      paths: off,
      message: `${off.length} recording(s) of this response belong to turns outside the chosen chain (other recording runs)`,
    });
  }
  const approx = chosen.filter((n) => n.cand.hash.approximate).map((n) => n.cand.path);
  if (approx.length > 0) {
    issues.push({
      kind: 'hash-approximate',
      severity: 'info',
      paths: approx,
      message:
        'hash status computed from parsed JSON without the file text; floats such as 0.0 may make a current file look mismatched',
    });
  }
  return {
    id,
    testId,
    turns,
    issues,
    candidates: nodes.map((n) => n.cand),
    baseMessageCount: baseLen,
    guards,
    pinned,
    complete: first?.turn === 0 && last?.terminal === true,
  };
}

/** Rebuild the node graph from stored candidates (for pinning a chain without the inputs). */
function nodesFromCandidates(cands: readonly TurnCandidate[]): Node[] {
  const nodes: Node[] = cands.map((c) => ({ cand: c, children: [], parentLinks: [] }));
  const byPath = new Map(nodes.map((n) => [n.cand.path, n]));
  for (const n of nodes) {
    for (const p of n.cand.parents) {
      const parent = byPath.get(p.path);
      if (!parent) continue;
      n.parentLinks.push({ node: parent, by: p.by });
      parent.children.push(n);
    }
  }
  return nodes;
}

/**
 * Find the Responses turn chains of a folder. Inputs that are not streaming chat-completion
 * recordings are ignored, except guard verdicts, which are attached to their test's chains.
 * Never throws on odd recordings (they are skipped).
 */
export function buildChains(inputs: readonly ChainInput[], options: ChainOptions = {}): TurnChain[] {
  const overrides = options.toolKinds ?? {};
  const groups = new Map<string, { testId: string | null; baseLen: number; items: Analysed[] }>();
  const guards = new Map<string, GuardRecording[]>();
  for (const input of inputs) {
    let a: Analysed | undefined;
    try {
      a = analyse(input, overrides);
      if (!a) {
        const g = guardOf(input);
        if (g) {
          const k = testIdOf(input.record) ?? '';
          guards.set(k, [...(guards.get(k) ?? []), g]);
        }
        continue;
      }
    } catch {
      continue; // an unreadable recording is not a turn
    }
    const key = `${a.testId ?? '\u0000'}\u0001${a.baseKey}`;
    const g = groups.get(key) ?? { testId: a.testId, baseLen: a.baseLen, items: [] };
    g.items.push(a);
    groups.set(key, g);
  }

  const ordered = [...groups.values()].sort(
    (x, y) =>
      (x.testId ?? '').localeCompare(y.testId ?? '') ||
      x.baseLen - y.baseLen ||
      (x.items[0]!.input.path < y.items[0]!.input.path ? -1 : 1),
  );
  const perTest = new Map<string, number>();
  const chains: TurnChain[] = [];
  for (const g of ordered) {
    const items = [...g.items].sort((x, y) => (x.input.path < y.input.path ? -1 : x.input.path > y.input.path ? 1 : 0));
    const nodes: Node[] = items.map((a) => ({ cand: makeCandidate(a, options, overrides), children: [], parentLinks: [] }));
    const analysed = new Map(nodes.map((n, i) => [n, items[i]!]));
    const byTurn = new Map<number, Node[]>();
    for (const n of nodes) byTurn.set(n.cand.turn, [...(byTurn.get(n.cand.turn) ?? []), n]);
    for (const child of nodes) {
      const prev = byTurn.get(child.cand.turn - 1) ?? [];
      const ca = analysed.get(child)!;
      const idLinks = prev.filter((p) => linkOf(analysed.get(p)!, ca) === 'id');
      const links =
        idLinks.length > 0
          ? idLinks.map((p) => ({ node: p, by: 'id' as const }))
          : prev.filter((p) => linkOf(analysed.get(p)!, ca) === 'structure').map((p) => ({ node: p, by: 'structure' as const }));
      // A terminal turn ends its response: nothing can follow it.
      child.parentLinks = links.filter((l) => !l.node.cand.terminal);
      for (const l of child.parentLinks) l.node.children.push(child);
      const producedIds = new Set(prev.flatMap((p) => p.cand.toolCalls.map((c) => c.id)));
      const unproduced =
        child.cand.turn > 0
          ? child.cand.toolResults.map((r) => r.toolCallId).filter((x): x is string => x !== null && !producedIds.has(x))
          : [];
      child.cand = {
        ...child.cand,
        parents: child.parentLinks.map((l) => ({ path: l.node.cand.path, by: l.by })),
        unproducedIds: unproduced,
      };
    }
    const testKey = g.testId ?? '';
    const n = perTest.get(testKey) ?? 0;
    perTest.set(testKey, n + 1);
    chains.push(assemble(`${g.testId ?? '(no test id)'}#${n}`, g.testId, nodes, guards.get(testKey) ?? [], g.baseLen, null));
  }
  return chains;
}

/** Re-choose a chain's turns so that `path` is one of them (the rest by the same rule). */
export function pinChain(chain: TurnChain, path: string): TurnChain {
  if (!chain.candidates.some((c) => c.path === path)) return chain;
  if (chain.turns.some((t) => t.path === path)) return chain;
  return assemble(chain.id, chain.testId, nodesFromCandidates(chain.candidates), [...chain.guards], chain.baseMessageCount, path);
}

/**
 * The chain a recording belongs to, with that recording among the chosen turns (re-chosen around
 * it when it was only an alternative). Undefined when the path is in no chain.
 */
export function chainFor(path: string, chains: readonly TurnChain[]): TurnChain | undefined {
  const direct = chains.find((c) => c.turns.some((t) => t.path === path));
  if (direct) return direct;
  const holder = chains.find((c) => c.candidates.some((x) => x.path === path));
  return holder ? pinChain(holder, path) : undefined;
}
