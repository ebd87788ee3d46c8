// Defensive accessors: recordings are untrusted JSON, every adapter goes through these so that
// a wrong type degrades to "not understood" instead of throwing.

export type Rec = Record<string, unknown>;

export const isRecord = (v: unknown): v is Rec =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const nonEmptyString = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

export const asArray = (v: unknown): readonly unknown[] | undefined => (Array.isArray(v) ? v : undefined);

export const asRecord = (v: unknown): Rec | undefined => (isRecord(v) ? v : undefined);

/** Non-negative safe integer, else the fallback (indexes come from providers and may be junk). */
export const indexOr = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fallback;

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return '[unserialisable]';
  }
}

/** Tool arguments given as an object (Ollama, genai, Anthropic) are shown as JSON text. */
export function argumentsText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '{}';
  return safeJson(v);
}

export interface Unwrapped {
  /** Text after the last '.' of `__type__`, if the item is a typed wrapper. */
  readonly cls?: string;
  readonly data: unknown;
}

/** `{__type__, __data__}` → class name + data; anything else is returned as data. */
export function unwrap(item: unknown): Unwrapped {
  if (isRecord(item) && typeof item.__type__ === 'string') {
    const t = item.__type__;
    return { cls: t.slice(t.lastIndexOf('.') + 1), data: item.__data__ };
  }
  return { data: item };
}

export function hasNumberValue(r: Rec): boolean {
  for (const k in r) if (typeof r[k] === 'number') return true;
  return false;
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `list(${v.length})`;
  return typeof v;
}
