// Parse the `knowledge_search` / `file_search` tool result (spec §5.7) back into chunks. The
// result reaches a recording only as the text of the next turn's `tool` message: a list of text
// parts (header, one part per chunk, footer, context + citation instruction). Parsing is done
// part by part; every irregularity becomes an issue, never an exception.
import { parsePythonLiteral, pyDictGet, type PyNode, type PyValue } from './python-literal';

export type CiteForm = 'parenthesised' | 'bare' | 'missing';
export type InstructionWording = 'v2510' | 'head' | 'none' | 'unknown';

export interface FileSearchChunk {
  /** The `[n]` number (1-based over the concatenated results). */
  readonly rank: number;
  /** The id printed after `document_id:` (`result.file_id` or `attributes.document_id`; can be `None`). */
  readonly documentId: string;
  /** Score as a JS number (null when unreadable); `scoreText` is the printed Python float. */
  readonly score: number | null;
  readonly scoreText: string;
  /** Parsed attributes (null when absent or when only the fallback could read them). */
  readonly attributes: Readonly<Record<string, PyValue>> | null;
  /** Literal tree, so values can be shown as printed (`1680307200.0`). */
  readonly attributesNode: PyNode | null;
  /** The attribute literal exactly as printed ('' when the part has none). */
  readonly attributesRaw: string;
  /** How the attributes were read: the literal reader, the regex fallback, or not present. */
  readonly attributesParse: 'literal' | 'fallback' | 'absent';
  /** `attributes.filename`; null means the transcript does not show it (server says "unknown"). */
  readonly filename: string | null;
  readonly fileId: string | null;
  readonly chunkId: string | null;
  readonly text: string;
  readonly cite: { readonly id: string | null; readonly form: CiteForm; readonly matchesDocumentId: boolean };
  /** Index of the text part this chunk came from (or of the split piece for string content). */
  readonly part: number;
  readonly raw: string;
}

export type ToolResultIssueKind =
  | 'not-file-search'
  | 'single-string-content'
  | 'count-mismatch'
  | 'cite-mismatch'
  | 'cite-missing'
  | 'attributes-fallback'
  | 'unparsed-part'
  | 'no-header'
  | 'no-query';

export interface ToolResultIssue {
  readonly kind: ToolResultIssueKind;
  readonly message: string;
  readonly part?: number;
  readonly rank?: number;
}

export interface FileSearchResult {
  /** True when the content has the file-search shape (header or chunk parts). */
  readonly recognised: boolean;
  /** `T` from the header / footer: `knowledge_search` (≤ 2026-03-18) or `file_search`. */
  readonly toolName: string | null;
  /** `N` from the header. */
  readonly headerCount: number | null;
  readonly chunks: readonly FileSearchChunk[];
  readonly query: string | null;
  readonly querySource: 'context' | 'arguments' | null;
  readonly instruction: InstructionWording;
  /** The zero-result ending: `query.\n` (V2510) or `query. \n` (HEAD). */
  readonly emptyEnding: 'v2510' | 'head' | null;
  readonly contentForm: 'parts' | 'string' | 'other';
  readonly toolCallId: string | null;
  readonly issues: readonly ToolResultIssue[];
}

export interface ParseToolResultOptions {
  readonly toolCallId?: string | null;
  /** The assistant tool call's arguments JSON: fallback source of the query. */
  readonly argumentsJson?: string | null;
}

const HEADER_RE = /^(\w+) tool found (\d+) chunks?:\nBEGIN of (\w+) tool results\.\n?$/;
const FOOTER_RE = /^END of (\w+) tool results\.\n?$/;
const CHUNK_START_RE = /^\[(\d+)\] document_id: /;
const CONTEXT_RE =
  /^The above results were retrieved to help answer the user's query: "([\s\S]*)"\. Use them as supporting information only in answering this query\.([\s\S]*)$/;
