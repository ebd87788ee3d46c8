/**
 * Test view and cleanup assistant: every recording of one test, grouped into the logical requests
 * the test makes, with the pile-up that re-recording leaves behind marked.
 *
 * Logical request = same request kind, endpoint, model and turn position (see request-features.ts:
 * number of model turns already in the conversation), then split by what the *test* chooses:
 * the user input ("anchor": user messages / embedding input / prompt / tool kwargs) and intent
 * parameters (`stream`, `temperature`, `parallel_tool_calls`, … set to different values; a key
 * that one variant lacks is drift, not intent). So the four guard checks of a safety test stay four
 * requests, while a request re-recorded after the stack renamed a tool is one request with two
 * variants.
 *
 * Marks per variant:
 * - `stale`        the name matches only an older hash algorithm (never read);
 * - `mismatch`     the name matches no algorithm (edited in place, or ids rewritten);
 * - `unverifiable` the name cannot be checked from the file;
 * - `current`      the name matches the current algorithm and it is the variant the test sends now;
 * - `superseded`   the name matches the current algorithm but an other variant of the same logical
 *                  request is the one the test sends now (an earlier recording left behind).
 *
 * Choosing `current` among several current-named variants, strongest evidence first:
 * 1. replay chain (confidence high): at turn k the test sends back the answer that replay returned
 *    at turn k-1, i.e. the answer of the *current* recording of the previous turn. The variant whose
 *    history carries that answer (tool-call ids, else names+arguments+text) is current; a variant
 *    carrying the answer of a stale/superseded recording can never be sent again.
 * 2. identical request in several folders (high): the copy in the folder its test_id implies wins.
 * 3. caller-supplied `recordedAt` (e.g. git commit time) (high): newest wins.
 * 4. `request.provider_metadata` SDK version (medium): newer SDK wins; having it at all beats not
 *    having it (written since 2026-03).
 * 5. writer generation by top-level keys (medium): `id_normalization_mapping` > `test_id` > neither.
 * 6. forward chain (low): a current-named recording of the next turn continues its answer.
 * 7. otherwise path order (low, group state `ambiguous`).
 * Model lists are the exception: every current-named `models-<hash>-*.json` is read and merged at
 * replay, so all of them are current.
 */
import { get, isJsonObject, type JsonValue } from '../json/json-value';
import { classifyHash } from '../hash/request-hash';
import { isInExpectedDir } from '../hash/record-checks';
import { parseJson } from '../json/lossless-json';
import { answerOf, diffJson, type DiffEntry } from './request-diff';
import {
  anchorLabel,
  answersMatch,
  compareVersions,
  paramsConflict,
  requestFeatures,
  sdkVersion,
  writerGeneration,
  type AnswerSignature,
  type HashStatusLike,
  type RequestFeatures,
} from './request-features';
import { rawHashView } from './hash-view';

export interface TestEntry {
  /** Path relative to the opened folder(s); identifies the recording. */
  path: string;
  /** The parsed recording (lossless). Without `response` the replay chain cannot be followed. */
  record: JsonValue;
  /** Hash status if already known (index row); computed with classifyHash otherwise. */
  hash?: HashStatusLike | null;
  /** When the recording was made (ms since epoch, e.g. from git), if known. */
  recordedAt?: number;
}

export type VariantMark = 'current' | 'superseded' | 'stale' | 'mismatch' | 'unverifiable';
export type Confidence = 'high' | 'medium' | 'low';

export interface RequestVariant {
  path: string;
  mark: VariantMark;
  hash: HashStatusLike;
  /** Plain-words reason for the mark. */
  reason: string;
  /** For `current` (when chosen among several) and `superseded`: how sure the choice is. */
  confidence?: Confidence;
  /** Previous-turn recordings whose answer this request sends back. */
  continues: string[];
  /** Next-turn recordings that send back this recording's answer. */
  continuedBy: string[];
  /** Differences of the hashed request from the group's current variant (first 20). */
  differences?: DiffEntry[];
  diffCount?: number;
}

export type GroupState = 'ok' | 'pile-up' | 'ambiguous' | 'no-current';

