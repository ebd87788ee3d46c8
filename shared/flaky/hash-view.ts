/**
 * The object the recorder hashes (spec §5.1), before and after normalisation, and a verdict for
 * each difference between two such objects: would a normalisation rule have absorbed it, or does
 * it change the hash?
 *
 * Views (key order as the hash input; dumps_sorted sorts anyway):
 *   inference       { method, endpoint: <URL path>, body, test_id }   (no test_id for model-list paths)
 *   raw HTTP        { method, payload, test_id, url }
 *   tool            { kwargs, provider, tool_name }                   (no normalisation, no test_id)
 *   file processor  { api, file_id, test_id }
 * The stored id_normalization_mapping is applied first, as the recorder does on load (§6.3).
 */
import { get, isJsonNumber, stringValue, type JsonObject, type JsonValue } from '../json/json-value';
import { pythonRound } from '../json/python-float';
import { applyStoredIdMapping } from '../hash/id-mapping';
import { applyRootRules, normalizeLeaves, normalizeString } from '../hash/normalize';
import { DEFAULT_PROFILE, getProfile, type HashProfile, type ProfileName } from '../hash/profiles';
import { pythonUrlParse } from '../hash/python-url';
import { requestKind } from '../hash/request-hash';
import { canonicalText, type DetailedDiffEntry, type DiffEntry } from './request-diff';

const o = (entries: Array<[string, JsonValue]>): JsonObject => ({ kind: 'object', entries });
const orNull = (v: JsonValue | undefined): JsonValue => (v === undefined ? null : v);
const upper = (v: JsonValue | undefined): JsonValue => (typeof v === 'string' ? v.toUpperCase() : orNull(v));

function viewOf(record: JsonValue, profile: HashProfile, normalise: boolean): JsonValue {
  const rec = applyStoredIdMapping(record);
  const request = get(rec, 'request');
  const kind = requestKind(request);
  switch (kind) {
    case 'inference': {
      const parts = pythonUrlParse(stringValue(get(request, 'url')) ?? '');
      let body = orNull(get(request, 'body'));
      if (normalise) body = applyRootRules(normalizeLeaves(body, profile), profile.rootVariants[0]!, parts.netloc.includes('bedrock'));
      const entries: Array<[string, JsonValue]> = [['method', upper(get(request, 'method'))], ['endpoint', parts.path], ['body', body]];
      if (profile.includeTestId && !profile.modelPaths.includes(parts.path)) entries.push(['test_id', orNull(get(rec, 'test_id'))]);
      return o(entries);
    }
    case 'http': {
      let payload = orNull(get(request, 'payload'));
      if (normalise) payload = applyRootRules(normalizeLeaves(payload, profile), profile.rootVariants[0]!, false);
      return o([['method', upper(get(request, 'method'))], ['payload', payload], ['test_id', orNull(get(request, 'test_id'))], ['url', orNull(get(request, 'url'))]]);
    }
    case 'tool':
      return o([['kwargs', orNull(get(request, 'kwargs'))], ['provider', orNull(get(request, 'provider'))], ['tool_name', orNull(get(request, 'tool_name'))]]);
    case 'file-processor':
      return o([['api', 'file_processors'], ['file_id', orNull(get(request, 'file_id'))], ['test_id', orNull(get(request, 'test_id') ?? get(rec, 'test_id'))]]);
    default:
      return orNull(request);
  }
}

/** What the recorder hashes, before normalisation (for showing request differences). */
export function rawHashView(record: JsonValue, profile: ProfileName = DEFAULT_PROFILE): JsonValue {
  return viewOf(record, getProfile(profile), false);
}

/** What the recorder hashes, after normalisation: equal normalised views ⇔ equal hash. */
export function normalizedHashView(record: JsonValue, profile: ProfileName = DEFAULT_PROFILE): JsonValue {
  return viewOf(record, getProfile(profile), true);
}

// ---------------------------------------------------------------------------------------------
// Rule attribution. The authoritative equality test uses shared/hash/normalize; the patterns below
// only name *which* §5.1 rule made two values equal (same patterns, Python `\s` / `\d`).

export type NormalizationRule =
  | 'float-round-5'
  | 'score'
  | 'attributes'
  | 'document-id'
  | 'citation-id'
  | 'numeric-string'
  | 'bedrock-stream-options'
  | 'extra-project-id';