const SCORE_RE = /[-+]?(?:inf|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/y;
const ATTR_SEP = ', attributes: ';

/** Text of every part, or null for a part that is not text. */
function partsOf(content: unknown): { form: 'parts' | 'string' | 'other'; parts: (string | null)[] } {
  if (typeof content === 'string') return { form: 'string', parts: [content] };
  if (!Array.isArray(content)) return { form: 'other', parts: [] };
  return {
    form: 'parts',
    parts: content.map((p) => {
      if (typeof p === 'string') return p;
      if (typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string')
        return (p as { text: string }).text;
      return null;
    }),
  };
}

/**
 * Single-string content (hand-written fixtures): split before every line that starts with
 * `[<n>] document_id: `, and split the footer and context off the last piece.
 */
function splitSingleString(s: string): string[] {
  const pieces: string[] = [];
  const re = /(^|\n)(?=\[\d+\] document_id: )/g;
  let last = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const cut = m.index + m[1]!.length;
    if (cut > last) pieces.push(s.slice(last, cut));
    last = cut;
    if (re.lastIndex === m.index) re.lastIndex++;
  }
  pieces.push(s.slice(last));
  // the footer and the context part follow the last chunk in the same string
  const tail = pieces.pop() ?? '';
  const footer = /(?:^|\n)(END of \w+ tool results\.\n)/.exec(tail);
  if (footer) {
    const at = footer.index + (tail[footer.index] === '\n' ? 1 : 0);
    pieces.push(tail.slice(0, at), footer[1]!, tail.slice(at + footer[1]!.length));
  } else pieces.push(tail);
  return pieces.filter((p) => p !== '');
}

interface CiteMatch {
  readonly start: number;
  readonly end: number;
  readonly id: string;
  readonly form: CiteForm;
}

/** ` cite as <|ID|>` or ` (cite as <|ID|>)` at `at`, followed by a newline (or end of part). */
function citeAt(text: string, at: number): CiteMatch | null {
  const re = /[ \t]*(\()?cite as <\|([^\n]*?)\|>(\))?(?=\n|$)/y;
  re.lastIndex = at;
  const m = re.exec(text);
  if (!m) return null;
  const paren = m[1] !== undefined && m[3] !== undefined;
  if ((m[1] !== undefined) !== (m[3] !== undefined)) return null;
  return { start: at, end: at + m[0].length, id: m[2]!, form: paren ? 'parenthesised' : 'bare' };
}

/** Regex fallback: the last cite suffix for `id` (or any id) in the part. */
function findCite(text: string, from: number, id: string | null): CiteMatch | null {
  const re = /[ \t]*(\()?cite as <\|([^\n]*?)\|>(\))?(?=\n|$)/g;
  re.lastIndex = from;
  let best: CiteMatch | null = null;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if ((m[1] !== undefined) !== (m[3] !== undefined)) continue;
    const c: CiteMatch = {
      start: m.index,
      end: m.index + m[0].length,
      id: m[2]!,
      form: m[1] !== undefined ? 'parenthesised' : 'bare',
    };
    if (id === null || c.id === id) {
      best = c;
      break; // the first cite for this id ends the metadata line
    }
    if (best === null) best = c;
  }
  return best;
}

const strOf = (node: PyNode | undefined): string | null => (node?.kind === 'str' ? node.value : null);

/** `'key': 'value'` or `"key": "value"` without parsing the whole literal (fallback path). */
function regexAttr(raw: string, key: string): string | null {
  const re = new RegExp(`['"]${key}['"]\\s*:\\s*(?:'((?:[^'\\\\\\n]|\\\\.)*)'|"((?:[^"\\\\\\n]|\\\\.)*)")`);
  const m = re.exec(raw);
  if (!m) return null;
  const quoted = m[1] !== undefined ? `'${m[1]}'` : `"${m[2] ?? ''}"`;
  const p = parsePythonLiteral(quoted);
  return p.ok && typeof p.value === 'string' ? p.value : (m[1] ?? m[2] ?? null);
}

