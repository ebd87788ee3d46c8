/**
 * Structural difference of two lossless JSON trees, and of two recordings' reconstructed answers.
 *
 * Rules of `diffJson`:
 * - object key order is ignored (keys are matched by name); output follows `a`'s key order, then
 *   keys only `b` has, in `b`'s order;
 * - numbers are compared exactly as Python sees them: ints by exact integer value (no IEEE
 *   rounding, `6760981245874068000` stays itself), floats by their Python value, and an int never
 *   equals a float (`1` vs `1.0` is a `type` difference, because it changes the request hash).
 *   With `{ numbers: 'raw' }` number tokens are compared as written (`0.7` vs `0.70` differ);
 * - arrays are aligned: equal items are matched by a longest common subsequence (so one inserted
 *   message is one `added` entry, not a cascade), left-over items between matches are paired in
 *   order (`changed`, recursively) and the rest are `added`/`removed`. Paths use `a`'s index for
 *   removed/changed items and `b`'s index for added ones;
 * - long strings are summarised around the first differing offset (`offset`, `note`).
 *
 * Paths look like `$.body.messages[2].content`; keys that are not identifiers are quoted:
 * `$.body["extra-key"]`. Everything is iterative: deep input cannot overflow the stack.
 */
import { isJsonNumber, isJsonObject, fromPlain, toPlain, type JsonNumber, type JsonValue } from '../json/json-value';
import { tryParseJson } from '../json/lossless-json';
import { compareCodePoints, numberText, quoteAscii } from '../json/python-json';
import { buildTimeline, finalState } from '../stream';
import type { StreamState } from '../stream';

export type DiffKind = 'added' | 'removed' | 'changed' | 'type';

export interface DiffEntry {
  /** JSON path, `$.body.messages[2].content` */
  path: string;
  kind: DiffKind;
  /** Rendered value in `a` (absent for `added`). Long strings: an excerpt around `offset`. */
  before?: string;
  /** Rendered value in `b` (absent for `removed`). */
  after?: string;
  /** Strings: first differing UTF-16 offset. */
  offset?: number;
  /** Plain-words detail (type names, string lengths). */
  note?: string;
}

/** A DiffEntry with the raw values and path segments, for callers that judge the difference. */
export interface DetailedDiffEntry extends DiffEntry {
  segments: Array<string | number>;
  a?: JsonValue;
  b?: JsonValue;
}

export interface DiffOptions {
  /** 'python' (default): compare numbers by Python value; 'raw': by token text. */
  numbers?: 'python' | 'raw';
  /** Stop after this many entries (default: no limit). */
  maxEntries?: number;
  /** Strings longer than this are shown as an excerpt (default 120). */
  excerptOver?: number;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function pathOf(segments: ReadonlyArray<string | number>): string {
  let out = '$';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return out;
}

export type JsonTypeName = 'null' | 'boolean' | 'string' | 'int' | 'float' | 'array' | 'object';

export function jsonTypeName(v: JsonValue): JsonTypeName {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  if (isJsonNumber(v)) return v.isInteger ? 'int' : 'float';
  return 'object';
}

function numberKey(n: JsonNumber, mode: 'python' | 'raw'): string {
  if (mode === 'raw') return n.raw;
  if (n.isInteger) {
    try {
      return BigInt(n.raw).toString();
    } catch {
      return n.raw;
    }
  }
  return numberText(n);
}

/**
 * Canonical text of a value: sorted keys, numbers as `numberKey`. Equal canonical text ⇔ equal
 * under the diff's rules. Iterative; memoised per container object.
 */
function canonicalizer(mode: 'python' | 'raw'): (v: JsonValue) => string {
  const memo = new WeakMap<object, string>();
  const scalar = (v: JsonValue): string => {
    if (v === null) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'string') return quoteAscii(v);
    if (isJsonNumber(v)) return (v.isInteger ? 'i' : 'f') + numberKey(v, mode);
    return '';
  };
  return (root) => {
    if (root === null || typeof root !== 'object' || isJsonNumber(root)) return scalar(root);
    const hit = memo.get(root);
    if (hit !== undefined) return hit;
    // post-order: a frame is finished once all its children have canonical text
    type Frame = { node: JsonValue[] | { kind: 'object'; entries: Array<[string, JsonValue]> }; i: number; parts: string[]; keys: string[] };
    const stack: Frame[] = [{ node: root as Frame['node'], i: 0, parts: [], keys: [] }];
    let last = '';
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      const items: JsonValue[] = Array.isArray(f.node) ? f.node : f.node.entries.map((e) => e[1]);
      if (f.i < items.length) {
        const child = items[f.i]!;
        if (!Array.isArray(f.node)) f.keys.push(f.node.entries[f.i]![0]);
        f.i++;
        if (child !== null && typeof child === 'object' && !isJsonNumber(child)) {
          const m = memo.get(child);
          if (m !== undefined) f.parts.push(m);
          else stack.push({ node: child as Frame['node'], i: 0, parts: [], keys: [] });
        } else f.parts.push(scalar(child));
        continue;
      }
      stack.pop();
      let text: string;
      if (Array.isArray(f.node)) text = `[${f.parts.join(',')}]`;
      else {
        const pairs = f.keys.map((k, i) => [k, f.parts[i]!] as const).sort((x, y) => compareCodePoints(x[0], y[0]));
        text = `{${pairs.map(([k, p]) => `${quoteAscii(k)}:${p}`).join(',')}}`;
      }
      memo.set(f.node, text);
      last = text;
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.parts.push(text);
    }
    return last;
  };
}