export const RULE_TEXT: Record<NormalizationRule, string> = {
  'float-round-5': '§5.1 float rule: floats are rounded to 5 decimals (Python round(x, 5))',
  score: '§5.1 string rule 1: "score: <number>" → "score: __NORMALIZED__"',
  attributes: '§5.1 string rule 2: ", attributes: {…}" is removed',
  'document-id': '§5.1 string rule 3: "document_id: <uuid>" → "document_id: __NORMALIZED__"',
  'citation-id': '§5.1 string rule 4: "<|uuid|>" → "<|__NORMALIZED__|>"',
  'numeric-string': '§5.1 string rule 5: decimal numbers with 4+ decimals inside strings → 5 decimals',
  'bedrock-stream-options': '§5.1 root rule: stream_options is dropped for Bedrock URLs',
  'extra-project-id': '§5.1 root rule: extra_body.project_id / extra_query.project_id are dropped',
};

const S = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const D = '\\p{Nd}';
const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
type StringRule = { rule: NormalizationRule; apply: (s: string) => string };
const re = (p: string) => new RegExp(p, 'gu');
const SCORE_RE = re(`score:${S}*[-+]?${D}*\\.?${D}+(?:[eE][-+]?${D}+)?`);
const SCORE: StringRule = { rule: 'score', apply: (s) => s.replace(SCORE_RE, 'score: __NORMALIZED__') };
const ATTR_RE = re(`,?${S}*attributes:${S}*\\{[^}]*\\}`);
const ATTR: StringRule = { rule: 'attributes', apply: (s) => s.replace(ATTR_RE, '') };
const DOC_RE = re(`document_id:${S}*${UUID}`);
const DOC: StringRule = { rule: 'document-id', apply: (s) => s.replace(DOC_RE, 'document_id: __NORMALIZED__') };
const CITE_RE = re(`<\\|${UUID}\\|>`);
const CITE: StringRule = { rule: 'citation-id', apply: (s) => s.replace(CITE_RE, '<|__NORMALIZED__|>') };
const DOC_FILE_RE = re(`document_id:${S}*file-${D}+`);
const DOC_FILE: StringRule = { rule: 'document-id', apply: (s) => s.replace(DOC_FILE_RE, 'document_id: __NORMALIZED__') };
const CITE_FILE_RE = re(`<\\|file-${D}+\\|>`);
const CITE_FILE: StringRule = { rule: 'citation-id', apply: (s) => s.replace(CITE_FILE_RE, '<|__NORMALIZED__|>') };
// rule 5 is delegated to normalizeString with the 'numeric' set (it only runs rule 5)
const NUMERIC: StringRule = { rule: 'numeric-string', apply: (s) => normalizeString(s, 'numeric') };

function stringRules(profile: HashProfile): StringRule[] {
  switch (profile.strings) {
    case 'none': return [];
    case 'numeric': return [NUMERIC];
    case 'fs-A': return [SCORE, ATTR, NUMERIC];
    case 'fs-B': return [SCORE, ATTR, DOC_FILE, CITE_FILE, NUMERIC];
    case 'head': return [SCORE, ATTR, DOC, CITE, NUMERIC];
  }
}

/**
 * Which string rules are needed to make `a` and `b` equal: the rules that changed something on the
 * way to equality, minus those without which the two still end up equal (a rule that rewrites the
 * same text on both sides did not absorb anything).
 */
function stringRulesFor(a: string, b: string, profile: HashProfile): NormalizationRule[] {
  const rules = stringRules(profile);
  const run = (skip: StringRule | null): [string, string, StringRule[]] => {
    let x = a;
    let y = b;
    const used: StringRule[] = [];
    for (const r of rules) {
      if (r === skip) continue;
      const nx = r.apply(x);
      const ny = r.apply(y);
      if (nx !== x || ny !== y) used.push(r);
      x = nx;
      y = ny;
    }
    return [x, y, used];
  };
  const [, , used] = run(null);
  const needed = used.filter((r) => {
    const [x, y] = run(r);
    return x !== y;
  });
  return (needed.length > 0 ? needed : used).map((r) => r.rule);
}

export type Verdict = 'absorbed' | 'changes-hash';

export interface JudgedDifference extends DiffEntry {
  verdict: Verdict;
  /** Rules that absorb it (absorbed), or that would have if … (see explanation). */
  rules?: NormalizationRule[];
  explanation: string;
}

export interface JudgeContext {
  profile?: ProfileName;
  /** The request whose hash is in question goes to a Bedrock host (stream_options rule). */
  bedrock: boolean;
}

const NOT_NORMALISED: Record<string, string> = {
  method: 'the HTTP method is hashed as is',
  endpoint: 'the URL path is hashed as is (the endpoint label is not, the path is)',
  url: 'raw-HTTP requests hash the full URL string',
  test_id: 'the test id is part of the hash',
  kwargs: 'tool calls are hashed without normalisation',
  provider: 'the tool provider is hashed as is',
  tool_name: 'the tool name is hashed as is',
  file_id: 'the file id is hashed as is',
};

/**
 * Judge one difference between two hash views (`a` = a recording, `b` = the request in question):
 * `absorbed` when the normalisation of `profile` makes both sides equal (naming the rule),
 * `changes-hash` otherwise (with the reason).
 */
