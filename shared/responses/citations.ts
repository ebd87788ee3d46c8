// Citations (spec §5). `extractCitations` is the server's `_extract_citations_from_text` (same at
// V2510 and HEAD): strip every `<|file-…|>` marker plus at most one space before it, and annotate
// the ids that this response's file searches returned. Indexes count Python code points, not
// UTF-16 units. `analyzeCitations` adds the inspector's view: every marker (also the ones the
// server ignores), why it was not annotated, and the chunks it resolves to (§5.5).
import type { FileSearchChunk, FileSearchResult } from './tool-results';

/** The wire annotation object, exactly as the server builds it. */
export interface FileCitationAnnotation {
  readonly type: 'file_citation';
  readonly file_id: string;
  readonly filename: string;
  /** Code-point offset into the cleaned text (points at the character after the marker). */
  readonly index: number;
}

/** Server regex: `file-` + ASCII letters, digits, `_`, `-`. Nothing else is a marker to the server. */
const SERVER_MARKER = /<\|(file-[A-Za-z0-9_-]+)\|>/.source;
/** The sample id of the citation instruction; a model that copies it gets no annotation. */
export const INSTRUCTION_EXAMPLE_ID = 'file-Cn3MSNn72ENTiiq11Qda4A';
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Python `len()` of a JS string: surrogate pairs count once, lone surrogates once each. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export interface ServerCitationMatch {
  readonly id: string;
  /** UTF-16 offsets of the marker in the raw text. */
  readonly rawStart: number;
  readonly rawEnd: number;
  /** Whether a space before the marker was dropped. */
  readonly droppedSpace: boolean;
  /** Code-point offset in the cleaned text where the marker was. */
  readonly index: number;
  readonly annotated: boolean;
}

export interface ExtractedCitations {
  readonly cleanedText: string;
  readonly annotations: readonly FileCitationAnnotation[];
  readonly matches: readonly ServerCitationMatch[];
}

type FileMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function lookup(files: FileMap, id: string): string | undefined {
  if (files instanceof Map) return files.get(id);
  const rec = files as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(rec, id) ? rec[id] : undefined;
}

/** The server's algorithm (§5.2), with code-point indexes. */
export function extractCitations(rawText: string, citationFiles: FileMap): ExtractedCitations {
  const parts: string[] = [];
  const annotations: FileCitationAnnotation[] = [];
  const matches: ServerCitationMatch[] = [];
  let total = 0;
  let lastEnd = 0;
  const re = new RegExp(SERVER_MARKER, 'g');
  for (let m = re.exec(rawText); m !== null; m = re.exec(rawText)) {
    let segment = rawText.slice(lastEnd, m.index);
    const droppedSpace = segment.endsWith(' ');
    if (droppedSpace) segment = segment.slice(0, -1);
    parts.push(segment);
    total += codePointLength(segment);
    const id = m[1]!;
    const filename = lookup(citationFiles, id);
    if (filename !== undefined) annotations.push({ type: 'file_citation', file_id: id, filename, index: total });
    matches.push({
      id,
      rawStart: m.index,
      rawEnd: m.index + m[0].length,
      droppedSpace,
      index: total,
      annotated: filename !== undefined,
    });
    lastEnd = m.index + m[0].length;
  }
  parts.push(rawText.slice(lastEnd));
  return { cleanedText: parts.join(''), annotations, matches };
}

// ---- the inspector's view ----

/** Where a parsed tool result came from. `scope: 'earlier'` = before this response's input. */
export interface ToolResultSource {
  readonly result: FileSearchResult;
  readonly scope: 'current' | 'earlier';
  /** Turn of the chain whose request carried the tool message (null when unknown). */
  readonly turn: number | null;
  readonly toolCallId: string | null;
  /** Index of the tool message in that request's `messages`. */
  readonly messageIndex: number | null;
}

export interface ChunkRef {
  readonly scope: 'current' | 'earlier';
  readonly turn: number | null;
  readonly toolCallId: string | null;
  readonly messageIndex: number | null;
  readonly query: string | null;
  readonly chunk: FileSearchChunk;
}

export interface CitationFileEntry {
  readonly fileId: string;
  /** What the server uses: `attributes.filename`, else "unknown". */
  readonly filename: string;
  /** False when the transcript does not show a filename: the server may still know one (§5.4). */
  readonly filenameInTranscript: boolean;
}

/**
 * `citation_files` of a response (§5.4): filled only by file searches run in this response,
 * keyed by the printed document id, later results overwriting earlier ones (dict update).
 */
export function buildCitationFiles(current: readonly FileSearchResult[]): CitationFileEntry[] {
  const map = new Map<string, CitationFileEntry>();
  for (const r of current) {
    for (const c of r.chunks) {
      if (c.documentId === '' || c.documentId === 'None') continue;
      map.set(c.documentId, {
        fileId: c.documentId,
        filename: c.filename ?? 'unknown',
        filenameInTranscript: c.filename !== null,
      });
    }
  }
  return [...map.values()];
}