/**
 * Structural hash key of a value under the diff's equality (sorted keys, numbers by `numberKey`):
 * two 32-bit hashes plus the node count, memoised per container, computed bottom-up without
 * recursion. Used to align array items; fixed size, so deep trees stay linear.
 */
function hasher(mode: 'python' | 'raw'): (v: JsonValue) => string {
  type H = [number, number, number];
  const memo = new WeakMap<object, H>();
  const str32 = (s: string, seed: number): number => {
    let h = seed ^ s.length;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15);
    return h >>> 0;
  };
  const mix = (h: number, x: number, k: number): number => (Math.imul((h ^ x) >>> 0, k) + 0x7f4a7c15) >>> 0;
  const scalar = (v: JsonValue): H => {
    let text: string;
    if (v === null) text = 'n';
    else if (typeof v === 'boolean') text = v ? 't' : 'f';
    else if (typeof v === 'string') text = `s${v}`;
    else if (isJsonNumber(v)) text = `${v.isInteger ? 'i' : 'd'}${numberKey(v, mode)}`;
    else text = '?';
    return [str32(text, 0x811c9dc5), str32(text, 0x12345678), 1];
  };
  const isContainer = (v: JsonValue): v is JsonValue[] | { kind: 'object'; entries: Array<[string, JsonValue]> } =>
    v !== null && typeof v === 'object' && !isJsonNumber(v);
  const compute = (root: JsonValue): H => {
    if (!isContainer(root)) return scalar(root);
    const hit = memo.get(root);
    if (hit) return hit;
    const stack: Array<{ node: JsonValue[] | { kind: 'object'; entries: Array<[string, JsonValue]> }; i: number }> = [{ node: root, i: 0 }];
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      const kids: JsonValue[] = Array.isArray(f.node) ? f.node : f.node.entries.map((e) => e[1]);
      let pushed = false;
      while (f.i < kids.length) {
        const c = kids[f.i]!;
        if (isContainer(c) && !memo.has(c)) {
          stack.push({ node: c, i: 0 });
          pushed = true;
          break;
        }
        f.i++;
      }
      if (pushed) continue;
      stack.pop();
      const get1 = (c: JsonValue): H => (isContainer(c) ? memo.get(c)! : scalar(c));
      let h1: number;
      let h2: number;
      let n = 1;
      if (Array.isArray(f.node)) {
        h1 = 0x1b873593;
        h2 = 0x2545f491;
        for (const c of f.node) {
          const [a, b, m] = get1(c);
          h1 = mix(h1, a, 0xcc9e2d51);
          h2 = mix(h2, b, 0x85ebca6b);
          n += m;
        }
      } else {
        h1 = 0x3c6ef372;
        h2 = 0x510e527f;
        const sorted = f.node.entries.slice().sort((x, y) => compareCodePoints(x[0], y[0]));
        for (const [k, c] of sorted) {
          const [a, b, m] = get1(c);
          h1 = mix(mix(h1, str32(k, 0x9747b28c), 0xcc9e2d51), a, 0xcc9e2d51);
          h2 = mix(mix(h2, str32(k, 0x27d4eb2f), 0x85ebca6b), b, 0x85ebca6b);
          n += m;
        }
      }
      memo.set(f.node, [h1, h2, n]);
    }
    return memo.get(root)!;
  };
  return (v) => {
    const [a, b, n] = compute(v);
    return `${a.toString(36)}.${b.toString(36)}.${n}`;
  };
}

