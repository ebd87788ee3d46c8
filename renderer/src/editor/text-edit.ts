/**
 * The smallest single replacement that turns one text into another (common prefix and suffix kept), so
 * that a programmatic change (quick fix, reload, restore) is one undo step that touches only what differs
 * and does not scroll the editor away.
 */
export interface TextReplacement {
  /** Offsets in the old text. */
  start: number;
  end: number;
  /** Replacement for old[start, end). */
  text: string;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** null when the texts are equal. */
export function minimalReplacement(before: string, after: string): TextReplacement | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // never split a surrogate pair
  if (p > 0 && isHighSurrogate(before.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(before.charCodeAt(before.length - s))) s--;
  return { start: p, end: before.length - s, text: after.slice(p, after.length - s) };
}

export function applyReplacement(text: string, r: TextReplacement | null): string {
  return r === null ? text : text.slice(0, r.start) + r.text + text.slice(r.end);
}
