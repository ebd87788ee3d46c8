// The serialisable view of a Responses turn chain and its derived event stream, sent from the host
// to the renderer (`responseChain`) and printed by `show --json`. It is the core's TurnChain /
// DerivedStream without the whole recordings (`record`), without the Python literal trees of chunk
// attributes (replaced by display pairs) and without raw chunk parts: small enough to send for the
// largest chain of a folder. Pure: no DOM, no Node.
import {
  buildChains,
  chainFor,
  deriveEvents,
  suggestVersion,
  type CandidateHash,
  type ChainInput,
  type ChainIssue,
  type CitationAnalysis,
  type CitationFileEntry,
  type CitationMarker,
  type DerivedStream,
  type FileCitationAnnotation,
  type FileSearchChunk,
  type FileSearchResult,
  type LinkKind,
  type ProducedToolCall,
  type TurnChain,
  type Version,
  type VersionSuggestion,
} from './responses/index';
import type { PyNode } from './responses/python-literal';

export type ResponsesVersion = Version;

/** One attribute of a chunk as printed: strings unquoted, numbers as written (`1680307200.0`). */
export interface AttributeView {
  readonly key: string;
  readonly value: string;
  readonly kind: 'str' | 'int' | 'float' | 'bool' | 'none' | 'other';
}

export interface ChunkView {
  readonly rank: number;
  readonly documentId: string;
  readonly score: number | null;
  readonly scoreText: string;
  readonly filename: string | null;
  readonly fileId: string | null;
  readonly chunkId: string | null;
  readonly text: string;
  /** Null when the chunk has no attributes or they could not be read as a literal (see attributesRaw). */
  readonly attributes: readonly AttributeView[] | null;
  readonly attributesRaw: string;
  readonly attributesParse: FileSearchChunk['attributesParse'];
  readonly cite: FileSearchChunk['cite'];
}

export interface FileSearchResultView extends Omit<FileSearchResult, 'chunks'> {
  readonly chunks: readonly ChunkView[];
}

export interface ChunkRefView {
  readonly scope: 'current' | 'earlier';
  readonly turn: number | null;
  readonly toolCallId: string | null;
  readonly messageIndex: number | null;
  readonly query: string | null;
  readonly chunk: ChunkView;
}

export interface CitationMarkerView extends Omit<CitationMarker, 'resolution'> {
  readonly resolution: { readonly kind: CitationMarker['resolution']['kind']; readonly note: string; readonly chunks: readonly ChunkRefView[] };
}

export interface CitationsView {
  readonly rawText: string;
  readonly cleanedText: string;
  readonly annotations: readonly FileCitationAnnotation[];
  readonly annotationViews: readonly { readonly annotation: FileCitationAnnotation; readonly marker: number; readonly chunks: readonly ChunkRefView[] }[];
  readonly markers: readonly CitationMarkerView[];
  readonly citationFiles: readonly CitationFileEntry[];
  readonly deltasReproduceText: boolean | null;
}

/**
 * A DerivedStream as the renderer receives it: the same fields (built one by one in streamView, so a new
 * one is a deliberate choice), with citations and tool results in their serialisable view forms.
 */
export type StreamView = Omit<DerivedStream, 'features' | 'citations' | 'toolResults'> & {
  readonly citations: CitationsView | null;
  readonly toolResults: readonly { readonly turn: number; readonly toolCallId: string | null; readonly name: string | null; readonly result: FileSearchResultView }[];
};

export interface ToolResultSummary {
  readonly toolCallId: string | null;
  readonly name: string | null;
  readonly arguments: string | null;
  readonly kind: string;
  readonly messageIndex: number;
  /** The start of the tool message's text (the whole text is in the turn's recording). */
  readonly preview: string;
  readonly chars: number;
}

export interface ChainTurnView {
  readonly index: number;
  readonly path: string;
  readonly link: 'start' | LinkKind;
  readonly hash: CandidateHash;
  readonly alternatives: readonly string[];
  readonly toolCalls: readonly ProducedToolCall[];
  /** Tool messages this turn's request answers (the results of the previous turn's calls). */
  readonly toolResults: readonly ToolResultSummary[];
}

export interface CandidateView {
  readonly path: string;
  readonly turn: number;
  readonly chosen: boolean;
  readonly terminal: boolean;
  readonly exception: boolean;
  readonly hashStatus: CandidateHash['status'];
  readonly parents: readonly { readonly path: string; readonly by: LinkKind }[];
  readonly unproducedIds: readonly string[];
  readonly irregular: string | null;
}

export interface ChainSummaryView {
  readonly id: string;
  readonly testId: string | null;
  readonly complete: boolean;
  readonly pinned: string | null;
  readonly baseMessageCount: number;
  readonly turns: readonly ChainTurnView[];
  readonly issues: readonly ChainIssue[];
  readonly candidates: readonly CandidateView[];
  readonly guards: readonly { readonly path: string; readonly verdict: string; readonly categories: readonly string[] }[];
}

/** Result of the `responseChain` host method. */
export interface ResponseChainResult {
  readonly path: string;
  readonly version: Version;
  /** Null when the recording belongs to no chain (`note` says why). */
  readonly chain: ChainSummaryView | null;
  readonly stream: StreamView | null;
  /** Turn index of `path` in the chain. */
  readonly turn: number | null;
  /** Which server version the recordings look like (only a hint; HEAD stays the default). */
  readonly suggestion: VersionSuggestion | null;
  readonly note: string | null;
  /** Recordings of the test that were read to find the chain. */
  readonly recordings: number;
}