/** Compact rendering (JSON-like, numbers as written, strings quoted), cut at `max` characters. */
export function renderValue(v: JsonValue | undefined, max = 120): string {
  if (v === undefined) return '';
  let out = '';
  // explicit stack of tokens still to write; containers expand lazily so huge values stay cheap
  const work: Array<JsonValue | { lit: string }> = [v];
  while (work.length > 0 && out.length <= max) {
    const x = work.pop()!;
    if (x !== null && typeof x === 'object' && 'lit' in x) {
      out += x.lit;
      continue;
    }
    const val = x as JsonValue;
    if (val === null) out += 'null';
    else if (typeof val === 'boolean') out += String(val);
    else if (typeof val === 'string') out += JSON.stringify(val.length > max ? val.slice(0, max) : val);
    else if (isJsonNumber(val)) out += val.raw;
    else if (Array.isArray(val)) {
      work.push({ lit: ']' });
      for (let i = val.length - 1; i >= 0; i--) {
        work.push(val[i]!);
        if (i > 0) work.push({ lit: ', ' });
      }
      out += '[';
    } else if (isJsonObject(val)) {
      work.push({ lit: '}' });
      for (let i = val.entries.length - 1; i >= 0; i--) {
        const [k, c] = val.entries[i]!;
        work.push(c);
        work.push({ lit: `${JSON.stringify(k)}: ` });
        if (i > 0) work.push({ lit: ', ' });
      }
      out += '{';
    }
  }
  return out.length > max || work.length > 0 ? `${out.slice(0, max)}…` : out;
}

/** First differing UTF-16 offset of two different strings. */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const CONTEXT = 30;
const SPAN = 50;

function excerpt(s: string, at: number): string {
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(s.length, at + SPAN);
  return `${start > 0 ? '…' : ''}${s.slice(start, end)}${end < s.length ? '…' : ''}`;
}

function stringEntry(segments: Array<string | number>, a: string, b: string, over: number): DetailedDiffEntry {
  const offset = firstDifference(a, b);
  const long = a.length > over || b.length > over;
  return {
    path: pathOf(segments),
    segments,
    kind: 'changed',
    before: JSON.stringify(long ? excerpt(a, offset) : a),
    after: JSON.stringify(long ? excerpt(b, offset) : b),
    offset,
    ...(long ? { note: `strings differ from offset ${offset} (length ${a.length} → ${b.length})` } : {}),
    a,
    b,
  };
}

/** Pairs of aligned indexes (LCS over canonical text), with trimmed common prefix/suffix. */
function alignArrays(a: JsonValue[], b: JsonValue[], key: (v: JsonValue) => string): Array<[number | null, number | null]> {
  const ka = a.map(key);
  const kb = b.map(key);
  let pre = 0;
  while (pre < ka.length && pre < kb.length && ka[pre] === kb[pre]) pre++;
  let suf = 0;
  while (suf < ka.length - pre && suf < kb.length - pre && ka[ka.length - 1 - suf] === kb[kb.length - 1 - suf]) suf++;
  const n = ka.length - pre - suf;
  const m = kb.length - pre - suf;
  const out: Array<[number | null, number | null]> = [];
  for (let i = 0; i < pre; i++) out.push([i, i]);
  // matched pairs in the middle: LCS when small enough, otherwise none (positional pairing)
  const matches: Array<[number, number]> = [];
  if (n > 0 && m > 0 && n * m <= 250_000) {
    const w = m + 1;
    const dp = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        dp[i * w + j] = ka[pre + i] === kb[pre + j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (ka[pre + i] === kb[pre + j]) {
        matches.push([pre + i, pre + j]);
        i++;
        j++;
      } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
      else j++;
    }
  }
  // walk the gaps between matches: pair left-overs in order, the rest is added/removed
  let ia = pre;
  let ib = pre;
  const flushGap = (endA: number, endB: number): void => {
    while (ia < endA && ib < endB) out.push([ia++, ib++]);
    while (ia < endA) out.push([ia++, null]);
    while (ib < endB) out.push([null, ib++]);
  };
  for (const [ma, mb] of matches) {
    flushGap(ma, mb);
    out.push([ma, mb]);
    ia = ma + 1;
    ib = mb + 1;
  }
  flushGap(ka.length - suf, kb.length - suf);
  for (let k = 0; k < suf; k++) out.push([ka.length - suf + k, kb.length - suf + k]);
  return out;
}