function parseChunkPart(text: string, part: number, issues: ToolResultIssue[]): FileSearchChunk | null {
  const head = CHUNK_START_RE.exec(text);
  if (!head) return null;
  const rank = Number(head[1]);
  const idStart = head[0].length;
  const sep = text.indexOf(', score: ', idStart);
  const nl = text.indexOf('\n', idStart);
  if (sep < 0 || (nl >= 0 && sep > nl)) {
    issues.push({ kind: 'unparsed-part', message: `chunk [${rank}]: no ", score: " after the document id`, part, rank });
    return null;
  }
  const documentId = text.slice(idStart, sep);
  SCORE_RE.lastIndex = sep + ', score: '.length;
  const sm = SCORE_RE.exec(text);
  const scoreText = sm ? sm[0] : '';
  const score = sm
    ? /nan/.test(scoreText)
      ? Number.NaN
      : /inf/.test(scoreText)
        ? scoreText.startsWith('-')
          ? -Infinity
          : Infinity
        : Number(scoreText)
    : null;
  let pos = sm ? sep + ', score: '.length + scoreText.length : sep + ', score: '.length;

  let attributesNode: PyNode | null = null;
  let attributes: Record<string, PyValue> | null = null;
  let attributesRaw = '';
  let attributesParse: FileSearchChunk['attributesParse'] = 'absent';
  let cite: CiteMatch | null = null;

  if (text.startsWith(ATTR_SEP, pos)) {
    const litStart = pos + ATTR_SEP.length;
    const lit = parsePythonLiteral(text, litStart);
    if (lit.ok && lit.node.kind === 'dict') cite = citeAt(text, lit.end);
    if (lit.ok && lit.node.kind === 'dict' && cite !== null) {
      attributesNode = lit.node;
      attributes = lit.value as Record<string, PyValue>;
      attributesRaw = text.slice(litStart, lit.end);
      attributesParse = 'literal';
    } else {
      // Unknown reprs (datetime.datetime(...)) or a literal not followed by the cite: find the
      // cite suffix for this document id; what lies before it is the raw attribute text.
      cite = findCite(text, litStart, documentId);
      attributesRaw = text.slice(litStart, cite ? cite.start : nl >= 0 ? nl : text.length);
      attributesParse = 'fallback';
      issues.push({
        kind: 'attributes-fallback',
        message: `chunk [${rank}]: attributes are not a plain literal (${lit.ok ? 'not followed by the cite suffix' : lit.error}); kept as text`,
        part,
        rank,
      });
    }
    pos = cite ? cite.end : attributesRaw.length + litStart;
  } else {
    cite = citeAt(text, pos) ?? findCite(text, pos, documentId);
    if (cite) pos = cite.end;
  }

  let body: string;
  if (cite) {
    body = text.slice(cite.end);
    if (body.startsWith('\n')) body = body.slice(1);
  } else {
    issues.push({ kind: 'cite-missing', message: `chunk [${rank}]: no "cite as <|…|>" suffix`, part, rank });
    const firstNl = text.indexOf('\n', pos);
    body = firstNl >= 0 ? text.slice(firstNl + 1) : '';
  }
  if (body.endsWith('\n')) body = body.slice(0, -1);
  const citeId = cite?.id ?? null;
  if (cite && citeId !== documentId) {
    issues.push({
      kind: 'cite-mismatch',
      message: `chunk [${rank}]: cite id ${citeId} differs from document_id ${documentId}`,
      part,
      rank,
    });
  }
  const filename = attributesNode
    ? strOf(pyDictGet(attributesNode, 'filename'))
    : attributesRaw
      ? regexAttr(attributesRaw, 'filename')
      : null;
  const fileId = attributesNode
    ? strOf(pyDictGet(attributesNode, 'file_id'))
    : attributesRaw
      ? regexAttr(attributesRaw, 'file_id')
      : null;
  const chunkId = attributesNode
    ? strOf(pyDictGet(attributesNode, 'chunk_id'))
    : attributesRaw
      ? regexAttr(attributesRaw, 'chunk_id')
      : null;
  return {
    rank,
    documentId,
    score,
    scoreText,
    attributes,
    attributesNode,
    attributesRaw,
    attributesParse,
    filename,
    fileId,
    chunkId,
    text: body,
    cite: { id: citeId, form: cite ? cite.form : 'missing', matchesDocumentId: citeId === documentId },
    part,
    raw: text,
  };
}

function queryFromArguments(args: string | null | undefined): string | null {
  if (typeof args !== 'string' || args === '') return null;
  try {
    const v: unknown = JSON.parse(args);
    if (typeof v === 'object' && v !== null && typeof (v as { query?: unknown }).query === 'string')
      return (v as { query: string }).query;
  } catch {
    /* partial or not JSON */
  }
  return null;
}