export interface LogicalRequest {
  id: string;
  testId: string | null;
  kind: RequestFeatures['kind'];
  endpoint: string;
  model: string;
  turn: number;
  /** Responses API request chained with previous_response_id. */
  chained: boolean;
  /** Short label of the user input that identifies the request. */
  anchor: string;
  /** Intent parameters shared by the variants (only those set by every variant that has them). */
  params: Record<string, string>;
  modelList: boolean;
  /** Path of the current variant (model lists: the first of several), null when none. */
  current: string | null;
  state: GroupState;
  /** current first, then superseded, stale, mismatch, unverifiable; path order within a mark. */
  variants: RequestVariant[];
}

export interface TestGroups {
  testId: string | null;
  groups: LogicalRequest[];
  counts: Record<VariantMark, number> & { files: number; requests: number };
}

export interface GroupOptions {
  /** Differences listed per variant against the current one (default 20). */
  maxDifferences?: number;
}

interface Item {
  entry: TestEntry;
  f: RequestFeatures;
  hash: HashStatusLike;
  answer: AnswerSignature | null | undefined;
  variant: RequestVariant;
  group?: Cluster;
}

interface Cluster {
  key: string;
  bucket: string;
  f: RequestFeatures;
  items: Item[];
  result?: LogicalRequest;
}

const MARK_ORDER: Record<VariantMark, number> = { current: 0, superseded: 1, stale: 2, mismatch: 3, unverifiable: 4 };

function hashOf(entry: TestEntry): HashStatusLike {
  if (entry.hash) return entry.hash;
  const h = classifyHash(entry.path, entry.record);
  return { status: h.status, expectedName: h.expectedName, explanation: h.explanation, ...(h.algorithm !== undefined ? { algorithm: h.algorithm } : {}) };
}

function recordedAnswer(item: Item): AnswerSignature | null {
  if (item.answer !== undefined) return item.answer;
  let sig: AnswerSignature | null = null;
  if (get(item.entry.record, 'response') !== undefined) {
    const ans = answerOf(item.entry.record);
    const c = ans.choices[0];
    if (c !== undefined) sig = { text: c.content, toolCalls: c.toolCalls.map((t) => ({ id: t.id, name: t.name, arguments: t.arguments })) };
  }
  item.answer = sig;
  return sig;
}

const dirOf = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf('/')));
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** All test ids present, with their file counts (null = recordings made with no active test). */
export function testIdsOf(entries: readonly TestEntry[]): Array<{ testId: string | null; files: number }> {
  const counts = new Map<string | null, number>();
  for (const e of entries) {
    const t = requestFeatures(e.record).testId;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts].map(([testId, files]) => ({ testId, files })).sort((a, b) => String(a.testId).localeCompare(String(b.testId)));
}

/** Group every test's recordings (folder-wide view / cleanup). */
export function groupAllTests(entries: readonly TestEntry[], options: GroupOptions = {}): TestGroups[] {
  const byTest = new Map<string | null, TestEntry[]>();
  for (const e of entries) {
    const t = requestFeatures(e.record).testId;
    const list = byTest.get(t);
    if (list) list.push(e);
    else byTest.set(t, [e]);
  }
  return [...byTest.keys()]
    .sort((a, b) => String(a).localeCompare(String(b)))
    .map((t) => groupPrepared(byTest.get(t)!, t, options));
}

/**
 * Every recording whose test_id is `testId`, grouped into logical requests with current /
 * superseded / stale / mismatch marks (rules in the module comment).
 */
export function groupTestRecordings(entries: readonly TestEntry[], testId: string | null, options: GroupOptions = {}): TestGroups {
  return groupPrepared(entries.filter((e) => requestFeatures(e.record).testId === testId), testId, options);
}

