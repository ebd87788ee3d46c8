// A small reader for Python `repr` output of plain data (spec §5.7): the chunk attributes that
// llama-stack prints into file-search tool results are `repr(dict)`, not JSON. Quote-swapping
// into JSON.parse breaks on apostrophes, True/False/None, tuples and nan/inf, so this tokenises
// the literal itself. Every node keeps its source text, so `1680307200.0` can be shown as written.
// Never throws: a malformed literal gives `{ ok: false }` with the offset it stopped at.

/** Plain value of a literal: dicts become objects (keys as strings), tuples/sets become arrays. */
export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue };

export type PyNode =
  | { readonly kind: 'none'; readonly raw: string }
  | { readonly kind: 'bool'; readonly value: boolean; readonly raw: string }
  /** `value` is approximate beyond 2^53; `raw` is exact. */
  | { readonly kind: 'int'; readonly value: number; readonly raw: string }
  | { readonly kind: 'float'; readonly value: number; readonly raw: string }
  | { readonly kind: 'str'; readonly value: string; readonly raw: string }
  | { readonly kind: 'list' | 'tuple' | 'set'; readonly items: readonly PyNode[]; readonly raw: string }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [PyNode, PyNode])[]; readonly raw: string };

export type PyParseResult =
  | {
      readonly ok: true;
      readonly node: PyNode;
      readonly value: PyValue;
      /** offset just after the literal */ readonly end: number;
    }
  | { readonly ok: false; readonly error: string; readonly offset: number };

/** Deep nesting is legal Python but never appears in attributes; a cap keeps recursion safe. */
const MAX_DEPTH = 200;

class PyLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER_RE = /[-+]?(?:(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|\d[\d_]*\.)(?:[jJ])?/y;
const IDENT_RE = /[A-Za-z_][A-Za-z0-9_]*/y;

class Reader {
  pos: number;
  constructor(
    readonly src: string,
    start: number,
  ) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new PyLiteralError(message, at);
  }

  skipSpace(): void {
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(depth: number): PyNode {
    if (depth > MAX_DEPTH) this.fail('literal nested too deeply');
    this.skipSpace();
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === undefined) this.fail('unexpected end of text');
    if (c === '{') return this.dictOrSet(depth);
    if (c === '[') return this.sequence(']', 'list', depth);
    if (c === '(') return this.sequence(')', 'tuple', depth);
    if (c === "'" || c === '"') return this.string();
    // String prefixes (u'', b'') appear in old reprs; the value is read the same way.
    if (
      (c === 'u' || c === 'b' || c === 'U' || c === 'B') &&
      (this.src[this.pos + 1] === "'" || this.src[this.pos + 1] === '"')
    ) {
      this.pos++;
      const s = this.string();
      return { kind: 'str', value: s.value, raw: this.src.slice(start, this.pos) };
    }
    if (c === '-' || c === '+') {
      // `-inf`, `-nan` (repr of float('-inf')) or a signed number
      const rest = this.src.slice(this.pos + 1, this.pos + 4);
      if (rest === 'inf' || rest === 'nan') {
        this.pos += 4;
        this.noIdentAfter(start);
        const v = rest === 'nan' ? Number.NaN : c === '-' ? -Infinity : Infinity;
        return { kind: 'float', value: v, raw: this.src.slice(start, this.pos) };
      }
      return this.number();
    }
    if ((c >= '0' && c <= '9') || c === '.') return this.number();
    IDENT_RE.lastIndex = this.pos;
    const m = IDENT_RE.exec(this.src);
    if (m) {
      const word = m[0];
      this.pos += word.length;
      switch (word) {
        case 'None':
          return { kind: 'none', raw: word };
        case 'True':
        case 'False':
          return { kind: 'bool', value: word === 'True', raw: word };
        case 'inf':
          return { kind: 'float', value: Infinity, raw: word };
        case 'nan':
          return { kind: 'float', value: Number.NaN, raw: word };
        default:
          // e.g. datetime.datetime(...), Decimal('1'): not plain data; the caller falls back.
          this.fail(`unsupported name ${word}`, start);
      }
    }
    this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  noIdentAfter(start: number): void {
    const n = this.src[this.pos];
    if (n !== undefined && /[A-Za-z0-9_]/.test(n)) this.fail('malformed token', start);
  }

  number(): PyNode {
    const start = this.pos;
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(this.src);
    if (!m || m[0] === '' || m[0] === '-' || m[0] === '+') this.fail('malformed number', start);
    const raw = m[0];
    this.pos += raw.length;
    this.noIdentAfter(start);
    if (/[jJ]$/.test(raw)) this.fail('complex numbers are not supported', start);
    const clean = raw.replace(/_/g, '');
    const isInt = /^[-+]?\d+$/.test(clean);
    const value = Number(clean);
    if (Number.isNaN(value)) this.fail('malformed number', start);
    return isInt ? { kind: 'int', value, raw } : { kind: 'float', value, raw };
  }

  string(): { kind: 'str'; value: string; raw: string } {
    const start = this.pos;
    const q = this.src[this.pos]!;
    // Triple-quoted strings do not occur in repr output; treat '' as an empty string.
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unterminated string', start);
      if (c === q) {
        this.pos++;
        return { kind: 'str', value: out, raw: this.src.slice(start, this.pos) };
      }
      if (c === '\n') this.fail('newline inside string', this.pos);
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      out += this.escape();
    }
  }

  /** Python escape sequences; an unknown escape keeps its backslash, as Python does. */
  escape(): string {
    const at = this.pos;
    const e = this.src[this.pos + 1];
    if (e === undefined) this.fail('unterminated escape', at);
    this.pos += 2;
    switch (e) {
      case '\n':
        return '';
      case '\\':
      case "'":
      case '"':
        return e;
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'x':
        return this.hexEscape(2, at);
      case 'u':
        return this.hexEscape(4, at);
      case 'U':
        return this.hexEscape(8, at);
      default:
        if (e >= '0' && e <= '7') {
          let digits = e;
          while (digits.length < 3 && /[0-7]/.test(this.src[this.pos] ?? '')) digits += this.src[this.pos++];
          return String.fromCharCode(parseInt(digits, 8));
        }
        return `\\${e}`;
    }
  }

  hexEscape(n: number, at: number): string {
    const hex = this.src.slice(this.pos, this.pos + n);
    if (hex.length !== n || !/^[0-9A-Fa-f]+$/.test(hex)) this.fail('malformed escape', at);
    this.pos += n;
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) this.fail('escape out of range', at);
    return String.fromCodePoint(cp);
  }

  sequence(close: string, kind: 'list' | 'tuple', depth: number): PyNode {
    const start = this.pos;
    this.pos++; // open
    const items: PyNode[] = [];
    let sawComma = false;
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] === close) {
        this.pos++;
        break;
      }
      if (items.length > 0 && !sawComma) this.fail(`expected , or ${close}`);
      items.push(this.value(depth + 1));
      this.skipSpace();
      sawComma = this.src[this.pos] === ',';
      if (sawComma) this.pos++;
      else if (this.src[this.pos] !== close) this.fail(`expected , or ${close}`);
    }
    // `(x)` without a comma is just a parenthesised value.
    if (kind === 'tuple' && items.length === 1 && !sawComma) return items[0]!;
    return { kind, items, raw: this.src.slice(start, this.pos) };
  }

  dictOrSet(depth: number): PyNode {
    const start = this.pos;
    this.pos++; // {
    const entries: [PyNode, PyNode][] = [];
    const items: PyNode[] = [];
    let isSet = false;
    let first = true;
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] === '}') {
        this.pos++;
        break;
      }
      if (!first) {
        if (this.src[this.pos] !== ',') this.fail('expected , or }');
        this.pos++;
        this.skipSpace();
        if (this.src[this.pos] === '}') {
          this.pos++;
          break;
        }
      }
      const key = this.value(depth + 1);
      this.skipSpace();
      if (first && this.src[this.pos] !== ':') isSet = true;
      if (isSet) items.push(key);
      else {
        if (this.src[this.pos] !== ':') this.fail('expected :');
        this.pos++;
        entries.push([key, this.value(depth + 1)]);
      }
      first = false;
    }
    const raw = this.src.slice(start, this.pos);
    return isSet ? { kind: 'set', items, raw } : { kind: 'dict', entries, raw };
  }
}

