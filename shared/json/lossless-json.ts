/**
 * Number-preserving JSON parser for recordings (spec §5.1, §9).
 *
 * Accepts exactly what Python's `json.loads` accepts (plus a leading BOM, which is skipped):
 * `NaN`, `Infinity`, `-Infinity`; whitespace is space/tab/CR/LF only; raw control characters in
 * strings are rejected. Numbers keep their token text (see JsonNumber), strings are decoded
 * exactly (lone surrogate escapes survive), duplicate keys follow Python dict semantics (first
 * position, last value) and can be reported through `onDuplicateKey`.
 *
 * Iterative (explicit container stack) so nesting depth is limited only by memory; strings and
 * numbers are sliced from the input rather than built char by char.
 */
import type { JsonNumber, JsonObject, JsonValue } from './json-value';

export * from './json-value';

/** Parse failure with a 0-based character offset and 1-based line/column. */
export class JsonParseError extends Error {
  override readonly name = 'JsonParseError';
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
  }

  static at(text: string, reason: string, offset: number): JsonParseError {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return new JsonParseError(reason, offset, line, offset - lineStart + 1);
  }
}

export interface ParseOptions {
  /** Called for a repeated key in one object; the later value replaces the earlier (Python). */
  onDuplicateKey?: (key: string, offset: number) => void;
}

export type ParseResult = { ok: true; value: JsonValue } | { ok: false; error: JsonParseError };

/** Parse; throws JsonParseError. */
export function parseJson(text: string, options: ParseOptions = {}): JsonValue {
  return new Parser(text, options.onDuplicateKey).parse();
}

/** Parse without throwing (other exceptions still propagate). */
export function tryParseJson(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return { ok: true, value: parseJson(text, options) };
  } catch (e) {
    if (e instanceof JsonParseError) return { ok: false, error: e };
    throw e;
  }
}

// One frame per open container. Objects switch to a key index once they grow, so duplicate
// detection stays O(1) per key without paying for a Map on every small object.
interface Frame {
  arr: JsonValue[] | null;
  obj: JsonObject | null;
  key: string;
  keyOffset: number;
  index: Map<string, number> | null;
}
const INDEX_THRESHOLD = 12;

