/**
 * "Why was my recording not found?" — from a pasted replay failure (hash, test id, model, URL) or
 * a request (a whole recording, a `request` object, or just the SDK `body`), find the nearest
 * recordings of the folder and say, field by field, what differs and whether the recorder's
 * normalisation (spec §5.1) would have absorbed it.
 *
 * Ranking: exact matches first (the request normalises to the same hash input, the sought hash is
 * reproduced by a recording's content under the current algorithm, or a file carries that name),
 * then same test id + endpoint + model, same test id, same endpoint + model, the rest; within a
 * tier by similarity of the normalised requests (Dice coefficient over (path, value) leaves, test id
 * left out), then current names before others, then path.
 *
 * Unknown parts of the request (a pasted SDK body has no URL and no test id) are taken from each
 * candidate when comparing, and listed in `query.assumed`.
 */
import { get, isJsonNumber, isJsonObject, stringValue, type JsonObject, type JsonValue } from '../json/json-value';
import { tryParseJson } from '../json/lossless-json';
import { classifyHash, hashCandidates, parseRecordingName, requestKind, type RequestKind } from '../hash/request-hash';
import { isInExpectedDir, expectedRecordingDir } from '../hash/record-checks';
import { DEFAULT_PROFILE, profilesUpTo, type ProfileName } from '../hash/profiles';
import { pythonUrlParse } from '../hash/python-url';
import { canonicalText, diffJsonDetailed, structuralKey } from './request-diff';
import { isBedrock, judgeDifference, normalizedHashView, rawHashView, type JudgedDifference } from './hash-view';
import { requestFeatures, type HashStatusLike, type RequestFeatures } from './request-features';
import type { TestEntry } from './test-groups';

// ---------------------------------------------------------------------------------------------
// Parsing what the user pastes

export interface SoughtHash {
  /** 64 hex, or 12 hex for legacy names */
  hash: string;
  short: boolean;
  modelList: boolean;
  digest?: string;
}

export interface ParsedFailure {
  hashes: SoughtHash[];
  /** pytest node ids / recorder test contexts, most specific source first */
  testIds: string[];
  model?: string;
  method?: string;
  url?: string;
  /** Endpoint label or URL path named in the text (`Endpoint: /generate_content`). */
  endpoint?: string;
  tool?: { provider: string; toolName: string; kwargsText?: string };
  /** A JSON object pasted instead of (or inside) the failure: recording, request or body. */
  request?: JsonValue;
}