/** Plain JS value of a node; non-string dict keys use their source text (`1`, `None`). */
export function pyToValue(node: PyNode): PyValue {
  switch (node.kind) {
    case 'none':
      return null;
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
      return node.value;
    case 'list':
    case 'tuple':
    case 'set':
      return node.items.map(pyToValue);
    case 'dict': {
      const out: { [key: string]: PyValue } = {};
      for (const [k, v] of node.entries) {
        // defineProperty: a `__proto__` key stays an ordinary key
        Object.defineProperty(out, k.kind === 'str' ? k.value : k.raw, {
          value: pyToValue(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
  }
}

/**
 * Read one literal starting at `start` (leading whitespace allowed). Text after the literal is
 * left alone: `end` says where it stopped, so the caller can continue parsing the line.
 */
export function parsePythonLiteral(text: string, start = 0): PyParseResult {
  const r = new Reader(text, Math.max(0, Math.min(start, text.length)));
  try {
    const node = r.value(0);
    return { ok: true, node, value: pyToValue(node), end: r.pos };
  } catch (e) {
    if (e instanceof PyLiteralError) return { ok: false, error: e.message, offset: e.offset };
    // RangeError from a pathological input: report it like any other parse failure.
    return { ok: false, error: e instanceof Error ? e.message : String(e), offset: r.pos };
  }
}

/** Look up a dict entry by string key. */
export function pyDictGet(node: PyNode | undefined, key: string): PyNode | undefined {
  if (node?.kind !== 'dict') return undefined;
  for (const [k, v] of node.entries) if (k.kind === 'str' && k.value === key) return v;
  return undefined;
}
