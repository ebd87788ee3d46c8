/**
 * From a problem's JSON path (`$.request.body.messages[0].content`, `$.a["odd key"][3]`) to the place in
 * the JSON text it names, by walking the text itself: no parse tree, so it works on a 1 MB file in one
 * pass and still lands near the right place when the text no longer parses past the target.
 */

export type PathSegment = string | number;

/** Segments of a `$`-rooted path as record-checks writes them; null when the path is malformed. */
export function parseJsonPath(path: string): PathSegment[] | null {
  if (!path.startsWith('$')) return null;
  const out: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i + 1));
      if (!m) return null;
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[') {
      if (path[i + 1] === '"') {
        const end = endOfString(path, i + 1);
        if (end < 0 || path[end] !== ']') return null;
        try {
          out.push(JSON.parse(path.slice(i + 1, end)) as string);
        } catch {
          return null;
        }
        i = end + 1;
      } else {
        const m = /^(\d+)\]/.exec(path.slice(i + 1));
        if (!m) return null;
        out.push(Number(m[1]));
        i += 1 + m[0].length;
      }
    } else return null;
  }
  return out;
}

/** Index just after the string literal starting at `start` (a `"`), or -1 when unterminated. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2; // backslash
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return -1;
}

function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else break;
  }
  return i;
}

/** Index just after the JSON value starting at `i`; -1 when the text ends first or is malformed there. */
export function skipValue(text: string, i: number): number {
  i = skipWs(text, i);
  const c = text[i];
  if (c === undefined) return -1;
  if (c === '"') return endOfString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const d = text[i];
      if (d === '"') {
        const e = endOfString(text, i);
        if (e < 0) return -1;
        i = e;
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  // literal or number: up to the next structural character or whitespace
  const m = /^[^\s,:\]}[{"]+/.exec(text.slice(i, i + 400));
  return m ? i + m[0].length : -1;
}

export interface TextLocation {
  /** Offset of the value (or, when `found` is false, of the deepest container that was reached). */
  start: number;
  end: number;
  /** Offset of the member's key when the last segment is an object key (for highlighting the key). */
  keyStart?: number;
  /** Whether every segment was found; false = the location is the nearest ancestor that exists. */
  found: boolean;
}

/**
 * Where `path` (a string like `$.a.b[0]` or parsed segments) is in `text`. Returns the nearest existing
 * ancestor with `found: false` when a step is missing, and null when the text does not start with a value.
 */
export function locateJsonPath(text: string, path: string | PathSegment[]): TextLocation | null {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  if (segments === null) return null;
  let start = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let end = skipValue(text, start);
  if (start >= text.length) return null;
  let keyStart: number | undefined;
  for (const seg of segments) {
    const here = { start, end: end < 0 ? text.length : end, found: false, ...(keyStart !== undefined ? { keyStart } : {}) };
    const next = typeof seg === 'number' ? arrayItem(text, start, seg) : objectMember(text, start, seg);
    if (next === null) return here;
    start = next.start;
    end = skipValue(text, start);
    keyStart = next.keyStart;
  }
  return { start, end: end < 0 ? text.length : end, found: true, ...(keyStart !== undefined ? { keyStart } : {}) };
}

function arrayItem(text: string, at: number, index: number): { start: number; keyStart?: number } | null {
  if (text[at] !== '[') return null;
  let i = skipWs(text, at + 1);
  if (text[i] === ']') return null;
  for (let k = 0; ; k++) {
    if (k === index) return { start: i };
    const e = skipValue(text, i);
    if (e < 0) return null;
    i = skipWs(text, e);
    if (text[i] !== ',') return null;
    i = skipWs(text, i + 1);
  }
}

function objectMember(text: string, at: number, key: string): { start: number; keyStart: number } | null {
  if (text[at] !== '{') return null;
  let i = skipWs(text, at + 1);
  if (text[i] === '}') return null;
  let hit: { start: number; keyStart: number } | null = null;
  for (;;) {
    if (text[i] !== '"') return hit;
    const keyEnd = endOfString(text, i);
    if (keyEnd < 0) return hit;
    let name: string | null;
    try {
      name = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      name = null;
    }
    const keyStart = i;
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return hit;
    i = skipWs(text, i + 1);
    // Python dict semantics: a repeated key's last value wins, so keep looking
    if (name === key) hit = { start: i, keyStart };
    const e = skipValue(text, i);
    if (e < 0) return hit;
    i = skipWs(text, e);
    if (text[i] !== ',') return hit;
    i = skipWs(text, i + 1);
  }
}

/** 1-based line and column (UTF-16 units, like Monaco) of an offset. */
export function offsetToPosition(text: string, offset: number): { lineNumber: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < o; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { lineNumber: line, column: o - lineStart + 1 };
}