export type MarkerSyntax = 'server' | 'pipe' | 'bracket' | 'lenticular';
export type MarkerReason =
  /** A UUID document id (HEAD file-processor era): the server regex does not match it. */
  | 'uuid-id'
  /** `<|…|>` whose id the server regex rejects (None, dots, spaces, no `file-` prefix). */
  | 'not-a-file-id'
  /** `[file-…]` / `【…】` styles: never markers to the server. */
  | 'other-syntax'
  /** Matched and stripped, but no file search of this response returned the id. */
  | 'not-in-citation-files'
  /** The sample id from the citation instruction, copied by the model. */
  | 'instruction-example';

export type ResolutionKind = 'document-id' | 'attributes-file-id' | 'cross-response' | 'unresolved';

export interface MarkerResolution {
  readonly kind: ResolutionKind;
  readonly chunks: readonly ChunkRef[];
  readonly note: string;
}

export interface CitationMarker {
  /** The marker as written, e.g. `<|file-450428750202|>`. */
  readonly raw: string;
  readonly id: string;
  readonly syntax: MarkerSyntax;
  /** UTF-16 offsets in the raw text (JS string indexes). */
  readonly rawStart: number;
  readonly rawEnd: number;
  /** Code-point offset of the marker in the raw text. */
  readonly rawStartCodePoint: number;
  /** Matched by the server regex, hence removed from the final text. */
  readonly stripped: boolean;
  readonly annotated: boolean;
  /** Position in the response's annotation list, or null. */
  readonly annotationIndex: number | null;
  /** Code-point offset in the cleaned text where the marker is (stripped) or starts (left in). */
  readonly cleanedIndex: number;
  /** Why the server produced no annotation (null when it did). */
  readonly reason: MarkerReason | null;
  readonly resolution: MarkerResolution;
  /** Chunk (timeline step) of the delta holding the marker's first / last character, when deltas were given. */
  readonly startStep: number | null;
  readonly endStep: number | null;
}

export interface AnnotationView {
  readonly annotation: FileCitationAnnotation;
  /** Index into `markers`. */
  readonly marker: number;
  readonly chunks: readonly ChunkRef[];
}

export interface CitationAnalysis {
  readonly rawText: string;
  readonly cleanedText: string;
  /** Exactly what the server puts into `content[0].annotations`. */
  readonly annotations: readonly FileCitationAnnotation[];
  readonly annotationViews: readonly AnnotationView[];
  readonly markers: readonly CitationMarker[];
  readonly citationFiles: readonly CitationFileEntry[];
  /** `clean(concat(deltas)) == final text` (§5.3) when deltas were given. */
  readonly deltasReproduceText: boolean | null;
}

export interface AnalyzeOptions {
  /** Text deltas of the answer turn with their timeline step, to place markers in the stream. */
  readonly deltas?: readonly { readonly text: string; readonly step: number }[];
}

function chunkRefs(sources: readonly ToolResultSource[], pick: (c: FileSearchChunk) => boolean): ChunkRef[] {
  const out: ChunkRef[] = [];
  for (const s of sources) {
    for (const chunk of s.result.chunks) {
      if (pick(chunk))
        out.push({
          scope: s.scope,
          turn: s.turn,
          toolCallId: s.toolCallId,
          messageIndex: s.messageIndex,
          query: s.result.query,
          chunk,
        });
    }
  }
  return out;
}

function resolve(id: string, sources: readonly ToolResultSource[], annotated: boolean): MarkerResolution {
  const current = sources.filter((s) => s.scope === 'current');
  const earlier = sources.filter((s) => s.scope === 'earlier');
  const byDoc = chunkRefs(current, (c) => c.documentId === id);
  if (byDoc.length > 0) {
    return {
      kind: 'document-id',
      chunks: byDoc,
      note: annotated
        ? 'document_id of a chunk from this response'
        : 'document_id of a chunk from this response; the server produced no annotation',
    };
  }
  const byFileId = chunkRefs(current, (c) => c.fileId === id);
  if (byFileId.length > 0)
    return {
      kind: 'attributes-file-id',
      chunks: byFileId,
      note: 'resolved via attributes.file_id; the server produced no annotation',
    };
  const cross = chunkRefs(earlier, (c) => c.documentId === id || c.fileId === id);
  if (cross.length > 0)
    return {
      kind: 'cross-response',
      chunks: cross,
      note: 'found only in an earlier response; the server produced no annotation',
    };
  return {
    kind: 'unresolved',
    chunks: [],
    note: id === INSTRUCTION_EXAMPLE_ID ? 'the sample id of the citation instruction' : 'unresolved (hallucinated id)',
  };
}