function instructionOf(rest: string): { instruction: InstructionWording; emptyEnding: 'v2510' | 'head' | null } {
  if (/^\n?$/.test(rest)) return { instruction: 'none', emptyEnding: 'v2510' };
  if (/^ \n?$/.test(rest)) return { instruction: 'none', emptyEnding: 'head' };
  if (rest.includes("(e.g., 'This is a fact") || rest.includes('(do not invent new ones)'))
    return { instruction: 'v2510', emptyEnding: null };
  if (rest.includes("format like 'This is a fact") || rest.includes(', do not invent new ones.'))
    return { instruction: 'head', emptyEnding: null };
  return { instruction: 'unknown', emptyEnding: null };
}

/** Parse one tool message's content. Always returns a result; `recognised` says whether it fit. */
export function parseFileSearchResult(content: unknown, options: ParseToolResultOptions = {}): FileSearchResult {
  const issues: ToolResultIssue[] = [];
  const { form, parts: rawParts } = partsOf(content);
  let parts = rawParts;
  if (form === 'string') {
    const s = rawParts[0] ?? '';
    if (
      /(^|\n)\[\d+\] document_id: /.test(s) ||
      HEADER_RE.test(
        s
          .split(/(?<=\n)/)
          .slice(0, 2)
          .join(''),
      )
    ) {
      parts = splitSingleString(s);
      issues.push({
        kind: 'single-string-content',
        message:
          'tool content is one string, split before each "[n] document_id:" line; a chunk text containing such a line would be split wrongly',
      });
    }
  }
  let toolName: string | null = null;
  let headerCount: number | null = null;
  let query: string | null = null;
  let querySource: FileSearchResult['querySource'] = null;
  let instruction: InstructionWording = 'unknown';
  let emptyEnding: FileSearchResult['emptyEnding'] = null;
  const chunks: FileSearchChunk[] = [];
  let structural = 0;

  parts.forEach((text, i) => {
    if (text === null) {
      issues.push({ kind: 'unparsed-part', message: `part ${i} is not text`, part: i });
      return;
    }
    const h = HEADER_RE.exec(text);
    if (h) {
      toolName = h[1]!;
      headerCount = Number(h[2]);
      structural++;
      return;
    }
    const f = FOOTER_RE.exec(text);
    if (f) {
      toolName ??= f[1]!;
      structural++;
      return;
    }
    const c = CONTEXT_RE.exec(text);
    if (c) {
      query = c[1]!;
      querySource = 'context';
      ({ instruction, emptyEnding } = instructionOf(c[2]!));
      structural++;
      return;
    }
    if (CHUNK_START_RE.test(text)) {
      const chunk = parseChunkPart(text, i, issues);
      if (chunk) chunks.push(chunk);
      return;
    }
    issues.push({ kind: 'unparsed-part', message: `part ${i} is not a header, chunk, footer or context part`, part: i });
  });

  const recognised = structural > 0 || chunks.length > 0;
  if (!recognised) {
    return {
      recognised: false,
      toolName: null,
      headerCount: null,
      chunks: [],
      query: queryFromArguments(options.argumentsJson),
      querySource: queryFromArguments(options.argumentsJson) !== null ? 'arguments' : null,
      instruction: 'unknown',
      emptyEnding: null,
      contentForm: form,
      toolCallId: options.toolCallId ?? null,
      issues: [{ kind: 'not-file-search', message: 'content has no file-search header, chunk, footer or context part' }],
    };
  }
  if (headerCount === null) issues.push({ kind: 'no-header', message: 'no "<T> tool found <N> chunks" header part' });
  else if (headerCount !== chunks.length) {
    issues.push({ kind: 'count-mismatch', message: `header says ${headerCount} chunks, ${chunks.length} chunk parts were read` });
  }
  if (query === null) {
    const q = queryFromArguments(options.argumentsJson);
    if (q !== null) {
      query = q;
      querySource = 'arguments';
    } else issues.push({ kind: 'no-query', message: 'query found neither in the context part nor in the tool call arguments' });
  }
  return {
    recognised,
    toolName,
    headerCount,
    chunks,
    query,
    querySource,
    instruction,
    emptyEnding,
    contentForm: form,
    toolCallId: options.toolCallId ?? null,
    issues,
  };
}

/** Quick shape test (header, footer or chunk part present) without a full parse. */
export function looksLikeFileSearchResult(content: unknown): boolean {
  const { parts } = partsOf(content);
  return parts.some((p) => p !== null && (/(^|\n)\w+ tool found \d+ chunks?:\nBEGIN of /.test(p) || CHUNK_START_RE.test(p)));
}