function groupPrepared(entries: readonly TestEntry[], testId: string | null, options: GroupOptions): TestGroups {
  const maxDiff = options.maxDifferences ?? 20;
  const items: Item[] = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => {
      const hash = hashOf(entry);
      return {
        entry,
        f: requestFeatures(entry.record),
        hash,
        answer: undefined,
        variant: { path: entry.path, mark: 'unverifiable', hash, reason: '', continues: [], continuedBy: [] },
      };
    });

  // 1. buckets (kind, endpoint, model, turn), then clusters by anchor + compatible intent params
  const clusters: Cluster[] = [];
  const ordered = [...items].sort((a, b) => Number(b.hash.status === 'current') - Number(a.hash.status === 'current'));
  for (const it of ordered) {
    const bucket = `${it.f.kind}|${it.f.endpoint}|${it.f.model}|${it.f.turn}|${it.f.chained ? 'chained' : ''}`;
    let target = clusters.find(
      (c) => c.bucket === bucket && c.f.anchor === it.f.anchor && c.items.every((o) => paramsConflict(o.f.params, it.f.params).length === 0),
    );
    if (!target) {
      target = { key: `${bucket}|${clusters.filter((c) => c.bucket === bucket).length}`, bucket, f: it.f, items: [] };
      clusters.push(target);
    }
    target.items.push(it);
    it.group = target;
  }
  clusters.sort((a, b) => a.f.turn - b.f.turn || cmp(a.f.endpoint, b.f.endpoint) || cmp(a.f.model, b.f.model) || cmp(a.f.anchor, b.f.anchor) || cmp(a.key, b.key));
  for (const c of clusters) c.items.sort((a, b) => cmp(a.entry.path, b.entry.path));

  // 2. replay-chain links: a request at turn k continues a recording at turn k-1 (same endpoint/model)
  for (const c of clusters) {
    if (c.f.turn === 0) continue;
    const preds = clusters.filter((p) => p.f.turn === c.f.turn - 1 && p.f.kind === c.f.kind && p.f.endpoint === c.f.endpoint && p.f.model === c.f.model);
    for (const it of c.items) {
      const sent = it.f.previousAnswer;
      if (sent === null) continue;
      for (const p of preds) {
        for (const pi of p.items) {
          const got = recordedAnswer(pi);
          if (got !== null && answersMatch(sent, got)) {
            it.variant.continues.push(pi.entry.path);
            pi.variant.continuedBy.push(it.entry.path);
          }
        }
      }
    }
  }

  // 3. marks, turn by turn (a turn's choice uses the previous turn's current)
  const currents = new Map<string, Confidence>();
  for (const c of clusters) {
    decide(c, currents, items);
    for (const it of c.items) if (it.variant.mark === 'current') currents.set(it.entry.path, it.variant.confidence ?? 'high');
  }

  // 4. differences of every other variant from the current one
  for (const c of clusters) {
    const cur = c.items.find((i) => i.variant.mark === 'current');
    if (!cur) continue;
    const curView = rawHashView(cur.entry.record);
    for (const it of c.items) {
      if (it === cur || (c.f.modelList && it.variant.mark === 'current')) continue;
      const d = diffJson(curView, rawHashView(it.entry.record), { maxEntries: 500 });
      it.variant.diffCount = d.length;
      it.variant.differences = d.slice(0, maxDiff);
    }
  }

  const groups = clusters.map((c) => toGroup(c, testId));
  const counts = { current: 0, superseded: 0, stale: 0, mismatch: 0, unverifiable: 0, files: items.length, requests: groups.length };
  for (const it of items) counts[it.variant.mark]++;
  return { testId, groups, counts };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function decide(c: Cluster, currents: Map<string, Confidence>, all: Item[]): void {
  for (const it of c.items) {
    if (it.hash.status !== 'current') it.variant.mark = it.hash.status;
  }
  let named = c.items.filter((i) => i.hash.status === 'current');
  if (named.length === 0) return;
  if (c.f.modelList) {
    for (const it of named) {
      it.variant.mark = 'current';
      it.variant.reason = named.length > 1
        ? `Name matches the current algorithm; the ${named.length} model-list files with this hash are all read and merged at replay.`
        : 'Name matches the current algorithm.';
    }
    return;
  }

  // Orphans: the request sends back an answer that replay no longer returns (its predecessor is
  // not the current recording of the previous turn), so the test can never send it again. Only
  // when the previous turn's current was chosen with at least medium confidence.
  const orphanOf = (it: Item): Confidence | null => {
    if (it.variant.continues.length === 0 || it.variant.continues.some((p) => currents.has(p))) return null;
    const preds = all.filter((o) => it.variant.continues.includes(o.entry.path)).map((o) => o.group!);
    const predCurrents = all.filter((o) => preds.includes(o.group!) && currents.has(o.entry.path)).map((o) => currents.get(o.entry.path)!);
    if (predCurrents.length === 0) return null; // the previous turn has no current recording: nothing to compare with
    const conf = weakest(predCurrents);
    return conf === 'low' ? null : conf;
  };
  for (const it of named) {
    const conf = orphanOf(it);
    if (conf === null) continue;
    const predCurrent = all.find((o) => currents.has(o.entry.path) && o.group === all.find((x) => x.entry.path === it.variant.continues[0])?.group);
    it.variant.mark = 'superseded';
    it.variant.confidence = conf;
    it.variant.reason = `Name matches the current algorithm, but it is an earlier recording of this request: it sends back the answer of ${it.variant.continues.map(baseOf).join(', ')}, which replay no longer returns${predCurrent ? ` (turn ${c.f.turn - 1} now replays ${baseOf(predCurrent.entry.path)})` : ''}.`;
  }
  const orphans = named.length;
  named = named.filter((it) => it.variant.mark !== 'superseded');
  if (named.length === 0) return;
  if (named.length === 1) {
    const only = named[0]!;
    only.variant.mark = 'current';
    // chosen over orphans: as sure as the previous turn's choice it relies on
    if (orphans > 1) only.variant.confidence = weakest(only.variant.continues.filter((p) => currents.has(p)).map((p) => currents.get(p)!));
    only.variant.reason = `Name matches the current algorithm (${only.hash.algorithm ?? 'current'}); the only such recording of this request${only.variant.continues.length > 0 ? ` and it sends back the answer of ${only.variant.continues.filter((p) => currents.has(p)).map(baseOf).join(', ')}, the current recording of turn ${c.f.turn - 1}` : ''}.`;
    return;
  }

  // several current-named variants: rank by the evidence levels of the module comment
  type Level = { name: string; confidence: Confidence; score: (it: Item) => number; why: (it: Item) => string; whyNot: (winner: Item, it: Item) => string };
  const pathsNamed = (ps: string[]) => ps.map(baseOf).join(', ');
  const keySets = new Map(named.map((it) => [it, bodyKeyPaths(it.entry.record)] as const));
  const levels: Level[] = [
    {
      name: 'chain',
      confidence: 'high',
      score: (it) => (it.variant.continues.some((p) => currents.has(p)) ? 1 : 0),
      why: (it) => `it sends back the answer of ${pathsNamed(it.variant.continues.filter((p) => currents.has(p)))}, the current recording of turn ${c.f.turn - 1}, which is what replay returns`,
      whyNot: (w) => `the test now sends back the answer of ${pathsNamed(w.variant.continues.filter((p) => currents.has(p)))}, as ${baseOf(w.entry.path)} does`,
    },
    {
      name: 'duplicate',
      confidence: 'high',
      score: (it) => {
        const twins = named.filter((o) => o !== it && o.hash.expectedName === it.hash.expectedName);
        if (twins.length === 0) return 0;
        return isInExpectedDir(it.entry.path, it.f.testId) ? 1 : 0;
      },
      why: () => 'the same request is recorded in several folders and this copy is in the folder its test_id implies',
      whyNot: (w) => `identical request to ${w.entry.path}; the recorder reads the copy in the test's own folder`,
    },
    {
      name: 'recordedAt',
      confidence: 'high',
      score: (it) => it.entry.recordedAt ?? -Infinity,
      why: () => 'it was recorded last',
      whyNot: (w) => `recorded before ${baseOf(w.entry.path)}`,
    },
    {
      name: 'sdk',
      confidence: 'medium',
      score: (it) => sdkRank(it, named),
      why: (it) => `it was recorded with the newest provider SDK (${sdkText(it.entry.record)})`,
      whyNot: (w, it) => `recorded with an older provider SDK (${sdkText(it.entry.record)}) than ${baseOf(w.entry.path)} (${sdkText(w.entry.record)})`,
    },
    {
      name: 'writer',
      confidence: 'medium',
      score: (it) => writerGeneration(it.entry.record),
      why: () => 'it was written by a newer recorder (top-level keys)',
      whyNot: (w) => `written by an older recorder than ${baseOf(w.entry.path)} (top-level keys)`,
    },
    {
      name: 'superset',
      confidence: 'medium',
      score: (it) => {
        const mine = keySets.get(it)!;
        return named.filter((o) => o !== it && strictSubset(keySets.get(o)!, mine)).length;
      },
      why: () => 'its request has every parameter the other variants send plus newer ones (the stack adds request parameters over time)',
      whyNot: (w, it) => `its request lacks ${missingKeys(keySets.get(it)!, keySets.get(w)!)}, which ${baseOf(w.entry.path)} sends (the stack adds request parameters over time)`,
    },
    {
      name: 'forward',
      confidence: 'low',
      score: (it) => (it.variant.continuedBy.some((p) => all.some((o) => o.entry.path === p && o.hash.status === 'current')) ? 1 : 0),
      why: (it) => `its answer is continued by ${pathsNamed(it.variant.continuedBy)} at the next turn`,
      whyNot: (w) => `no current recording of the next turn continues its answer, while one continues ${baseOf(w.entry.path)}'s`,
    },
  ];

  let pool = [...named];
  const lostAt = new Map<Item, Level>();
  let decidedBy: Level | null = null;
  for (const level of levels) {
    if (pool.length <= 1) break;
    const best = Math.max(...pool.map(level.score));
    const keep = pool.filter((it) => level.score(it) === best);
    if (keep.length < pool.length) {
      for (const it of pool) if (!keep.includes(it)) lostAt.set(it, level);
      if (keep.length === 1) decidedBy = level;
      pool = keep;
    }
  }
  const winner = pool[0]!; // path order among true ties
  const ambiguous = pool.length > 1;
  // a chain-based choice is only as sure as the previous turn's choice
  const inherited = (level: Level): Confidence =>
    level.name === 'chain' ? weakest([level.confidence, ...winner.variant.continues.filter((p) => currents.has(p)).map((p) => currents.get(p)!)]) : level.confidence;
  winner.variant.mark = 'current';
  winner.variant.confidence = ambiguous || decidedBy === null ? 'low' : inherited(decidedBy);
  winner.variant.reason = ambiguous || decidedBy === null
    ? `Name matches the current algorithm; ${named.length} variants do and nothing tells which one the test sends now, so the first by path is shown as current. Check before deleting any.`
    : `Name matches the current algorithm and it is the variant the test sends now: ${decidedBy.why(winner)}.`;
  for (const it of named) {
    if (it === winner) continue;
    it.variant.mark = 'superseded';
    const level = lostAt.get(it);
    if (level === undefined) {
      it.variant.confidence = 'low';
      it.variant.reason = `Name matches the current algorithm, but so does ${baseOf(winner.entry.path)} for the same logical request and nothing tells which one the test sends now.`;
    } else {
      it.variant.confidence = inherited(level);
      it.variant.reason = `Name matches the current algorithm, but it is an earlier recording of this request: ${level.whyNot(winner, it)}.`;
    }
  }
}