const C_QUOTE = 34;
const C_BACKSLASH = 92;
const C_COMMA = 44;
const C_COLON = 58;
const C_LBRACE = 123;
const C_RBRACE = 125;
const C_LBRACKET = 91;
const C_RBRACKET = 93;
const C_MINUS = 45;

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const cp = text.codePointAt(pos)!;
  if (cp < 0x20 || cp === 0x7f) return `character U+${cp.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${String.fromCodePoint(cp)}'`;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly onDup: ((key: string, offset: number) => void) | undefined,
  ) {}

  private fail(reason: string, at: number = this.pos): never {
    throw JsonParseError.at(this.text, reason, at);
  }

  private unexpected(expected: string): never {
    if (this.pos >= this.text.length) this.fail(`Unexpected end of input (expected ${expected})`);
    this.fail(`Expected ${expected} but found ${describe(this.text, this.pos)}`);
  }

  /** Skip whitespace; return the next char code (or -1 at end) without consuming it. */
  private ws(): number {
    const t = this.text;
    const n = t.length;
    let i = this.pos;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else {
        this.pos = i;
        return c;
      }
    }
    this.pos = n;
    return -1;
  }

  parse(): JsonValue {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    const stack: Frame[] = [];
    let c = this.ws();
    let value: JsonValue;
    for (;;) {
      // --- read one value starting at this.pos (c = its first char code) ---
      switch (c) {
        case C_LBRACE: {
          this.pos++;
          const obj: JsonObject = { kind: 'object', entries: [] };
          c = this.ws();
          if (c === C_RBRACE) {
            this.pos++;
            value = obj;
            break;
          }
          const f: Frame = { arr: null, obj, key: '', keyOffset: 0, index: null };
          stack.push(f);
          this.readKey(f, c);
          c = this.ws();
          continue;
        }
        case C_LBRACKET: {
          this.pos++;
          const arr: JsonValue[] = [];
          c = this.ws();
          if (c === C_RBRACKET) {
            this.pos++;
            value = arr;
            break;
          }
          stack.push({ arr, obj: null, key: '', keyOffset: 0, index: null });
          continue;
        }
        case C_QUOTE:
          value = this.readString();
          break;
        case 116: // t
          value = this.literal('true', true);
          break;
        case 102: // f
          value = this.literal('false', false);
          break;
        case 110: // n
          value = this.literal('null', null);
          break;
        case 78: // N
          value = this.literal('NaN', NAN);
          break;
        case 73: // I
          value = this.literal('Infinity', INF);
          break;
        default:
          if (c === C_MINUS || (c >= 48 && c <= 57)) value = this.readNumber();
          else this.unexpected('a value');
      }
      // --- attach the finished value to its parent; close containers that end here ---
      for (;;) {
        const f = stack[stack.length - 1];
        if (f === undefined) {
          if (this.ws() !== -1) this.fail(`Extra data after the top-level value: ${describe(this.text, this.pos)}`);
          return value;
        }
        if (f.arr !== null) {
          f.arr.push(value);
          c = this.ws();
          if (c === C_COMMA) {
            this.pos++;
            c = this.ws();
            break; // next item
          }
          if (c === C_RBRACKET) {
            this.pos++;
            stack.pop();
            value = f.arr;
            continue;
          }
          this.unexpected("',' or ']'");
        } else {
          this.addEntry(f, value);
          c = this.ws();
          if (c === C_COMMA) {
            this.pos++;
            this.readKey(f, this.ws());
            c = this.ws();
            break; // next member value
          }
          if (c === C_RBRACE) {
            this.pos++;
            stack.pop();
            value = f.obj!;
            continue;
          }
          this.unexpected("',' or '}'");
        }
      }
    }
  }

  private addEntry(f: Frame, value: JsonValue): void {
    const entries = f.obj!.entries;
    const key = f.key;
    let at = -1;
    if (f.index !== null) at = f.index.get(key) ?? -1;
    else {
      for (let i = 0; i < entries.length; i++) {
        if (entries[i]![0] === key) {
          at = i;
          break;
        }
      }
    }
    if (at >= 0) {
      entries[at]![1] = value;
      this.onDup?.(key, f.keyOffset);
      return;
    }
    entries.push([key, value]);
    if (f.index !== null) f.index.set(key, entries.length - 1);
    else if (entries.length >= INDEX_THRESHOLD) {
      f.index = new Map();
      for (let i = 0; i < entries.length; i++) f.index.set(entries[i]![0], i);
    }
  }

  private readKey(f: Frame, c: number): void {
    if (c !== C_QUOTE) this.unexpected('a double-quoted property name');
    f.keyOffset = this.pos;
    f.key = this.readString();
    if (this.ws() !== C_COLON) this.unexpected("':'");
    this.pos++;
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.unexpected('a value');
    this.pos += word.length;
    return value;
  }

  private readNumber(): JsonNumber {
    const t = this.text;
    const start = this.pos;
    let i = start;
    let isInteger = true;
    if (t.charCodeAt(i) === C_MINUS) {
      i++;
      if (t.startsWith('Infinity', i)) {
        this.pos = i + 8;
        return NEG_INF;
      }
    }
    let c = t.charCodeAt(i);
    if (c === 48) i++;
    else if (c >= 49 && c <= 57) {
      do i++;
      while ((c = t.charCodeAt(i)) >= 48 && c <= 57);
    } else {
      this.pos = i;
      this.unexpected('a digit');
    }
    if (t.charCodeAt(i) === 46) {
      // '.' must be followed by digits; Python's scanner otherwise stops before it (-> error later)
      c = t.charCodeAt(i + 1);
      if (c >= 48 && c <= 57) {
        isInteger = false;
        i += 2;
        while ((c = t.charCodeAt(i)) >= 48 && c <= 57) i++;
      }
    }
    c = t.charCodeAt(i);
    if (c === 101 || c === 69) {
      let j = i + 1;
      c = t.charCodeAt(j);
      if (c === 43 || c === C_MINUS) j++;
      c = t.charCodeAt(j);
      if (c >= 48 && c <= 57) {
        isInteger = false;
        do j++;
        while ((c = t.charCodeAt(j)) >= 48 && c <= 57);
        i = j;
      }
    }
    this.pos = i;
    return { kind: 'number', raw: t.slice(start, i), isInteger };
  }

  private readString(): string {
    const t = this.text;
    const n = t.length;
    const open = this.pos;
    let i = open + 1;
    let start = i;
    // fast path: no escapes -> one slice
    for (;;) {
      if (i >= n) this.fail('Unterminated string', open);
      const c = t.charCodeAt(i);
      if (c === C_QUOTE) {
        this.pos = i + 1;
        return t.slice(start, i);
      }
      if (c === C_BACKSLASH) break;
      if (c < 0x20) this.fail('Invalid control character in string', i);
      i++;
    }
    let out = '';
    for (;;) {
      if (i >= n) this.fail('Unterminated string', open);
      const c = t.charCodeAt(i);
      if (c === C_QUOTE) {
        this.pos = i + 1;
        return out + t.slice(start, i);
      }
      if (c < 0x20) this.fail('Invalid control character in string', i);
      if (c !== C_BACKSLASH) {
        i++;
        continue;
      }
      out += t.slice(start, i);
      const e = t.charCodeAt(i + 1);
      switch (e) {
        case C_QUOTE: out += '"'; break;
        case C_BACKSLASH: out += '\\'; break;
        case 47: out += '/'; break;
        case 98: out += '\b'; break;
        case 102: out += '\f'; break;
        case 110: out += '\n'; break;
        case 114: out += '\r'; break;
        case 116: out += '\t'; break;
        case 117: {
          let code = 0;
          for (let k = i + 2; k < i + 6; k++) {
            const h = t.charCodeAt(k);
            let d: number;
            if (h >= 48 && h <= 57) d = h - 48;
            else if (h >= 97 && h <= 102) d = h - 87;
            else if (h >= 65 && h <= 70) d = h - 55;
            else this.fail('Invalid \\uXXXX escape', i);
            code = code * 16 + d;
          }
          // surrogate halves are appended one unit at a time: pairs re-form, lone ones survive
          out += String.fromCharCode(code);
          i += 4;
          break;
        }
        default:
          this.fail('Invalid escape', i);
      }
      i += 2;
      start = i;
    }
  }
}

// Shared immutable leaves for the non-finite literals.
const NAN: JsonNumber = Object.freeze({ kind: 'number', raw: 'NaN', isInteger: false });
const INF: JsonNumber = Object.freeze({ kind: 'number', raw: 'Infinity', isInteger: false });
const NEG_INF: JsonNumber = Object.freeze({ kind: 'number', raw: '-Infinity', isInteger: false });
