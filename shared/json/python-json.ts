/**
 * Byte-exact Python `json.dumps` for lossless trees (spec §5.1 `dumps_sorted`, §7 file format).
 *
 * - `writeRecordingJson`: `json.dump(v, f, indent=2)` + "\n" — what every recording file is.
 * - `dumpsSorted`: `json.dumps(v, sort_keys=True)` — the request-hash input.
 * - `pythonDumps`: the general form (indent / sort_keys / default separators).
 *
 * Always `ensure_ascii` (everything outside U+0020..U+007E escaped per UTF-16 unit, lowercase hex,
 * so non-BMP characters become surrogate-pair escapes and lone surrogates survive). Integers are
 * written from their token (`-0` becomes `0`, as Python's int does); floats as Python `repr`.
 * Iterative, so nesting depth is limited only by the output size.
 */
import { isJsonNumber, isJsonObject, type JsonNumber, type JsonValue } from './json-value';
import { pythonFloatRepr } from './python-float';

export interface DumpOptions {
  /** Python `indent`: null/undefined = single line; n >= 0 = newline + n spaces per level. */
  indent?: number | null;
  /** Python `sort_keys`: order keys by Unicode code point. */
  sortKeys?: boolean;
}

/** Exactly Python `json.dump(value, f, indent=2)` followed by "\n". */
export function writeRecordingJson(value: JsonValue): string {
  return pythonDumps(value, { indent: 2 }) + '\n';
}

/** Exactly Python `json.dumps(value, sort_keys=True)`. */
export function dumpsSorted(value: JsonValue): string {
  return pythonDumps(value, { sortKeys: true });
}

/** Containers down to this depth get their text remembered by dumpsSortedMemo (deeper ones are dumped whole). */
const MEMO_DEPTH = 4;

/**
 * dumpsSorted, remembering the text of every container near the root by identity in `memo`: trees that
 * share subtrees (the normalised variants of one request, see normalizeLeaves) dump each shared part once.
 */
export function dumpsSortedMemo(value: JsonValue, memo: Map<object, string>, depth = 0): string {
  if (value === null || typeof value !== 'object' || isJsonNumber(value)) return scalarText(value);
  let text = memo.get(value);
  if (text !== undefined) return text;
  if (depth >= MEMO_DEPTH) text = dumpsSorted(value);
  else if (Array.isArray(value)) text = value.length === 0 ? '[]' : `[${value.map((v) => dumpsSortedMemo(v, memo, depth + 1)).join(', ')}]`;
  else {
    const entries = value.entries.slice().sort((a, b) => compareCodePoints(a[0], b[0]));
    text = entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${quoteAscii(k)}: ${dumpsSortedMemo(v, memo, depth + 1)}`).join(', ')}}`;
  }
  memo.set(value, text);
  return text;
}

/** Python `repr`-style JSON number text for a number node. */
export function numberText(n: JsonNumber): string {
  if (n.isInteger) return n.raw === '-0' ? '0' : n.raw;
  return pythonFloatRepr(Number(n.raw));
}

/**
 * Compare strings by Unicode code point (Python str order), not UTF-16 unit order: they differ
 * when a surrogate pair meets a BMP character in U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  // If the shared prefix ends in a high surrogate that pairs with what follows in either string, compare
  // whole code points from there; a lone surrogate is a code point of its own (as in Python).
  if (i > 0) {
    const prev = a.charCodeAt(i - 1);
    const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
    if (prev >= 0xd800 && prev <= 0xdbff && (isLow(a.charCodeAt(i)) || isLow(b.charCodeAt(i)))) i--;
  }
  return a.codePointAt(i)! - b.codePointAt(i)!;
}

const HEX = '0123456789abcdef';
function uEscape(c: number): string {
  return '\\u' + HEX[(c >> 12) & 15]! + HEX[(c >> 8) & 15]! + HEX[(c >> 4) & 15]! + HEX[c & 15]!;
}

/** What ensure_ascii escapes: `"`, `\\`, controls and everything outside printable ASCII. */
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f-\uffff]/;
const NON_ASCII = /[\x7f-\uffff]/g;

/**
 * Python `json.encoder.encode_basestring_ascii`: quoted, ensure_ascii-escaped string. JSON.stringify
 * escapes exactly what Python escapes below U+007F, the same way (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`,
 * `\u00XX` in lower case, lone surrogates as `\udXXX`); what is left (U+007F and up, surrogate pairs
 * unit by unit) gets `\uXXXX` as in Python.
 */
export function quoteAscii(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  const quoted = JSON.stringify(s);
  return quoted.replace(NON_ASCII, (c) => uEscape(c.charCodeAt(0)));
}

function scalarText(v: null | boolean | string | JsonNumber): string {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return quoteAscii(v);
  return numberText(v);
}

interface Frame {
  /** array items, or object entries (possibly sorted copy) */
  items: JsonValue[] | Array<[string, JsonValue]>;
  isObject: boolean;
  i: number;
  depth: number;
}

/** Python `json.dumps(value, indent=…, sort_keys=…)` with default separators. */
export function pythonDumps(value: JsonValue, options: DumpOptions = {}): string {
  const indent = options.indent ?? null;
  const sortKeys = options.sortKeys === true;
  // Python: item separator ',' when indenting (newline follows), ', ' otherwise; key sep ': '
  const itemSep = indent === null ? ', ' : ',';
  const newlines: string[] = [];
  const nl = (depth: number): string => {
    if (indent === null) return '';
    let s = newlines[depth];
    if (s === undefined) {
      s = '\n' + ' '.repeat(indent * depth);
      newlines[depth] = s;
    }
    return s;
  };

  let out = '';
  const stack: Frame[] = [];
  let cur: JsonValue = value;
  let depth = 0;
  for (;;) {
    // --- emit `cur` (opening a container pushes a frame and descends into its first child) ---
    let descended = false;
    if (Array.isArray(cur)) {
      if (cur.length === 0) out += '[]';
      else {
        out += '[' + nl(depth + 1);
        stack.push({ items: cur, isObject: false, i: 0, depth });
        depth++;
        cur = cur[0]!;
        descended = true;
      }
    } else if (isJsonObject(cur)) {
      const entries = cur.entries;
      if (entries.length === 0) out += '{}';
      else {
        const items = sortKeys ? entries.slice().sort((a, b) => compareCodePoints(a[0], b[0])) : entries;
        const first = items[0]!;
        out += '{' + nl(depth + 1) + quoteAscii(first[0]) + ': ';
        stack.push({ items, isObject: true, i: 0, depth });
        depth++;
        cur = first[1];
        descended = true;
      }
    } else {
      out += scalarText(cur as null | boolean | string | JsonNumber);
    }
    if (descended) continue;
    // --- advance to the next sibling, closing finished containers ---
    for (;;) {
      const f = stack[stack.length - 1];
      if (f === undefined) return out;
      f.i++;
      if (f.i < f.items.length) {
        out += itemSep + nl(f.depth + 1);
        depth = f.depth + 1;
        if (f.isObject) {
          const e = (f.items as Array<[string, JsonValue]>)[f.i]!;
          out += quoteAscii(e[0]) + ': ';
          cur = e[1];
        } else cur = (f.items as JsonValue[])[f.i]!;
        break;
      }
      stack.pop();
      depth = f.depth;
      out += nl(depth) + (f.isObject ? '}' : ']');
    }
  }
}