const CONFIDENCE_ORDER: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
function weakest(cs: Confidence[]): Confidence {
  return cs.reduce<Confidence>((w, c) => (CONFIDENCE_ORDER[c] < CONFIDENCE_ORDER[w] ? c : w), 'high');
}

/** Key paths of the request body, array items merged (`messages[].tool_calls[].id`). */
function bodyKeyPaths(record: JsonValue): Set<string> {
  const out = new Set<string>();
  const body = get(get(record, 'request'), 'body') ?? get(get(record, 'request'), 'payload');
  const work: Array<[JsonValue | undefined, string]> = [[body, '']];
  while (work.length > 0) {
    const [v, path] = work.pop()!;
    if (Array.isArray(v)) for (const x of v) work.push([x, `${path}[]`]);
    else if (isJsonObject(v)) {
      for (const [k, x] of v.entries) {
        const p = path === '' ? k : `${path}.${k}`;
        out.add(p);
        work.push([x, p]);
      }
    }
  }
  return out;
}

function strictSubset(a: Set<string>, b: Set<string>): boolean {
  if (a.size >= b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

function missingKeys(have: Set<string>, other: Set<string>): string {
  const miss = [...other].filter((k) => !have.has(k));
  return miss.slice(0, 3).join(', ') + (miss.length > 3 ? ', …' : '');
}

function sdkRank(it: Item, named: Item[]): number {
  const v = sdkVersion(it.entry.record);
  if (v === null) return 0;
  // rank among the versions present: 1 + number of strictly smaller versions
  const others = named.map((o) => sdkVersion(o.entry.record)).filter((x): x is number[] => x !== null);
  return 1 + others.filter((o) => compareVersions(o, v) < 0).length;
}

function sdkText(record: JsonValue): string {
  const pm = get(get(record, 'request'), 'provider_metadata');
  if (pm === undefined) return 'no provider_metadata';
  const v = sdkVersion(record);
  return v === null || v.length === 0 ? 'provider_metadata without version' : v.join('.');
}

function toGroup(c: Cluster, testId: string | null): LogicalRequest {
  for (const it of c.items) {
    if (it.variant.reason !== '') continue;
    const cur = c.items.find((i) => i.variant.mark === 'current');
    const by = cur ? ` ${baseOf(cur.entry.path)} is the current recording of this request.` : ' No recording of this request has a current name, so replay of this step fails unless the test now sends a different request.';
    if (it.variant.mark === 'stale') it.variant.reason = `Name matches only the older algorithm ${it.hash.algorithm ?? '?'}: the recorder computes ${it.hash.expectedName} and never reads this file.${by}`;
    else if (it.variant.mark === 'mismatch') it.variant.reason = `Name matches no hash algorithm (content edited after naming, or ids rewritten): the recorder would look for ${it.hash.expectedName || 'another name'}.${by}`;
    else it.variant.reason = `${it.hash.explanation ?? 'The name cannot be checked from the file.'}`;
  }
  const variants = c.items.map((i) => i.variant).sort((a, b) => MARK_ORDER[a.mark] - MARK_ORDER[b.mark] || cmp(a.path, b.path));
  const current = variants.find((v) => v.mark === 'current')?.path ?? null;
  const curVariant = variants.find((v) => v.mark === 'current');
  let state: GroupState;
  if (current === null) state = 'no-current';
  else if (curVariant?.confidence === 'low' && variants.some((v) => v.mark === 'superseded')) state = 'ambiguous';
  else if (variants.some((v) => v.mark !== 'current')) state = 'pile-up';
  else state = 'ok';
  // params shared by the variants that set them
  const params: Record<string, string> = {};
  for (const it of c.items) for (const [k, v] of Object.entries(it.f.params)) params[k] ??= v;
  return {
    id: c.key,
    testId,
    kind: c.f.kind,
    endpoint: c.f.endpoint,
    model: c.f.model,
    turn: c.f.turn,
    chained: c.f.chained,
    anchor: anchorLabel(c.f.anchor),
    params,
    modelList: c.f.modelList,
    current,
    state,
    variants,
  };
}

// ---------------------------------------------------------------------------------------------
// Cleanup assistant

export type CleanupAction = 'delete' | 'rename' | 'review';

export interface CleanupItem {
  path: string;
  testId: string | null;
  mark: VariantMark;
  action: CleanupAction;
  /** For `rename`: the name the current recorder looks up (same folder). */
  renameTo?: string;
  /** The recording that serves this request now, if any. */
  replacedBy?: string;
  reason: string;
  /** 1 = safest, goes first. */
  priority: number;
}

export interface CleanupPlan {
  /** Sorted by priority, then path. */
  items: CleanupItem[];
  summary: {
    delete: number;
    rename: number;
    review: number;
    byMark: Partial<Record<VariantMark, number>>;
    /** What would go first, in words. */
    text: string;
  };
}

/**
 * Stale and superseded recordings (and name mismatches) of one test, several tests or the whole
 * folder (`groupAllTests`), with an action and a reason each. Priority 1 goes first:
 * 1 stale copies of a request that has a current recording (never read; nothing lost);
 * 2 superseded recordings with high-confidence evidence (replay chain, duplicate, recorded time);
 * 3 name mismatches of a request that has a current recording;
 * 4 stale recordings of a request without a current one: rename to the current name (§8.7);
 * 5 superseded with medium/low confidence, and mismatches without a current one: review.
 */
export function cleanupCandidates(input: TestGroups | readonly TestGroups[] | readonly LogicalRequest[]): CleanupPlan {
  const groups: LogicalRequest[] = isGroupsList(input) ? [...input] : Array.isArray(input) ? (input as TestGroups[]).flatMap((t) => t.groups) : (input as TestGroups).groups;
  const items: CleanupItem[] = [];
  for (const g of groups) {
    const replacedBy = g.current ?? undefined;
    for (const v of g.variants) {
      const base = { path: v.path, testId: g.testId, mark: v.mark, ...(replacedBy !== undefined ? { replacedBy } : {}) };
      if (v.mark === 'stale') {
        if (replacedBy !== undefined) items.push({ ...base, action: 'delete', priority: 1, reason: `Stale name (${v.hash.algorithm ?? 'older algorithm'}), never read; ${baseOf(replacedBy)} serves this request.` });
        else items.push({ ...base, action: 'rename', priority: 4, renameTo: joinPath(dirOf(v.path), v.hash.expectedName), reason: `Stale name (${v.hash.algorithm ?? 'older algorithm'}) and no current recording of this request: renaming it to ${v.hash.expectedName} upgrades it if the test still sends this request; otherwise delete it.` });
      } else if (v.mark === 'superseded') {
        if (v.confidence === 'high') items.push({ ...base, action: 'delete', priority: 2, reason: `Superseded: ${stripPrefix(v.reason)}` });
        else items.push({ ...base, action: 'review', priority: 5, reason: `Probably superseded (${v.confidence ?? 'low'} confidence): ${stripPrefix(v.reason)}` });
      } else if (v.mark === 'mismatch') {
        if (replacedBy !== undefined) items.push({ ...base, action: 'delete', priority: 3, reason: `Name matches no algorithm, so it is never read; ${baseOf(replacedBy)} serves this request.` });
        else items.push({ ...base, action: 'review', priority: 5, ...(v.hash.expectedName ? { renameTo: joinPath(dirOf(v.path), v.hash.expectedName) } : {}), reason: `Name matches no algorithm and there is no current recording of this request: rename it to ${v.hash.expectedName || 'its computed name'} if its request is what the test sends now, or re-record.` });
      }
    }
  }
  items.sort((a, b) => a.priority - b.priority || cmp(a.path, b.path));
  const count = (a: CleanupAction) => items.filter((i) => i.action === a).length;
  const byMark: Partial<Record<VariantMark, number>> = {};
  for (const i of items) byMark[i.mark] = (byMark[i.mark] ?? 0) + 1;
  return { items, summary: { delete: count('delete'), rename: count('rename'), review: count('review'), byMark, text: summaryText(items) } };
}

function isGroupsList(input: unknown): input is readonly LogicalRequest[] {
  return Array.isArray(input) && input.length > 0 && 'variants' in (input[0] as object);
}

const joinPath = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
const stripPrefix = (reason: string) => reason.replace(/^Name matches the current algorithm, but (it is )?/, '');

function summaryText(items: CleanupItem[]): string {
  if (items.length === 0) return 'Nothing to clean up: every request has exactly its current recording.';
  const n = (p: number) => items.filter((i) => i.priority === p).length;
  const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const first = n(1) + n(2) + n(3);
  const parts: string[] = [];
  if (first > 0) {
    const what = [
      n(1) > 0 ? plural(n(1), 'stale copy', 'stale copies') : '',
      n(2) > 0 ? plural(n(2), 'superseded recording') : '',
      n(3) > 0 ? plural(n(3), 'name mismatch', 'name mismatches') : '',
    ].filter(Boolean).join(', ');
    parts.push(`${plural(first, 'file')} can go first (${what} of requests that have a current recording)`);
  }
  if (n(4) > 0) parts.push(`${plural(n(4), 'stale file')} could be renamed to the current name (no current recording of their request)`);
  if (n(5) > 0) parts.push(`${plural(n(5), 'file')} need a look (superseded with weak evidence, or mismatches without a current recording)`);
  return `${parts.join('; ')}.`;
}

/** Parse helper for callers holding file text (UI/CLI): a TestEntry from text. */
export function entryFromText(path: string, text: string, hash?: HashStatusLike | null): TestEntry {
  return { path, record: parseJson(text), ...(hash ? { hash } : {}) };
}
