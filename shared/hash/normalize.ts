/**
 * `normalize(value)` of spec §5.1 and its historical variants (§5.3): rounds floats, rewrites
 * volatile substrings, and deletes a few root keys. Only values are touched, never dict keys.
 *
 * String rules use Python `re` semantics: `\s` is Python's Unicode whitespace set (differs from
 * JS `\s`: includes U+001C–U+001F and U+0085, excludes U+FEFF) and `\d` is any Unicode decimal
 * digit (`\p{Nd}`).
 */
import { isJsonNumber, isJsonObject, mapLeavesShared, jsonFloat, type JsonObject, type JsonValue } from '../json/json-value';
import { formatFixed, pythonRound } from '../json/python-float';
import type { RootRules, StringRuleSet } from './profiles';

const S = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const D = '\\p{Nd}';
const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';

interface StringRule {
  /** literal every match contains: a cheap `includes` skips the regex for most strings */
  needle: string;
  re: RegExp;
  replacement: string;
}
const rule = (needle: string, pattern: string, replacement: string): StringRule => ({ needle, re: new RegExp(pattern, 'gu'), replacement });

const SCORE = rule('score:', `score:${S}*[-+]?${D}*\\.?${D}+(?:[eE][-+]?${D}+)?`, 'score: __NORMALIZED__');
const ATTRIBUTES = rule('attributes:', `,?${S}*attributes:${S}*\\{[^}]*\\}`, '');
const DOC_UUID = rule('document_id:', `document_id:${S}*${UUID}`, 'document_id: __NORMALIZED__');
const CITE_UUID = rule('<|', `<\\|${UUID}\\|>`, '<|__NORMALIZED__|>');
const DOC_FILE = rule('document_id:', `document_id:${S}*file-${D}+`, 'document_id: __NORMALIZED__');
const CITE_FILE = rule('<|file-', `<\\|file-${D}+\\|>`, '<|__NORMALIZED__|>');
const NUMERIC = new RegExp(`(-?${D}+\\.${D}{4,})`, 'gu');

const RULES: Record<StringRuleSet, readonly StringRule[]> = {
  none: [],
  numeric: [],
  'fs-A': [SCORE, ATTRIBUTES],
  'fs-B': [SCORE, ATTRIBUTES, DOC_FILE, CITE_FILE],
  head: [SCORE, ATTRIBUTES, DOC_UUID, CITE_UUID],
};

const ASCII_DIGITS = /^[-0-9.]*$/;
const NON_ASCII_DIGIT = /\p{Nd}/gu;
const ND = /^\p{Nd}$/u;

/** Python `float()` accepts any Unicode decimal digit; Nd digits come in aligned runs of ten. */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!;
  let run = 0;
  while (ND.test(String.fromCodePoint(cp - 1))) {
    cp--;
    run++;
  }
  return String(run % 10);
}

/** Rule 5: `(-?\d+\.\d{4,})` → `format(float(match), ".5f")`. */
function normalizeNumericStrings(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(NUMERIC, (m) => {
    const ascii = ASCII_DIGITS.test(m) ? m : m.replace(NON_ASCII_DIGIT, digitValue);
    return formatFixed(Number(ascii), 5);
  });
}

/** Apply the string rules of a profile, in §5.1 order. */
export function normalizeString(s: string, rules: StringRuleSet): string {
  if (rules === 'none') return s;
  for (const r of RULES[rules]) {
    if (s.includes(r.needle)) s = s.replace(r.re, r.replacement);
  }
  return normalizeNumericStrings(s);
}

export interface LeafRules {
  roundFloats: boolean;
  strings: StringRuleSet;
}

export interface NormalizeOptions extends LeafRules {
  root: RootRules;
  /** `"bedrock" in urlparse(url).netloc` (inference requests only) */
  bedrock: boolean;
}

/** Normalise a request body/payload; returns a new tree (the input is not modified). */
export function normalizeValue(value: JsonValue, opts: NormalizeOptions): JsonValue {
  return applyRootRules(normalizeLeaves(value, opts), opts.root, opts.bedrock);
}

/**
 * Steps 2–5 of normalize: every leaf, at any depth. Returns a tree that shares every unchanged part with
 * `value` (neither is ever modified), so the dumps of those parts can be reused across profiles.
 */
export function normalizeLeaves(value: JsonValue, rules: LeafRules): JsonValue {
  if (!rules.roundFloats && rules.strings === 'none') return value;
  return mapLeavesShared(value, (v) => {
    if (typeof v === 'string') return normalizeString(v, rules.strings);
    if (rules.roundFloats && isJsonNumber(v) && !v.isInteger) {
      const x = Number(v.raw);
      const rounded = pythonRound(x, 5);
      // Same value: the node dumps the same (numbers are dumped from their value), so keep it.
      return Object.is(rounded, x) ? v : jsonFloat(rounded);
    }
    return v;
  });
}

/**
 * Step 1, root dict only: delete `stream_options` for Bedrock, `project_id` inside
 * `extra_body` / `extra_query`. Copies only what it changes, so one leaf-normalised tree can
 * serve several rule variants.
 */
export function applyRootRules(root: JsonValue, rules: RootRules, bedrock: boolean): JsonValue {
  if (!isJsonObject(root)) return root;
  let entries = root.entries;
  if (bedrock && rules.bedrockStreamOptions) entries = entries.filter((e) => e[0] !== 'stream_options');
  if (rules.extraProjectId) {
    entries = entries.map((e): [string, JsonValue] => {
      const v = e[1];
      if ((e[0] === 'extra_body' || e[0] === 'extra_query') && isJsonObject(v) && v.entries.some((x) => x[0] === 'project_id')) {
        return [e[0], { kind: 'object', entries: v.entries.filter((x) => x[0] !== 'project_id') }];
      }
      return e;
    });
  }
  return entries === root.entries ? root : ({ kind: 'object', entries } satisfies JsonObject);
}