interface PathNode {
  seg: string | number;
  parent: PathNode | null;
}

function segmentsOf(node: PathNode | null): Array<string | number> {
  const out: Array<string | number> = [];
  for (let n = node; n !== null; n = n.parent) out.push(n.seg);
  return out.reverse();
}

/** Differences with raw values and path segments (see module comment for the rules). */
export function diffJsonDetailed(a: JsonValue, b: JsonValue, options: DiffOptions = {}): DetailedDiffEntry[] {
  const mode = options.numbers ?? 'python';
  const max = options.maxEntries ?? Infinity;
  const over = options.excerptOver ?? 120;
  const key = hasher(mode);
  const out: DetailedDiffEntry[] = [];
  const at = (node: PathNode | null) => {
    const segments = segmentsOf(node);
    return { path: pathOf(segments), segments };
  };
  const work: Array<{ a: JsonValue | undefined; b: JsonValue | undefined; node: PathNode | null }> = [{ a, b, node: null }];
  while (work.length > 0 && out.length < max) {
    const { a: x, b: y, node } = work.pop()!;
    if (x === undefined && y === undefined) continue;
    if (x === undefined) {
      out.push({ ...at(node), kind: 'added', after: renderValue(y), b: y });
      continue;
    }
    if (y === undefined) {
      out.push({ ...at(node), kind: 'removed', before: renderValue(x), a: x });
      continue;
    }
    if (x === y) continue;
    const tx = jsonTypeName(x);
    const ty = jsonTypeName(y);
    if (tx !== ty) {
      out.push({ ...at(node), kind: 'type', before: renderValue(x), after: renderValue(y), note: `${tx} → ${ty}`, a: x, b: y });
      continue;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      const pairs = alignArrays(x, y, key);
      for (let k = pairs.length - 1; k >= 0; k--) {
        const [i, j] = pairs[k]!;
        const va = i === null ? undefined : x[i];
        const vb = j === null ? undefined : y[j];
        if (va !== undefined && vb !== undefined && key(va) === key(vb)) continue;
        work.push({ a: va, b: vb, node: { seg: i ?? j!, parent: node } });
      }
    } else if (isJsonObject(x) && isJsonObject(y)) {
      const inB = new Map<string, JsonValue>();
      for (const [k, v] of y.entries) inB.set(k, v);
      const children: Array<{ a: JsonValue | undefined; b: JsonValue | undefined; node: PathNode }> = [];
      const inA = new Set<string>();
      for (const [k, v] of x.entries) {
        inA.add(k);
        children.push({ a: v, b: inB.has(k) ? inB.get(k) : undefined, node: { seg: k, parent: node } });
      }
      for (const [k, v] of y.entries) if (!inA.has(k)) children.push({ a: undefined, b: v, node: { seg: k, parent: node } });
      for (let k = children.length - 1; k >= 0; k--) work.push(children[k]!);
    } else if (typeof x === 'string' && typeof y === 'string') {
      if (x !== y) out.push(stringEntry(segmentsOf(node), x, y, over));
    } else if (isJsonNumber(x) && isJsonNumber(y)) {
      if (numberKey(x, mode) !== numberKey(y, mode)) out.push({ ...at(node), kind: 'changed', before: x.raw, after: y.raw, a: x, b: y });
    } else if (x !== y) {
      out.push({ ...at(node), kind: 'changed', before: renderValue(x), after: renderValue(y), a: x, b: y });
    }
  }
  return out;
}

/** Differences of two JSON trees by path (key order ignored, numbers exact). Empty when equal. */
export function diffJson(a: JsonValue, b: JsonValue, options: DiffOptions = {}): DiffEntry[] {
  return diffJsonDetailed(a, b, options).map(stripDetail);
}

export function stripDetail(e: DetailedDiffEntry): DiffEntry {
  const { segments: _s, a: _a, b: _b, ...rest } = e;
  return rest;
}

/** Equal under diffJson's rules (key order ignored, numbers by Python value). */
export function jsonSame(a: JsonValue, b: JsonValue): boolean {
  const key = canonicalizer('python');
  return key(a) === key(b);
}