const HEX64 = /(?<![0-9a-fA-F])[0-9a-f]{64}(?![0-9a-fA-F])/g;
const MODELS_NAME = /models-([0-9a-f]{64}|[0-9a-f]{12})-([0-9a-f]{8})/g;
const HEX12 = /(?<![0-9A-Za-z_\-])[0-9a-f]{12}(?![0-9A-Za-z_\-])/g;
const REC_ID = /\brec-([0-9a-f]{12})\b/g;
const NODE_ID = /(?:^|[\s'"(=\[])((?:\.\/)?(?:[\w.\-]+\/)*[\w.\-]+\.py::[\w.:\-]+(?:\[[^\]\n]*\])?)/g;

function addUnique<T>(list: T[], value: T, same: (a: T, b: T) => boolean): void {
  if (!list.some((x) => same(x, value))) list.push(value);
}

/**
 * Extract what a replay failure says: hashes (64-hex, 12-hex legacy, `models-<hash>-<d8>` names,
 * `rec-<12hex>` ids), the test id (`Test context:`, `test_id=…`, pytest node ids), model, method,
 * URL / endpoint, tool name. A text that is itself JSON becomes `request`.
 */
export function parseFailureText(text: string): ParsedFailure {
  const out: ParsedFailure = { hashes: [], testIds: [] };
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const parsed = tryParseJson(trimmed);
    if (parsed.ok && isJsonObject(parsed.value)) {
      out.request = parsed.value;
      const t = requestFeatures(wrapAsRecord(parsed.value).record).testId;
      if (t !== null) out.testIds.push(t);
      return out;
    }
  }
  const sameHash = (a: SoughtHash, b: SoughtHash) => a.hash === b.hash;
  for (const m of text.matchAll(MODELS_NAME)) addUnique(out.hashes, { hash: m[1]!, short: m[1]!.length === 12, modelList: true, digest: m[2]! }, sameHash);
  for (const m of text.matchAll(HEX64)) addUnique(out.hashes, { hash: m[0], short: false, modelList: false }, sameHash);
  for (const m of text.matchAll(HEX12)) {
    const h = m[0];
    if (!/[a-f]/.test(h) || !/[0-9]/.test(h)) continue; // all-digit tokens are ids/timestamps, all-letter are words
    if (out.hashes.some((x) => x.hash.startsWith(h))) continue;
    addUnique(out.hashes, { hash: h, short: true, modelList: false }, sameHash);
  }
  for (const m of text.matchAll(REC_ID)) {
    if (!out.hashes.some((x) => x.hash.startsWith(m[1]!))) addUnique(out.hashes, { hash: m[1]!, short: true, modelList: false }, sameHash);
  }

  const sameStr = (a: string, b: string) => a === b;
  for (const m of text.matchAll(/Test (?:context|ID):\s*(\S+)/g)) if (m[1] !== 'None') addUnique(out.testIds, cleanTestId(m[1]!), sameStr);
  for (const m of text.matchAll(/["']?test_id["']?\s*[:=]\s*["']?([^"'\s,}]+(?:\[[^\]\n]*\])?)/g)) if (m[1] !== 'None' && m[1] !== 'null') addUnique(out.testIds, cleanTestId(m[1]!), sameStr);
  for (const m of text.matchAll(NODE_ID)) addUnique(out.testIds, cleanTestId(m[1]!), sameStr);

  const model = /\bModel:\s*([^|\n]+?)\s*(?:\||$)/m.exec(text);
  if (model && model[1] !== 'unknown') out.model = model[1]!;
  const req = /\bRequest:\s*([A-Z]+)\s+(\S+)/.exec(text);
  if (req) {
    out.method = req[1]!;
    out.url = req[2]!;
  }
  const url = /^\s*URL:\s*(\S+)/m.exec(text) ?? /\|\s*URL:\s*(\S+)/.exec(text);
  if (url && out.url === undefined) out.url = url[1]!;
  const method = /^\s*Method:\s*([A-Z]+)/m.exec(text);
  if (method && out.method === undefined) out.method = method[1]!;
  const endpoint = /\bEndpoint:\s*(\S+)/.exec(text);
  if (endpoint) out.endpoint = endpoint[1]!;
  const httpx = /Recording not found for httpx (POST|GET) (\S+)/.exec(text);
  if (httpx) {
    out.method = httpx[1]!;
    out.url = httpx[2]!;
  }
  const tool = /Recording not found for ([\w\-]+)\.([\w\-]+) \| Request: (.*)$/m.exec(text);
  if (tool && !/request hash/.test(tool[0])) out.tool = { provider: tool[1]!, toolName: tool[2]!, kwargsText: tool[3]! };
  return out;
}

function cleanTestId(t: string): string {
  return t.replace(/^\.\//, '').replace(/[).,;:]+$/, (m) => (m.includes(']') ? m : ''));
}

export type InputShape = 'recording' | 'request' | 'body';

/**
 * A pasted JSON value as a record `{test_id, request}`: a whole recording, a `request` object
 * (inference/raw-HTTP/tool), or just the SDK `body`. `testIdKnown` is false when the value does not
 * say (body, inference request): the test id must come from elsewhere.
 */
export function wrapAsRecord(value: JsonValue): { record: JsonValue; shape: InputShape; testIdKnown: boolean; urlKnown: boolean } {
  if (isJsonObject(value) && isJsonObject(get(value, 'request'))) {
    const hasTestId = get(value, 'test_id') !== undefined || get(get(value, 'request'), 'test_id') !== undefined;
    return { record: value, shape: 'recording', testIdKnown: hasTestId, urlKnown: get(get(value, 'request'), 'url') !== undefined || requestKind(get(value, 'request')) === 'tool' };
  }
  const kind = requestKind(value);
  if (kind !== 'unknown') {
    const testIdKnown = kind !== 'inference' && get(value, 'test_id') !== undefined;
    return { record: obj([['request', value]]), shape: 'request', testIdKnown, urlKnown: true };
  }
  return { record: obj([['request', obj([['method', 'POST'], ['body', value]])]]), shape: 'body', testIdKnown: false, urlKnown: false };
}

const obj = (entries: Array<[string, JsonValue]>): JsonObject => ({ kind: 'object', entries });

function setEntry(o: JsonObject, key: string, value: JsonValue): JsonObject {
  const entries = o.entries.filter((e) => e[0] !== key);
  entries.push([key, value]);
  return obj(entries);
}

// ---------------------------------------------------------------------------------------------
// The search

export interface WhyQuery {
  /** Hash from the failure (64 or 12 hex, or a `models-…` name). */
  hash?: string;
  /** Test id (pytest node id); null = a request made with no active test. */
  testId?: string | null;
  /** A recording, a `request` object or an SDK body. */
  request?: JsonValue;
  /** Pasted failure text; fills hash / test id / model / URL / request when not given directly. */
  failureText?: string;
  model?: string;
  /** Endpoint label (`/v1/chat/completions`) or URL path. */
  endpoint?: string;
  url?: string;
}

export interface WhyOptions {
  /** Candidates returned (default 10). */
  limit?: number;
  /** Algorithm in force (default head-2026-04). */
  currentProfile?: ProfileName;
  /** Differences listed per candidate (default 40). */
  maxDifferences?: number;
  /** Recordings whose content is checked against the hash under every profile (default 400). */
  maxDeepHash?: number;
}

export type WhyTier = 'exact' | 'same-test-endpoint-model' | 'same-test' | 'same-endpoint-model' | 'other';

export interface WhyCandidate {
  rank: number;
  path: string;
  testId: string | null;
  endpoint: string;
  model: string;
  turn: number;
  hash: HashStatusLike | null;
  tier: WhyTier;
  /** 0..1, similarity of the normalised requests (null when no request was given). */
  similarity: number | null;
  /** The sought hash is reproduced by this recording's content under this profile. */
  hashMatch?: { profile: ProfileName; variant: string; name: string };
  /** The file's own name carries the sought hash. */
  nameMatch?: boolean;
  /** Request given: normalised requests are equal (same hash input under the current algorithm). */
  sameRequest?: boolean;
  /** Differences of the hashed request: before = this recording, after = your request. */
  differences: JudgedDifference[];
  differenceCount: number;
  hashChanging: number;
  absorbed: number;
  /** Where the file is versus where the recorder looks (exact matches). */
  location?: string;
  summary: string;
}

export interface WhyReport {
  query: {
    hashes: SoughtHash[];
    testId: string | null | undefined;
    model?: string;
    endpoint?: string;
    urlPath?: string;
    inputShape?: InputShape;
    /** Hash of the given request under the current algorithm (when it can be computed). */
    computedHash?: string;
    /** Parts of the request taken from each candidate because the input did not say. */
    assumed: string[];
  };
  currentProfile: ProfileName;
  /** An exact match exists (see module comment). */
  found: boolean;
  candidates: WhyCandidate[];
  /** Plain-words conclusion, one line per point. */
  verdict: string[];
  searched: number;
}

interface Probe {
  record: JsonValue | null;
  shape?: InputShape;
  testIdKnown: boolean;
  urlKnown: boolean;
  testId: string | null | undefined;
  hashes: SoughtHash[];
  model?: string;
  endpoint?: string;
  urlPath?: string;
  kind: RequestKind | 'unknown';
}

function buildProbe(q: WhyQuery): Probe {
  const parsed = q.failureText !== undefined ? parseFailureText(q.failureText) : { hashes: [], testIds: [] } as ParsedFailure;
  const request = q.request ?? parsed.request;
  let record: JsonValue | null = null;
  let shape: InputShape | undefined;
  let testIdKnown = false;
  let urlKnown = false;
  if (request !== undefined) {
    const w = wrapAsRecord(request);
    record = w.record;
    shape = w.shape;
    testIdKnown = w.testIdKnown;
    urlKnown = w.urlKnown;
  }
  let testId: string | null | undefined = q.testId !== undefined ? q.testId : parsed.testIds[0];
  if (testId === undefined && record !== null && testIdKnown) testId = requestFeatures(record).testId;
  if (record !== null && testId !== undefined && isJsonObject(record)) {
    // the explicit test id wins; it is what the recorder hashed
    if (requestKind(get(record, 'request')) === 'http') record = setEntry(record, 'request', setEntry(get(record, 'request') as JsonObject, 'test_id', testId));
    else record = setEntry(record, 'test_id', testId);
    testIdKnown = true;
  }
  if (record !== null && !urlKnown && (q.url ?? parsed.url) !== undefined && isJsonObject(record)) {
    const req = get(record, 'request') as JsonObject;
    record = setEntry(record, 'request', setEntry(setEntry(req, 'url', (q.url ?? parsed.url)!), 'method', parsed.method ?? 'POST'));
    urlKnown = true;
  }
  const hashes = [...parsed.hashes];
  if (q.hash !== undefined) {
    const h = q.hash.trim().toLowerCase().replace(/\.json$/, '');
    const name = parseRecordingName(`${h}.json`);
    if (name) hashes.unshift({ hash: name.hash, short: name.short, modelList: name.modelList, ...(name.digest ? { digest: name.digest } : {}) });
    else if (/^[0-9a-f]{6,64}$/.test(h)) hashes.unshift({ hash: h, short: h.length < 64, modelList: false });
  }
  const f = record !== null ? requestFeatures(record) : null;
  const url = q.url ?? parsed.url;
  const urlPath = f !== null && urlKnown ? f.urlPath : url !== undefined ? pythonUrlParse(url).path : undefined;
  const endpoint = q.endpoint ?? parsed.endpoint ?? (f !== null && urlKnown ? f.endpoint : undefined);
  const req = record !== null ? get(record, 'request') : undefined;
  const bodyModel = stringValue(get(get(req, 'body'), 'model')) ?? stringValue(get(get(req, 'payload'), 'model'));
  const model = q.model ?? parsed.model ?? (f !== null && f.model !== '' ? f.model : bodyModel);
  return {
    record,
    ...(shape ? { shape } : {}),
    testIdKnown,
    urlKnown,
    testId,
    hashes: dedupeHashes(hashes),
    ...(model !== undefined ? { model } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(urlPath !== undefined && urlPath !== '' ? { urlPath } : {}),
    kind: f?.kind ?? 'unknown',
  };
}

function dedupeHashes(hs: SoughtHash[]): SoughtHash[] {
  const out: SoughtHash[] = [];
  for (const h of hs) if (!out.some((x) => x.hash === h.hash)) out.push(h);
  return out;
}

/** The probe completed with a candidate's URL/method/test id where the input did not say. */
function completeProbe(p: Probe, cand: JsonValue): JsonValue {
  let rec = p.record as JsonObject;
  const candReq = get(cand, 'request');
  if (!p.urlKnown && isJsonObject(candReq)) {
    let req = get(rec, 'request') as JsonObject;
    const kind = requestKind(candReq);
    if (kind === 'http') {
      const body = get(req, 'body') ?? null;
      req = obj([['url', orNull(get(candReq, 'url'))], ['method', orNull(get(candReq, 'method'))], ['payload', body]]);
    } else {
      for (const k of ['url', 'method', 'endpoint']) {
        const v = get(candReq, k);
        if (v !== undefined) req = setEntry(req, k, v);
      }
    }
    rec = setEntry(rec, 'request', req);
  }
  if (!p.testIdKnown) {
    const t = requestFeatures(cand).testId;
    if (requestKind(get(rec, 'request')) === 'http') rec = setEntry(rec, 'request', setEntry(get(rec, 'request') as JsonObject, 'test_id', t));
    else rec = setEntry(rec, 'test_id', t);
  }
  return rec;
}

const orNull = (v: JsonValue | undefined): JsonValue => (v === undefined ? null : v);

/** Leaves (and empty containers) of a normalised view as `path=value` strings (test id left out). */
function leafSet(view: JsonValue): Map<string, number> {
  const out = new Map<string, number>();
  const work: Array<[JsonValue, string]> = [[view, '$']];
  while (work.length > 0) {
    const [v, path] = work.pop()!;
    const empty = Array.isArray(v) ? v.length === 0 : isJsonObject(v) && v.entries.length === 0;
    if (empty) out.set(`${path}=${Array.isArray(v) ? '[]' : '{}'}`, (out.get(`${path}=${Array.isArray(v) ? '[]' : '{}'}`) ?? 0) + 1);
    else if (Array.isArray(v)) v.forEach((x, i) => work.push([x, `${path}[${i}]`]));
    else if (isJsonObject(v)) {
      for (const [k, x] of v.entries) if (!(path === '$' && k === 'test_id')) work.push([x, `${path}.${k}`]);
    } else {
      const key = `${path}=${leafText(v)}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

function leafText(v: JsonValue): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return `"${v}`;
  return isJsonNumber(v) ? (v.isInteger ? `i${v.raw}` : `f${Number(v.raw)}`) : '?';
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const n of a.values()) na += n;
  for (const n of b.values()) nb += n;
  for (const [k, n] of a) common += Math.min(n, b.get(k) ?? 0);
  return na + nb === 0 ? 1 : (2 * common) / (na + nb);
}

function endpointMatches(p: Probe, f: RequestFeatures): boolean {
  if (p.urlPath !== undefined && f.urlPath !== '') return p.urlPath === f.urlPath;
  if (p.endpoint !== undefined) return p.endpoint === f.endpoint || p.endpoint === f.urlPath || (f.urlPath !== '' && f.urlPath.endsWith(p.endpoint));
  return true; // unknown: does not separate
}

function modelMatches(p: Probe, f: RequestFeatures): boolean {
  return p.model === undefined || p.model === f.model;
}

const TIER_ORDER: Record<WhyTier, number> = { exact: 0, 'same-test-endpoint-model': 1, 'same-test': 2, 'same-endpoint-model': 3, other: 4 };
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function hashOfName(h: SoughtHash, name: string): boolean {
  const parsed = parseRecordingName(baseOf(name));
  if (parsed === null) return false;
  if (parsed.short) return h.hash.startsWith(parsed.hash); // legacy names are the first 12 hex
  if (h.short) return parsed.hash.startsWith(h.hash);
  return parsed.hash === h.hash;
}

interface Work {
  entry: TestEntry;
  f: RequestFeatures;
  tier: WhyTier;
  similarity: number | null;
  sameRequest: boolean;
  nameMatch: boolean;
  hashMatch?: WhyCandidate['hashMatch'];
  completed?: JsonValue;
}

/** Find the nearest recordings for a failed lookup (see module comment). */
export function whyNotFound(query: WhyQuery, entries: readonly TestEntry[], options: WhyOptions = {}): WhyReport {
  const profile = options.currentProfile ?? DEFAULT_PROFILE;
  const limit = options.limit ?? 10;
  const maxDiff = options.maxDifferences ?? 40;
  const p = buildProbe(query);
  const assumed: string[] = [];
  if (p.record !== null && !p.urlKnown) assumed.push('method and URL (taken from each recording)');
  if (p.record !== null && !p.testIdKnown) assumed.push('test_id (taken from each recording)');

  // the probe's own hash, when nothing had to be assumed
  let computedHash: string | undefined;
  if (p.record !== null && p.urlKnown && p.testIdKnown) computedHash = hashCandidates(p.record, profile)[0]?.hash;
  // hashes to look for in file names; the given ones are also checked against every algorithm
  const sought: SoughtHash[] = [...p.hashes];
  const named: SoughtHash[] = [...sought];
  if (computedHash !== undefined && !sought.some((h) => computedHash!.startsWith(h.hash))) named.push({ hash: computedHash, short: false, modelList: false });

  // the normalised probe, once, when nothing has to be borrowed from the candidates
  const fixedView = p.record !== null && p.urlKnown && p.testIdKnown ? normalizedHashView(p.record, profile) : null;
  const fixedKey = fixedView !== null ? structuralKey(fixedView) : null;
  const probeLeaves = p.record !== null && p.urlKnown ? leafSet(fixedView ?? normalizedHashView(p.record, profile)) : null;
  const works: Work[] = entries.map((entry) => {
    const f = requestFeatures(entry.record);
    const sameTest = p.testId !== undefined && f.testId === p.testId;
    const em = endpointMatches(p, f) && modelMatches(p, f);
    const tier: WhyTier = sameTest ? (em ? 'same-test-endpoint-model' : 'same-test') : em && (p.model !== undefined || p.endpoint !== undefined || p.urlPath !== undefined || p.record !== null) ? 'same-endpoint-model' : 'other';
    const nameMatch = named.some((h) => hashOfName(h, entry.path));
    const w: Work = { entry, f, tier, similarity: null, sameRequest: false, nameMatch };
    if (p.record !== null) {
      const completed = p.urlKnown && p.testIdKnown ? p.record : completeProbe(p, entry.record);
      w.completed = completed;
      const nc = normalizedHashView(entry.record, profile);
      const np = fixedView ?? normalizedHashView(completed, profile);
      // structural keys first (cheap), exact canonical text only to confirm a hit
      w.sameRequest = (fixedKey ?? structuralKey(np)) === structuralKey(nc) && canonicalText(nc) === canonicalText(np);
      w.similarity = dice(probeLeaves ?? leafSet(np), leafSet(nc));
    }
    // sought hash under the current algorithm: the row's expected name already says it
    const expected = entry.hash?.expectedName;
    if (expected && named.some((h) => hashOfName(h, expected))) w.hashMatch = { profile, variant: '', name: expected };
    if (w.sameRequest || w.hashMatch !== undefined || w.nameMatch) w.tier = 'exact';
    return w;
  });

  // deep check: the sought hash under every profile, for the most plausible recordings
  if (sought.length > 0) {
    // recordings of the same test / endpoint / model, or carrying the name; everything only when
    // the query says nothing else (bounded by maxDeepHash)
    const plausible = works.filter((w) => w.tier !== 'other' || w.nameMatch);
    const deep = (plausible.length > 0 ? plausible : works).sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier]).slice(0, options.maxDeepHash ?? 400);
    for (const w of deep) {
      if (w.hashMatch !== undefined && w.hashMatch.variant === '' && w.entry.hash) continue;
      for (const prof of [...profilesUpTo(profile)].reverse()) {
        const hit = hashCandidates(w.entry.record, prof.name).find((c) => sought.some((h) => (h.short ? c.hash.startsWith(h.hash) : c.hash === h.hash)));
        if (hit) {
          w.hashMatch = { profile: prof.name, variant: hit.variant, name: hit.name };
          if (prof.name === profile) w.tier = 'exact';
          break;
        }
      }
    }
  }

  const statusRank = (w: Work) => (w.entry.hash?.status === 'current' ? 0 : 1);
  works.sort((a, b) =>
    TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
    (b.similarity ?? 0) - (a.similarity ?? 0) ||
    statusRank(a) - statusRank(b) ||
    (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0),
  );
  const top = works.slice(0, limit);
  const candidates = top.map((w, i) => describe(w, i + 1, p, profile, maxDiff));
  const found = works.some((w) => w.tier === 'exact' && (w.sameRequest || w.nameMatch || w.hashMatch?.profile === profile));
  return {
    query: {
      hashes: p.hashes,
      testId: p.testId,
      ...(p.model !== undefined ? { model: p.model } : {}),
      ...(p.endpoint !== undefined ? { endpoint: p.endpoint } : {}),
      ...(p.urlPath !== undefined ? { urlPath: p.urlPath } : {}),
      ...(p.shape ? { inputShape: p.shape } : {}),
      ...(computedHash !== undefined ? { computedHash } : {}),
      assumed,
    },
    currentProfile: profile,
    found,
    candidates,
    verdict: verdictLines(found, candidates, p, profile),
    searched: entries.length,
  };
}

function describe(w: Work, rank: number, p: Probe, profile: ProfileName, maxDiff: number): WhyCandidate {
  let differences: JudgedDifference[] = [];
  let count = 0;
  let changing = 0;
  let absorbed = 0;
  if (w.completed !== undefined) {
    const raw = diffJsonDetailed(rawHashView(w.entry.record, profile), rawHashView(w.completed, profile), { maxEntries: 2000 });
    const bedrock = isBedrock(w.completed);
    const judged = raw.map((d) => judgeDifference(d, { profile, bedrock }));
    count = judged.length;
    changing = judged.filter((d) => d.verdict === 'changes-hash').length;
    absorbed = count - changing;
    // hash-changing differences first, then absorbed ones, each in path order
    differences = [...judged.filter((d) => d.verdict === 'changes-hash'), ...judged.filter((d) => d.verdict === 'absorbed')].slice(0, maxDiff);
  }
  const hash = w.entry.hash ?? hashStatusOf(w.entry, profile);
  const location = locationNote(w, p, hash);
  const cand: WhyCandidate = {
    rank,
    path: w.entry.path,
    testId: w.f.testId,
    endpoint: w.f.endpoint,
    model: w.f.model,
    turn: w.f.turn,
    hash,
    tier: w.tier,
    similarity: w.similarity === null ? null : Math.round(w.similarity * 1000) / 1000,
    ...(w.hashMatch ? { hashMatch: w.hashMatch } : {}),
    ...(w.nameMatch ? { nameMatch: true } : {}),
    ...(p.record !== null ? { sameRequest: w.sameRequest } : {}),
    differences,
    differenceCount: count,
    hashChanging: changing,
    absorbed,
    ...(location ? { location } : {}),
    summary: '',
  };
  cand.summary = candidateSummary(cand, profile) + (p.record !== null && (!p.urlKnown || !p.testIdKnown) ? ` (${[!p.urlKnown ? 'URL' : '', !p.testIdKnown ? 'test_id' : ''].filter(Boolean).join(' and ')} taken from this recording)` : '');
  return cand;
}

function hashStatusOf(entry: TestEntry, profile: ProfileName): HashStatusLike | null {
  try {
    const h = classifyHash(entry.path, entry.record, { currentProfile: profile });
    return { status: h.status, expectedName: h.expectedName, explanation: h.explanation, ...(h.algorithm !== undefined ? { algorithm: h.algorithm } : {}) };
  } catch {
    return null;
  }
}

function locationNote(w: Work, p: Probe, hash: HashStatusLike | null): string | undefined {
  if (w.tier !== 'exact') return undefined;
  const notes: string[] = [];
  const testId = p.testId !== undefined ? p.testId : w.f.testId;
  if (!isInExpectedDir(w.entry.path, testId) && !isInExpectedDir(w.entry.path, null)) {
    notes.push(`it is not where the recorder looks: ${expectedRecordingDir(testId)}/ (then tests/integration/common/recordings/)`);
  }
  const expected = hash?.expectedName;
  if (hash?.status !== 'current' && expected && baseOf(w.entry.path) !== expected && !(w.f.modelList && expected.startsWith('models-'))) {
    notes.push(`it is stored as ${baseOf(w.entry.path)}, while its content hashes to ${expected}, the name the recorder looks for; rename it (spec §8)`);
  }
  return notes.length > 0 ? notes.join('; ') : undefined;
}

function candidateSummary(c: WhyCandidate, profile: ProfileName): string {
  const bits: string[] = [];
  if (c.nameMatch) bits.push('file name carries the sought hash');
  if (c.hashMatch) bits.push(c.hashMatch.profile === profile ? `content reproduces the sought hash (${profile})` : `content reproduces the sought hash only with the older algorithm ${c.hashMatch.profile}`);
  if (c.sameRequest === true) bits.push(c.absorbed > 0 ? `same request after normalisation (${c.absorbed} difference${c.absorbed === 1 ? '' : 's'} absorbed)` : 'same request');
  else if (c.sameRequest === false) {
    const fields = c.differences.filter((d) => d.verdict === 'changes-hash').slice(0, 4).map((d) => d.path);
    bits.push(`${c.hashChanging} field${c.hashChanging === 1 ? '' : 's'} change${c.hashChanging === 1 ? 's' : ''} the hash${fields.length ? ` (${fields.join(', ')}${c.hashChanging > fields.length ? ', …' : ''})` : ''}${c.absorbed > 0 ? `, ${c.absorbed} absorbed by normalisation` : ''}`);
  }
  if (c.location) bits.push(c.location);
  if (bits.length === 0) bits.push(`${c.tier.replace(/-/g, ' ')}; paste the request body to compare fields`);
  return bits.join('; ');
}

function verdictLines(found: boolean, cands: WhyCandidate[], p: Probe, profile: ProfileName): string[] {
  const lines: string[] = [];
  const exact = cands.filter((c) => c.tier === 'exact');
  if (found) {
    for (const c of exact) {
      if (c.location) lines.push(`${c.path} records this request, but ${c.location}.`);
      else lines.push(`${c.path} records this request under the name the recorder looks up. If replay still fails, the test ran against another recordings folder or with another test id.`);
    }
  } else {
    const older = exact.find((c) => c.hashMatch && c.hashMatch.profile !== profile);
    if (older) lines.push(`${older.path} reproduces the hash only with the older algorithm ${older.hashMatch!.profile}: the failing run used an older recorder than ${profile}, or this file is stale.`);
    const near = cands.find((c) => c.tier !== 'exact');
    if (near && near.sameRequest === false) {
      lines.push(`No recording matches. Nearest: ${near.path} (${near.tier.replace(/-/g, ' ')}): ${near.summary}.`);
      const changing = near.differences.filter((d) => d.verdict === 'changes-hash');
      if (changing.some((d) => d.path === '$.test_id')) lines.push('The test id differs: the test was renamed or re-parametrised; re-record, or rename and move the recording (spec §8).');
    } else if (near) {
      lines.push(`No recording matches the hash. Nearest by test id / endpoint / model: ${near.path}. Paste the request body (or the recording the test should use) to see which fields differ.`);
    } else lines.push('No recording matches and none is similar.');
    if (p.testId !== undefined && !cands.some((c) => c.testId === p.testId)) lines.push(`The folder has no recording with test_id ${p.testId ?? 'null'}.`);
  }
  return lines;
}