// ---- conversions ----

const PREVIEW_CHARS = 240;

function attributeKind(n: PyNode): AttributeView['kind'] {
  switch (n.kind) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
    case 'none':
      return n.kind;
    default:
      return 'other';
  }
}

/** Display pairs of a chunk's attribute literal, in printed order. */
export function attributeViews(node: PyNode | null): AttributeView[] | null {
  if (!node || node.kind !== 'dict') return null;
  return node.entries.map(([k, v]) => ({
    key: k.kind === 'str' ? k.value : k.raw,
    value: v.kind === 'str' ? v.value : v.raw,
    kind: attributeKind(v),
  }));
}

export function chunkView(c: FileSearchChunk): ChunkView {
  return {
    rank: c.rank,
    documentId: c.documentId,
    score: c.score !== null && Number.isFinite(c.score) ? c.score : null,
    scoreText: c.scoreText,
    filename: c.filename,
    fileId: c.fileId,
    chunkId: c.chunkId,
    text: c.text,
    attributes: attributeViews(c.attributesNode),
    attributesRaw: c.attributesRaw,
    attributesParse: c.attributesParse,
    cite: c.cite,
  };
}

export function fileSearchResultView(r: FileSearchResult): FileSearchResultView {
  return { ...r, chunks: r.chunks.map(chunkView) };
}

function chunkRefs(refs: CitationAnalysis['markers'][number]['resolution']['chunks']): ChunkRefView[] {
  return refs.map((r) => ({ scope: r.scope, turn: r.turn, toolCallId: r.toolCallId, messageIndex: r.messageIndex, query: r.query, chunk: chunkView(r.chunk) }));
}

export function citationsView(c: CitationAnalysis): CitationsView {
  return {
    rawText: c.rawText,
    cleanedText: c.cleanedText,
    annotations: c.annotations,
    annotationViews: c.annotationViews.map((v) => ({ annotation: v.annotation, marker: v.marker, chunks: chunkRefs(v.chunks) })),
    markers: c.markers.map((m) => ({ ...m, resolution: { kind: m.resolution.kind, note: m.resolution.note, chunks: chunkRefs(m.resolution.chunks) } })),
    citationFiles: c.citationFiles,
    deltasReproduceText: c.deltasReproduceText,
  };
}

export function streamView(s: DerivedStream): StreamView {
  return {
    chainId: s.chainId,
    version: s.version,
    events: s.events,
    derived: s.derived,
    response: s.response,
    terminal: s.terminal,
    outputText: s.outputText,
    usage: s.usage,
    citations: s.citations ? citationsView(s.citations) : null,
    answerTurn: s.answerTurn,
    toolResults: s.toolResults.map((t) => ({ turn: t.turn, toolCallId: t.toolCallId, name: t.name, result: fileSearchResultView(t.result) })),
    turns: s.turns,
    placeholderIds: true,
    placeholders: s.placeholders,
    httpBody: s.httpBody,
    issues: s.issues,
  };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (typeof p === 'string' ? p : typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .join('');
  }
  if (content === null || content === undefined) return '';
  try {
    return JSON.stringify(content);
  } catch {
    return String(content);
  }
}

export function chainSummaryView(chain: TurnChain): ChainSummaryView {
  const chosen = new Set(chain.turns.map((t) => t.path));
  return {
    id: chain.id,
    testId: chain.testId,
    complete: chain.complete,
    pinned: chain.pinned,
    baseMessageCount: chain.baseMessageCount,
    turns: chain.turns.map((t) => ({
      index: t.index,
      path: t.path,
      link: t.link,
      hash: t.hash,
      alternatives: t.alternatives,
      toolCalls: t.toolCalls,
      toolResults: t.toolResults.map((r) => {
        const text = contentText(r.content);
        return {
          toolCallId: r.toolCallId, name: r.name, arguments: r.arguments, kind: r.kind, messageIndex: r.messageIndex,
          preview: text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text, chars: text.length,
        };
      }),
    })),
    issues: chain.issues,
    candidates: chain.candidates.map((c) => ({
      path: c.path, turn: c.turn, chosen: chosen.has(c.path), terminal: c.terminal, exception: c.exception,
      hashStatus: c.hash.status, parents: c.parents, unproducedIds: c.unproducedIds, irregular: c.irregular,
    })),
    guards: chain.guards.map((g) => ({ path: g.path, verdict: g.verdict, categories: g.categories })),
  };
}

/**
 * The chain `path` belongs to among `inputs` (recordings of one test, `path` included) and its
 * derived stream at `version`. Never throws on odd recordings.
 */
export function responseChainResult(path: string, inputs: readonly ChainInput[], version: Version = 'HEAD'): ResponseChainResult {
  const chains = buildChains(inputs);
  const chain = chainFor(path, chains);
  return resultForChain(path, chain, version, inputs.length);
}

export function resultForChain(path: string, chain: TurnChain | undefined, version: Version, recordings: number): ResponseChainResult {
  if (!chain) {
    return {
      path, version, chain: null, stream: null, turn: null, suggestion: null, recordings,
      note: 'This recording is not a turn of a Responses request: only streaming chat-completion recordings (stream: true) form turn chains.',
    };
  }
  const stream = deriveEvents(chain, { version });
  return {
    path,
    version,
    chain: chainSummaryView(chain),
    stream: streamView(stream),
    turn: chain.turns.find((t) => t.path === path)?.index ?? null,
    suggestion: suggestVersion(chain),
    note: null,
    recordings,
  };
}