export function judgeDifference(d: DetailedDiffEntry, ctx: JudgeContext): JudgedDifference {
  const profile = getProfile(ctx.profile ?? DEFAULT_PROFILE);
  const base = stripValues(d);
  const [top, second, third] = d.segments;
  const normalisedArea = top === 'body' || top === 'payload';
  if (!normalisedArea) {
    const why = typeof top === 'string' ? NOT_NORMALISED[top] : undefined;
    return { ...base, verdict: 'changes-hash', explanation: `Changes the hash: ${why ?? 'this field is hashed as is'}.` };
  }
  const root = profile.rootVariants[0]!;
  // root rules (§5.1 step 1): whole keys of the body dict
  if (top === 'body' && second === 'stream_options' && d.segments.length === 2) {
    if (ctx.bedrock && root.bedrockStreamOptions) return { ...base, verdict: 'absorbed', rules: ['bedrock-stream-options'], explanation: `Absorbed: ${RULE_TEXT['bedrock-stream-options']}.` };
    return { ...base, verdict: 'changes-hash', rules: ['bedrock-stream-options'], explanation: `Changes the hash: stream_options is dropped only for Bedrock URLs${ctx.bedrock ? ' (not by this algorithm)' : ', and this request does not go to Bedrock'}.` };
  }
  if ((second === 'extra_body' || second === 'extra_query') && third === 'project_id' && d.segments.length === 3) {
    if (root.extraProjectId) return { ...base, verdict: 'absorbed', rules: ['extra-project-id'], explanation: `Absorbed: ${RULE_TEXT['extra-project-id']}.` };
    return { ...base, verdict: 'changes-hash', explanation: `Changes the hash: ${profile.name} does not drop ${second}.project_id.` };
  }
  if (d.kind === 'added' || d.kind === 'removed') {
    return { ...base, verdict: 'changes-hash', explanation: `Changes the hash: a ${d.kind === 'added' ? 'key/item only your request has' : 'key/item only the recording has'} is never removed by normalisation.` };
  }
  if (d.kind === 'type') {
    const intFloat = (isJsonNumber(d.a) && isJsonNumber(d.b));
    return { ...base, verdict: 'changes-hash', explanation: intFloat ? 'Changes the hash: ints are never rounded, so an int and a float always hash differently (1 vs 1.0).' : `Changes the hash: the value has a different JSON type (${d.note ?? ''}).` };
  }
  // changed leaf: normalise both sides with the profile's leaf rules
  const a = d.a ?? null;
  const b = d.b ?? null;
  const na = normalizeLeaves(a, profile);
  const nb = normalizeLeaves(b, profile);
  if (canonicalText(na) !== canonicalText(nb)) {
    return { ...base, verdict: 'changes-hash', explanation: `Changes the hash: ${notAbsorbedWhy(a, b, profile)}.` };
  }
  const rules: NormalizationRule[] = [];
  if (isJsonNumber(a) && isJsonNumber(b)) rules.push('float-round-5');
  else if (typeof a === 'string' && typeof b === 'string') rules.push(...stringRulesFor(a, b, profile));
  const text = rules.length > 0 ? rules.map((r) => RULE_TEXT[r]).join('; ') : 'normalisation';
  const detail = isJsonNumber(a) && isJsonNumber(b) ? ` (both become ${canonicalText(na).slice(1)})` : '';
  return { ...base, verdict: 'absorbed', rules, explanation: `Absorbed: ${text}${detail}.` };
}

function notAbsorbedWhy(a: JsonValue, b: JsonValue, profile: HashProfile): string {
  if (isJsonNumber(a) && isJsonNumber(b)) {
    if (a.isInteger) return 'ints are hashed exactly (never rounded)';
    if (!profile.roundFloats) return `${profile.name} does not round floats`;
    const ra = pythonRound(Number(a.raw), 5);
    const rb = pythonRound(Number(b.raw), 5);
    return `the values still differ after round(x, 5) (${ra} vs ${rb})`;
  }
  if (typeof a === 'string' && typeof b === 'string') return 'the strings still differ after the string rules (score, attributes, document ids, citations, long decimals)';
  return 'normalisation does not change this value';
}

function stripValues(d: DetailedDiffEntry): DiffEntry {
  const { segments: _s, a: _a, b: _b, ...rest } = d;
  return rest;
}

/** True when `record`'s request goes to a Bedrock host (inference kind only). */
export function isBedrock(record: JsonValue): boolean {
  const request = get(record, 'request');
  if (requestKind(request) !== 'inference') return false;
  return pythonUrlParse(stringValue(get(request, 'url')) ?? '').netloc.includes('bedrock');
}

