/**
 * Lossless JSON tree used for recordings.
 *
 * Why not plain JS values: Python writes ints of any size and keeps `1` vs `1.0` apart, and both
 * matter for the request hash and for zero-diff re-saves (spec §5.1, §7). So numbers keep their
 * raw token text, and objects keep their entries in written order as an array of pairs (this also
 * makes keys such as `__proto__` harmless).
 *
 *   JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject
 *
 * All walkers here are iterative so 100k-deep input cannot overflow the call stack.
 */
import { pythonFloatRepr } from './python-float';

/** A number exactly as written. `isInteger` = token has no `.`/`e`/`E` (Python parses it as int). */
export interface JsonNumber {
  readonly kind: 'number';
  readonly raw: string;
  readonly isInteger: boolean;
}

/** An object; entries stay in written order, keys are unique (Python dict semantics). */
export interface JsonObject {
  readonly kind: 'object';
  entries: Array<[string, JsonValue]>;
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

const INT_RE = /^-?(?:0|[1-9][0-9]*)$/;
const NUM_RE = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as JsonObject).kind === 'object';
}

export function isJsonNumber(v: unknown): v is JsonNumber {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as JsonNumber).kind === 'number';
}

/** Number node from a raw JSON token (also `NaN`, `Infinity`, `-Infinity`); throws on anything else. */
export function jsonNumber(raw: string): JsonNumber {
  if (raw === 'NaN' || raw === 'Infinity' || raw === '-Infinity') return { kind: 'number', raw, isInteger: false };
  if (!NUM_RE.test(raw)) throw new TypeError(`not a JSON number token: ${raw}`);
  return { kind: 'number', raw, isInteger: INT_RE.test(raw) };
}

/** Integer node; bigint keeps precision beyond 2^53. */
export function jsonInt(n: number | bigint): JsonNumber {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  return { kind: 'number', raw: String(n), isInteger: true };
}

/** Float node (Python float); raw is Python's repr so `2` becomes `2.0`, -0 stays `-0.0`. */
export function jsonFloat(x: number): JsonNumber {
  return { kind: 'number', raw: pythonFloatRepr(x), isInteger: false };
}

export function jsonObject(entries: Array<[string, JsonValue]> = []): JsonObject {
  return { kind: 'object', entries };
}

/** JS value of a number node (ints beyond 2^53 are approximated; use `raw` or BigInt(raw) for exact). */
export function numberValue(n: JsonNumber): number {
  return Number(n.raw);
}

/** Member lookup; `undefined` when `obj` is not an object or has no such key. */
export function get(obj: JsonValue | undefined, key: string): JsonValue | undefined {
  if (!isJsonObject(obj)) return undefined;
  const e = obj.entries;
  for (let i = 0; i < e.length; i++) {
    const entry = e[i]!;
    if (entry[0] === key) return entry[1];
  }
  return undefined;
}

export function has(obj: JsonValue | undefined, key: string): boolean {
  if (!isJsonObject(obj)) return false;
  return obj.entries.some((e) => e[0] === key);
}