/**
 * Fixed-size structural key (two 32-bit hashes + node count) under jsonSame's equality: cheap to
 * compare for many large values; equal keys mean equal values up to a ~2^-64 collision chance.
 */
export function structuralKey(v: JsonValue): string {
  return hasher('python')(v);
}

/** Canonical text (sorted keys, Python number semantics) for grouping/equality of many values. */
export function canonicalText(v: JsonValue): string {
  return canonicalizer('python')(v);
}

// ---------------------------------------------------------------------------------------------
// Answers: the final state of the reconstructed stream (or single body).

export interface AnswerToolCall {
  index: number;
  id: string | null;
  name: string | null;
  arguments: string;
}

export interface AnswerChoice {
  index: number;
  content: string;
  reasoning: string;
  refusal: string;
  finishReason: string | null;
  toolCalls: AnswerToolCall[];
}

export interface Answer {
  /** Timeline variant, e.g. `chat-completion-chunks`, `exception`. */
  variant: string;
  streaming: boolean;
  choices: AnswerChoice[];
  usage: Record<string, unknown> | null;
  error: { type: string; message: string } | null;
}

export interface AnswerDiff {
  same: boolean;
  a: Answer;
  b: Answer;
  /** Paths like `$.choices[0].content`, `$.choices[0].toolCalls[1].arguments.city`, `$.usage.total_tokens`. */
  differences: DiffEntry[];
}

/** The reconstructed final answer of a recording (lossless tree or plain JSON value). */
export function answerOf(record: JsonValue | unknown): Answer {
  const plain = isLossless(record) ? toPlain(record as JsonValue) : record;
  let state: StreamState;
  let variant = 'invalid';
  let streaming = false;
  try {
    const timeline = buildTimeline(plain);
    variant = timeline.variant;
    streaming = timeline.streaming;
    state = finalState(timeline);
  } catch {
    state = { position: -1, choices: [], usage: null };
  }
  return {
    variant,
    streaming,
    choices: state.choices.map((c) => ({
      index: c.index,
      content: c.content,
      reasoning: c.reasoning,
      refusal: c.refusal,
      finishReason: c.finishReason,
      toolCalls: c.toolCalls.map((t) => ({ index: t.index, id: t.id, name: t.name, arguments: t.arguments })),
    })),
    usage: state.usage ? { ...state.usage } : null,
    error: state.error ? { type: state.error.type, message: state.error.message } : null,
  };
}

function isLossless(v: unknown): boolean {
  // lossless trees have objects shaped {kind:'object', entries}
  return isJsonObject(v);
}

/** Answer as a JsonValue for diffing; tool-call arguments become JSON when they parse. */
function answerTree(ans: Answer): JsonValue {
  const args = (s: string): JsonValue => {
    const p = tryParseJson(s);
    return p.ok && s.trim() !== '' ? p.value : s;
  };
  const choices: JsonValue[] = ans.choices.map((c) => ({
    kind: 'object',
    entries: [
      ['index', { kind: 'number', raw: String(c.index), isInteger: true }],
      ['content', c.content],
      ['reasoning', c.reasoning],
      ['refusal', c.refusal],
      ['finishReason', c.finishReason],
      ['toolCalls', c.toolCalls.map((t): JsonValue => ({
        kind: 'object',
        entries: [
          ['index', { kind: 'number', raw: String(t.index), isInteger: true }],
          ['id', t.id],
          ['name', t.name],
          ['arguments', args(t.arguments)],
        ],
      }))],
    ],
  }));
  let usage: JsonValue = null;
  try {
    usage = ans.usage === null ? null : fromPlain(ans.usage);
  } catch {
    usage = null;
  }
  return {
    kind: 'object',
    entries: [
      ['choices', choices],
      ['usage', usage],
      ['error', ans.error === null ? null : { kind: 'object', entries: [['type', ans.error.type], ['message', ans.error.message]] }],
    ],
  };
}

/**
 * Difference of the two recordings' final answers: text, reasoning, refusal, tool calls (name,
 * id, arguments — compared as JSON when they parse), finish reason, usage and recorded error.
 * Accepts lossless trees or plain JSON values.
 */
export function diffAnswers(recordA: JsonValue | unknown, recordB: JsonValue | unknown, options: DiffOptions = {}): AnswerDiff {
  const a = answerOf(recordA);
  const b = answerOf(recordB);
  const differences = diffJson(answerTree(a), answerTree(b), options);
  return { same: differences.length === 0, a, b, differences };
}