interface RawMarker {
  readonly raw: string;
  readonly id: string;
  readonly syntax: MarkerSyntax;
  readonly start: number;
  readonly end: number;
}

/** Every marker-looking span: the server's, plus `<|…|>`, `[file-…]` and `【…】` it ignores. */
function scanMarkers(text: string): RawMarker[] {
  const found: RawMarker[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number): boolean => taken.some(([a, b]) => s < b && e > a);
  const scan = (re: RegExp, syntax: MarkerSyntax): void => {
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (overlaps(start, end)) continue;
      taken.push([start, end]);
      found.push({ raw: m[0], id: m[1] ?? '', syntax, start, end });
    }
  };
  scan(new RegExp(SERVER_MARKER, 'g'), 'server');
  scan(/<\|([^|<>\n]{0,200}?)\|>/g, 'pipe');
  scan(/\[(file-[A-Za-z0-9_-]+)\]/g, 'bracket');
  scan(/【([^】\n]{1,200})】/g, 'lenticular');
  return found.sort((a, b) => a.start - b.start);
}

function stepLocator(deltas: AnalyzeOptions['deltas']): ((offset: number) => number | null) | null {
  if (!deltas) return null;
  const ends: number[] = [];
  let acc = 0;
  for (const d of deltas) ends.push((acc += d.text.length));
  return (offset) => {
    // first delta whose end is beyond offset (binary search)
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo < deltas.length ? deltas[lo]!.step : null;
  };
}

/**
 * The citation view of a final answer: server-exact cleaned text and annotations, plus every
 * marker with the chunks it resolves to. `sources` are the parsed tool results of the chain;
 * only `scope: 'current'` ones feed `citation_files`.
 */
export function analyzeCitations(
  rawText: string,
  sources: readonly ToolResultSource[],
  options: AnalyzeOptions = {},
): CitationAnalysis {
  const citationFiles = buildCitationFiles(sources.filter((s) => s.scope === 'current').map((s) => s.result));
  const fileMap = new Map(citationFiles.map((f) => [f.fileId, f.filename]));
  const server = extractCitations(rawText, fileMap);
  const byStart = new Map(server.matches.map((m, i) => [m.rawStart, i]));
  const locate = stepLocator(options.deltas);

  // cleaned position of an unstripped marker: raw code points minus what was removed before it
  let removedCp = 0;
  let nextServer = 0;
  let annotationCursor = 0;
  const markers: CitationMarker[] = [];
  const annotationViews: AnnotationView[] = [];
  for (const m of scanMarkers(rawText)) {
    while (nextServer < server.matches.length && server.matches[nextServer]!.rawEnd <= m.start) {
      const sm = server.matches[nextServer]!;
      removedCp += codePointLength(
        sm.droppedSpace ? rawText.slice(sm.rawStart - 1, sm.rawEnd) : rawText.slice(sm.rawStart, sm.rawEnd),
      );
      nextServer++;
    }
    const rawStartCodePoint = codePointLength(rawText.slice(0, m.start));
    const serverIndex = byStart.get(m.start);
    const sm = serverIndex !== undefined ? server.matches[serverIndex] : undefined;
    const annotated = sm?.annotated ?? false;
    const annotationIndex = annotated ? annotationCursor++ : null;
    let reason: MarkerReason | null = null;
    if (!sm) reason = m.syntax !== 'pipe' ? 'other-syntax' : UUID_RE.test(m.id.trim()) ? 'uuid-id' : 'not-a-file-id';
    else if (!annotated) reason = m.id === INSTRUCTION_EXAMPLE_ID ? 'instruction-example' : 'not-in-citation-files';
    const resolution = resolve(m.id.trim(), sources, annotated);
    const marker: CitationMarker = {
      raw: m.raw,
      id: m.id,
      syntax: m.syntax,
      rawStart: m.start,
      rawEnd: m.end,
      rawStartCodePoint,
      stripped: sm !== undefined,
      annotated,
      annotationIndex,
      cleanedIndex: sm ? sm.index : rawStartCodePoint - removedCp,
      reason,
      resolution,
      startStep: locate ? locate(m.start) : null,
      endStep: locate ? locate(m.end - 1) : null,
    };
    markers.push(marker);
    if (annotationIndex !== null) {
      annotationViews.push({
        annotation: server.annotations[annotationIndex]!,
        marker: markers.length - 1,
        chunks: resolution.chunks,
      });
    }
  }
  let deltasReproduceText: boolean | null = null;
  if (options.deltas) deltasReproduceText = options.deltas.map((d) => d.text).join('') === rawText;
  return {
    rawText,
    cleanedText: server.cleanedText,
    annotations: server.annotations,
    annotationViews,
    markers,
    citationFiles,
    deltasReproduceText,
  };
}