/** Path lookup: string steps into objects, number steps into arrays. */
export function getPath(v: JsonValue | undefined, ...path: Array<string | number>): JsonValue | undefined {
  let cur = v;
  for (const step of path) {
    if (typeof step === 'number') cur = Array.isArray(cur) ? cur[step] : undefined;
    else cur = get(cur, step);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Replace the value in place (position kept) or append a new key at the end, like a Python dict. */
export function set(obj: JsonObject, key: string, value: JsonValue): void {
  for (const entry of obj.entries) {
    if (entry[0] === key) {
      entry[1] = value;
      return;
    }
  }
  obj.entries.push([key, value]);
}

/** Delete a key; returns whether it existed. */
export function remove(obj: JsonObject, key: string): boolean {
  const i = obj.entries.findIndex((e) => e[0] === key);
  if (i < 0) return false;
  obj.entries.splice(i, 1);
  return true;
}

export function stringValue(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

// ---------------------------------------------------------------------------------------------
// Iterative rebuilds: containers are created before their children and each child is written
// into its slot by a small closure, so one explicit work stack suffices (no recursion).

type Leaf = null | boolean | string | JsonNumber;

/**
 * Copy a tree, replacing every leaf (null, boolean, string, number) by `leaf(v)`.
 * Containers are always fresh copies, so the result never aliases the input's containers.
 */
export function mapLeaves(root: JsonValue, leaf: (v: Leaf) => JsonValue): JsonValue {
  let result: JsonValue = null;
  const work: Array<[JsonValue, ((v: JsonValue) => void) | null]> = [[root, null]];
  while (work.length > 0) {
    const [src, put] = work.pop()!;
    let out: JsonValue;
    if (Array.isArray(src)) {
      const arr: JsonValue[] = new Array<JsonValue>(src.length).fill(null);
      for (let i = src.length - 1; i >= 0; i--) work.push([src[i]!, (v) => (arr[i] = v)]);
      out = arr;
    } else if (isJsonObject(src)) {
      const entries: Array<[string, JsonValue]> = src.entries.map((e) => [e[0], null]);
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i]!;
        work.push([src.entries[i]![1], (v) => (entry[1] = v)]);
      }
      out = { kind: 'object', entries };
    } else {
      out = leaf(src);
    }
    if (put === null) result = out;
    else put(out);
  }
  return result;
}

/**
 * Like mapLeaves, but a container whose leaves all map to themselves (===) is returned as is: only the
 * paths to changed leaves are copied, the rest is shared with `root` (which is never modified). Iterative,
 * so any depth works.
 */
export function mapLeavesShared(root: JsonValue, leaf: (v: Leaf) => JsonValue): JsonValue {
  if (!Array.isArray(root) && !isJsonObject(root)) return leaf(root as Leaf);
  interface Frame {
    src: JsonValue[] | JsonObject;
    i: number;
    /** Copy of the items, made when the first child changes. */
    copy: JsonValue[] | Array<[string, JsonValue]> | null;
  }
  const childOf = (f: Frame): JsonValue => (Array.isArray(f.src) ? f.src[f.i]! : f.src.entries[f.i]![1]);
  const put = (f: Frame, mapped: JsonValue, original: JsonValue): void => {
    if (mapped === original) return;
    if (Array.isArray(f.src)) ((f.copy ??= f.src.slice()) as JsonValue[])[f.i] = mapped;
    else ((f.copy ??= f.src.entries.slice()) as Array<[string, JsonValue]>)[f.i] = [f.src.entries[f.i]![0], mapped];
  };
  const stack: Frame[] = [{ src: root, i: 0, copy: null }];
  for (;;) {
    const f = stack[stack.length - 1]!;
    const length = Array.isArray(f.src) ? f.src.length : f.src.entries.length;
    if (f.i < length) {
      const child = childOf(f);
      if (Array.isArray(child) || isJsonObject(child)) {
        stack.push({ src: child, i: 0, copy: null });
        continue;
      }
      put(f, leaf(child as Leaf), child);
      f.i++;
      continue;
    }
    stack.pop();
    const out: JsonValue = f.copy === null ? f.src : Array.isArray(f.src) ? (f.copy as JsonValue[]) : { kind: 'object', entries: f.copy as Array<[string, JsonValue]> };
    const parent = stack[stack.length - 1];
    if (parent === undefined) return out;
    put(parent, out, childOf(parent));
    parent.i++;
  }
}

/** Deep copy. */
export function cloneJson(v: JsonValue): JsonValue {
  return mapLeaves(v, (x) => x);
}

/** Convert to ordinary JS values (numbers become JS numbers; big ints are approximated). */
export function toPlain(root: JsonValue): unknown {
  let result: unknown = null;
  const work: Array<[JsonValue, ((v: unknown) => void) | null]> = [[root, null]];
  while (work.length > 0) {
    const [src, put] = work.pop()!;
    let out: unknown;
    if (Array.isArray(src)) {
      const arr: unknown[] = new Array<unknown>(src.length).fill(null);
      for (let i = src.length - 1; i >= 0; i--) work.push([src[i]!, (v) => (arr[i] = v)]);
      out = arr;
    } else if (isJsonObject(src)) {
      const obj: Record<string, unknown> = {};
      // defineProperty: written order is kept and a `__proto__` key stays an ordinary key
      for (const [k] of src.entries) {
        Object.defineProperty(obj, k, { value: null, writable: true, enumerable: true, configurable: true });
      }
      for (let i = src.entries.length - 1; i >= 0; i--) {
        const [k, v] = src.entries[i]!;
        work.push([v, (x) => Object.defineProperty(obj, k, { value: x })]);
      }
      out = obj;
    } else if (isJsonNumber(src)) {
      out = Number(src.raw);
    } else {
      out = src;
    }
    if (put === null) result = out;
    else put(out);
  }
  return result;
}

/**
 * Convert ordinary JS values: integers (safe) and bigints become ints, other numbers floats,
 * objects keep their enumerable key order. Throws on cycles and on non-JSON values.
 */
export function fromPlain(root: unknown): JsonValue {
  let result: JsonValue = null;
  const ancestors = new Set<object>();
  // exit markers let us remove an object from `ancestors` once its subtree is done
  type Item = { src: unknown; put: ((v: JsonValue) => void) | null } | { exit: object };
  const work: Item[] = [{ src: root, put: null }];
  while (work.length > 0) {
    const item = work.pop()!;
    if ('exit' in item) {
      ancestors.delete(item.exit);
      continue;
    }
    const { src, put } = item;
    let out: JsonValue;
    if (src === null || typeof src === 'boolean' || typeof src === 'string') out = src;
    else if (typeof src === 'number') out = Number.isSafeInteger(src) && !Object.is(src, -0) ? jsonInt(src) : jsonFloat(src);
    else if (typeof src === 'bigint') out = jsonInt(src);
    else if (typeof src === 'object') {
      if (ancestors.has(src)) throw new TypeError('fromPlain: value contains a cycle');
      if (isJsonNumber(src)) out = src;
      else {
        ancestors.add(src);
        work.push({ exit: src });
        if (Array.isArray(src)) {
          const arr: JsonValue[] = new Array<JsonValue>(src.length).fill(null);
          for (let i = src.length - 1; i >= 0; i--) work.push({ src: src[i], put: (v) => (arr[i] = v) });
          out = arr;
        } else {
          const keys = Object.keys(src);
          const entries: Array<[string, JsonValue]> = keys.map((k) => [k, null]);
          for (let i = keys.length - 1; i >= 0; i--) {
            const entry = entries[i]!;
            work.push({ src: (src as Record<string, unknown>)[keys[i]!], put: (v) => (entry[1] = v) });
          }
          out = { kind: 'object', entries };
        }
      }
    } else throw new TypeError(`fromPlain: cannot represent ${typeof src} in JSON`);
    if (put === null) result = out;
    else put(out);
  }
  return result;
}

/**
 * Structural equality with Python semantics for numbers: ints compare by exact value, floats by
 * value (NaN equals NaN here so round-trip checks work, -0.0 differs from 0.0), int never equals
 * float. Object key order matters (it is part of the file).
 */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  const work: Array<[JsonValue, JsonValue]> = [[a, b]];
  while (work.length > 0) {
    const [x, y] = work.pop()!;
    if (x === y) continue;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) work.push([x[i]!, y[i]!]);
    } else if (isJsonObject(x)) {
      if (!isJsonObject(y) || x.entries.length !== y.entries.length) return false;
      for (let i = 0; i < x.entries.length; i++) {
        const ex = x.entries[i]!;
        const ey = y.entries[i]!;
        if (ex[0] !== ey[0]) return false;
        work.push([ex[1], ey[1]]);
      }
    } else if (isJsonNumber(x)) {
      if (!isJsonNumber(y) || x.isInteger !== y.isInteger) return false;
      if (x.isInteger) {
        if (BigInt(x.raw) !== BigInt(y.raw)) return false;
      } else {
        const nx = Number(x.raw);
        const ny = Number(y.raw);
        if (!(Object.is(nx, ny) || (Number.isNaN(nx) && Number.isNaN(ny)))) return false;
      }
    } else return false;
  }
  return true;
}
