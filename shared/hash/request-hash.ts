/**
 * Request hash = recording file name (spec §5), for every request kind and every historical
 * profile, plus `classifyHash`, which tells whether a file's name is what the recorder in force
 * would look up.
 *
 * Status meanings:
 * - current      name reproduces with the current profile;
 * - stale        name reproduces only with an older profile (the recorder never reads it; §5.3);
 * - mismatch     no profile reproduces the stored content. When a re-created lost id mapping
 *                (§5.4) explains the name, `algorithm` says so (`<profile>+guessed-id-mapping`),
 *                but the status stays mismatch: the file as stored cannot be re-derived and is
 *                unreachable either way, and the mapping is a guess, not evidence;
 * - unverifiable the name cannot be checked from the file alone: not a hash-shaped name, an
 *                unknown request shape, or a file-processor call whose hashed options were never
 *                written (§3.4).
 */
import { get, isJsonObject, stringValue, type JsonObject, type JsonValue } from '../json/json-value';
import { compareCodePoints, dumpsSorted, dumpsSortedMemo } from '../json/python-json';
import { applyStoredIdMapping, guessLostIdMapping, storedIdMapping } from './id-mapping';
import { applyRootRules, normalizeLeaves } from './normalize';
import { DEFAULT_PROFILE, getProfile, MODEL_LIST_ENDPOINTS, profilesUpTo, type HashProfile, type ProfileName } from './profiles';
import { pythonUrlParse } from './python-url';
import { sha256Hex } from './sha256';

export type RequestKind = 'inference' | 'http' | 'tool' | 'file-processor' | 'unknown';

/** Request kind by keys, in spec §3 order. */
export function requestKind(request: JsonValue | undefined): RequestKind {
  if (!isJsonObject(request)) return 'unknown';
  const has = (k: string): boolean => request.entries.some((e) => e[0] === k);
  if (has('kwargs') && has('tool_name')) return 'tool';
  if (has('payload') && has('url')) return 'http';
  if (get(request, 'api') === 'file_processors') return 'file-processor';
  if (has('body') && has('url')) return 'inference';
  return 'unknown';
}

export interface HashCandidate {
  profile: ProfileName;
  /** Which root-rule variant produced it ('' for a profile's only/latest variant). */
  variant: string;
  /** The exact string that was hashed (`json.dumps(obj, sort_keys=True)`). */
  hashInput: string;
  /** Full 64-hex SHA-256 of hashInput. */
  hash: string;
  /** File name the recorder would write (`<hash>.json`, `models-<hash>-<d8>.json`, 12-hex forms). */
  name: string;
}

const obj = (entries: Array<[string, JsonValue]>): JsonObject => ({ kind: 'object', entries });
const orNull = (v: JsonValue | undefined): JsonValue => (v === undefined ? null : v);

/** `digest8` of a model-list response (§5.1): sorted unique ids/models, `|`-joined, sha256[:8]. */
export function digest8(response: JsonValue | undefined): string {
  const body = get(response, 'body');
  const ids = new Set<string>();
  if (Array.isArray(body)) {
    for (const item of body) {
      const data = isJsonObject(item) ? (get(item, '__data__') ?? item) : undefined;
      const id = stringValue(get(data, 'id')) ?? stringValue(get(data, 'model'));
      if (id !== undefined) ids.add(id);
    }
  } else if (isJsonObject(body)) {
    const data = get(body, '__data__') ?? body;
    const models = get(data, 'models');
    if (Array.isArray(models)) {
      for (const m of models) {
        const id = stringValue(get(m, 'model'));
        if (id !== undefined) ids.add(id);
      }
    }
  }
  return sha256Hex([...ids].sort(compareCodePoints).join('|')).slice(0, 8);
}

function upper(v: JsonValue | undefined): JsonValue {
  return typeof v === 'string' ? v.toUpperCase() : orNull(v);
}

/** Leaf-normalised trees shared by profiles with the same float/string rules, within one call. */
type LeafCache = Map<string, JsonValue>;

function leaves(value: JsonValue, profile: HashProfile, cache: LeafCache | undefined, slot: string): JsonValue {
  const key = `${slot}|${profile.roundFloats}|${profile.strings}`;
  let out = cache?.get(key);
  if (out === undefined) {
    out = normalizeLeaves(value, profile);
    cache?.set(key, out);
  }
  return out;
}

/** Hash-input objects for one profile, one per root-rule variant. */
function hashObjects(record: JsonValue, profile: HashProfile, cache?: LeafCache): Array<{ variant: string; value: JsonObject }> | null {
  const request = get(record, 'request');
  const kind = requestKind(request);
  const variants = profile.rootVariants.map((root, i) => ({ root, variant: i === 0 ? '' : variantLabel(root) }));
  switch (kind) {
    case 'tool':
      return [{ variant: '', value: obj([['kwargs', orNull(get(request, 'kwargs'))], ['provider', orNull(get(request, 'provider'))], ['tool_name', orNull(get(request, 'tool_name'))]]) }];
    case 'file-processor':
      return [{ variant: '', value: obj([['api', 'file_processors'], ['file_id', orNull(get(request, 'file_id'))], ['test_id', orNull(get(request, 'test_id') ?? get(record, 'test_id'))]]) }];
    case 'http': {
      const payload = leaves(orNull(get(request, 'payload')), profile, cache, 'payload');
      return distinctRoots(variants, (root) => applyRootRules(payload, root, false)).map(({ variant, value }) => ({
        variant,
        value: obj([
          ['method', upper(get(request, 'method'))],
          ['payload', value],
          ['test_id', orNull(get(request, 'test_id'))],
          ['url', orNull(get(request, 'url'))],
        ]),
      }));
    }
    case 'inference': {
      const url = stringValue(get(request, 'url')) ?? '';
      const parts = pythonUrlParse(url);
      const bedrock = parts.netloc.includes('bedrock');
      const body = leaves(orNull(get(request, 'body')), profile, cache, 'body');
      return distinctRoots(variants, (root) => applyRootRules(body, root, bedrock)).map(({ variant, value }) => {
        const entries: Array<[string, JsonValue]> = [
          ['method', upper(get(request, 'method'))],
          ['endpoint', parts.path],
          ['body', value],
        ];
        if (profile.includeTestId && !profile.modelPaths.includes(parts.path)) entries.push(['test_id', orNull(get(record, 'test_id'))]);
        return { variant, value: obj(entries) };
      });
    }
    default:
      return null;
  }
}

/** Apply each root-rule variant; drop variants whose result is identical (rules changed nothing). */
function distinctRoots(
  variants: Array<{ root: HashProfile['rootVariants'][number]; variant: string }>,
  apply: (root: HashProfile['rootVariants'][number]) => JsonValue,
): Array<{ variant: string; value: JsonValue }> {
  const seen = new Set<JsonValue>();
  const out: Array<{ variant: string; value: JsonValue }> = [];
  for (const { root, variant } of variants) {
    const value = apply(root); // returns its input unchanged when no rule applies
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ variant, value });
  }
  return out;
}

function variantLabel(r: HashProfile['rootVariants'][number]): string {
  if (!r.bedrockStreamOptions && !r.extraProjectId) return 'before-bedrock-rule';
  if (!r.extraProjectId) return 'before-project-id-rule';
  return 'all-root-rules';
}

function isModelList(record: JsonValue): boolean {
  const endpoint = stringValue(get(get(record, 'request'), 'endpoint'));
  return endpoint !== undefined && MODEL_LIST_ENDPOINTS.includes(endpoint);
}

/**
 * Every name the recorder could have given `record` under `profile` (several only where the
 * profile's root rules changed during its lifetime). The stored id mapping is applied first,
 * as the recorder does on load. Empty for an unknown request shape.
 */
export function hashCandidates(record: JsonValue, profileName: ProfileName = DEFAULT_PROFILE): HashCandidate[] {
  return candidatesOf(applyStoredIdMapping(record), getProfile(profileName));
}

/** Per-call caches: leaf-normalised bodies, dumps of shared subtrees and sha256 per hash input. */
interface Caches {
  leaves: LeafCache;
  sha: Map<string, string>;
  dumps: Map<object, string>;
}

function candidatesOf(record: JsonValue, profile: HashProfile, caches?: Caches): HashCandidate[] {
  const objs = hashObjects(record, profile, caches?.leaves);
  if (objs === null) return [];
  const models = isModelList(record);
  const digest = models ? digest8(get(record, 'response')) : '';
  const out: HashCandidate[] = [];
  const seen = new Set<string>();
  for (const { variant, value } of objs) {
    const hashInput = caches ? dumpsSortedMemo(value, caches.dumps) : dumpsSorted(value);
    if (seen.has(hashInput)) continue;
    seen.add(hashInput);
    let hash = caches?.sha.get(hashInput);
    if (hash === undefined) {
      hash = sha256Hex(hashInput);
      caches?.sha.set(hashInput, hash);
    }
    const stem = profile.shortNames ? hash.slice(0, 12) : hash;
    out.push({ profile: profile.name, variant, hashInput, hash, name: models ? `models-${stem}-${digest}.json` : `${stem}.json` });
  }
  return out;
}

/** File names `record` would get under `profile` (first = the profile's latest rules). */
export function expectedNames(record: JsonValue, profile: ProfileName = DEFAULT_PROFILE): string[] {
  return hashCandidates(record, profile).map((c) => c.name);
}

/** Hash input string under a profile's latest rules (null for an unknown request shape). */
export function hashInput(record: JsonValue, profile: ProfileName = DEFAULT_PROFILE): string | null {
  return hashCandidates(record, profile)[0]?.hashInput ?? null;
}

export interface RecordingName {
  /** 64 or 12 hex chars */
  hash: string;
  short: boolean;
  modelList: boolean;
  digest?: string;
}

const NAME_RE = /^(?:models-([0-9a-f]{64}|[0-9a-f]{12})-([0-9a-f]{8})|([0-9a-f]{64}|[0-9a-f]{12}))\.json$/;

/** Parse a recording base name; null when it is not hash-shaped. */
export function parseRecordingName(baseName: string): RecordingName | null {
  const m = NAME_RE.exec(baseName);
  if (m === null) return null;
  const hash = (m[1] ?? m[3])!;
  return { hash, short: hash.length === 12, modelList: m[1] !== undefined, ...(m[2] !== undefined ? { digest: m[2] } : {}) };
}

export type HashStatusKind = 'current' | 'stale' | 'mismatch' | 'unverifiable';

export interface HashStatus {
  status: HashStatusKind;
  /** Profile that reproduced the name (with `+guessed-id-mapping` when only the §5.4 guess did). */
  algorithm?: string;
  /** Name under the current profile ('' when it cannot be computed). */
  expectedName: string;
  currentProfile: ProfileName;
  /** Plain-words account of the result. */
  explanation: string;
  kind: RequestKind;
  /** Whether the stored mapping was applied, or a lost one had to be guessed to match. */
  idMapping: 'none' | 'stored' | 'guessed';
  /** Model lists: digest in the name differs from the one computed from the response. */
  digestMismatch?: { inName: string; expected: string };
}

export interface ClassifyOptions {
  /** Algorithm in force for the tree being inspected (default head-2026-04). */
  currentProfile?: ProfileName;
}

/** The record without the response (first-appearance order of ids is unchanged before it). */
function hashRelevant(record: JsonValue): JsonValue {
  if (!isJsonObject(record)) return record;
  return { kind: 'object', entries: record.entries.filter(([k]) => k === 'test_id' || k === 'request') };
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1);
}

/** Does a candidate reproduce the name? Model lists compare the hash part only (digest is separate). */
function sameHash(candidate: HashCandidate, name: RecordingName, short: boolean): boolean {
  const stem = short ? candidate.hash.slice(0, 12) : candidate.hash;
  return stem === name.hash && short === name.short && candidate.name.startsWith('models-') === name.modelList;
}

/** Classify a recording's file name against the current and older hash algorithms. */
export function classifyHash(relativePath: string, record: JsonValue, options: ClassifyOptions = {}): HashStatus {
  const currentProfile = options.currentProfile ?? DEFAULT_PROFILE;
  const base = baseName(relativePath);
  const parsed = parseRecordingName(base);
  const kind = requestKind(get(record, 'request'));
  const stored = storedIdMapping(record).length > 0;
  const effective = applyStoredIdMapping(record);
  const profiles = profilesUpTo(currentProfile);
  const current = profiles[profiles.length - 1]!;
  // profiles often share normalised bodies and even whole hash inputs
  const caches: Caches = { leaves: new Map(), sha: new Map(), dumps: new Map() };
  const currentCands = candidatesOf(effective, current, caches);
  const expectedName = currentCands[0]?.name ?? '';
  const result = (status: HashStatusKind, explanation: string, extra: Partial<HashStatus> = {}): HashStatus => ({
    status,
    expectedName,
    currentProfile,
    explanation,
    kind,
    idMapping: stored ? 'stored' : 'none',
    ...extra,
  });

  if (kind === 'unknown') return result('unverifiable', 'The request has none of the known shapes (inference, raw HTTP, tool, file processor), so no name can be computed.');
  if (parsed === null) return result('unverifiable', `"${base}" is not a request-hash file name (expected <64 hex>.json or models-<hash>-<8 hex>.json).`);

  // Newest profile first: the first hit is the deciding one (current, else the newest older one).
  // `c.leaves` holds trees derived from `rec`, so each record gets its own leaf cache.
  const firstMatch = (rec: JsonValue, c: Caches): HashCandidate | undefined => {
    for (let i = profiles.length - 1; i >= 0; i--) {
      const p = profiles[i]!;
      if (p.shortNames !== parsed.short) continue;
      const cands = rec === effective && p === current ? currentCands : candidatesOf(rec, p, c);
      const hit = cands.find((x) => sameHash(x, parsed, p.shortNames));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };

  const digestCheck = (hit: HashCandidate | undefined): Partial<HashStatus> => {
    if (hit === undefined || !parsed.modelList || parsed.digest === undefined) return {};
    const expected = digest8(get(record, 'response'));
    return expected === parsed.digest ? {} : { digestMismatch: { inName: parsed.digest, expected } };
  };
  const via = stored ? ' after applying its id_normalization_mapping' : '';

  const hit = firstMatch(effective, caches);
  if (hit !== undefined && hit.profile === currentProfile) {
    return result('current', `The name reproduces with the current algorithm (${currentProfile})${via}.`, { algorithm: currentProfile, ...digestCheck(hit) });
  }
  if (hit !== undefined) {
    const newest = hit.profile;
    const p = getProfile(newest);
    return result(
      'stale',
      `The name reproduces only with the older algorithm ${newest} (${p.inForce}: ${p.summary})${via}. The current recorder computes ${expectedName} for this request and will never read this file; renaming it to that name upgrades it.`,
      { algorithm: newest, ...digestCheck(hit) },
    );
  }
  // only test_id/request feed the hash; skipping the (possibly 1 MB) response keeps this cheap
  const guess = guessLostIdMapping(hashRelevant(effective));
  if (guess !== null) {
    const g = firstMatch(guess.record, { leaves: new Map(), sha: caches.sha, dumps: caches.dumps });
    if (g !== undefined) {
      const newest = g.profile;
      const ids = guess.mapping.map(([n, o]) => `${o} → ${n}`).join(', ');
      return result(
        'mismatch',
        `No algorithm reproduces the name from the file as stored. It does reproduce with ${newest} after re-creating a lost id mapping (${ids}), so the ids were most likely rewritten after the name was computed.`,
        { algorithm: `${newest}+guessed-id-mapping`, idMapping: 'guessed', ...digestCheck(g) },
      );
    }
  }
  if (kind === 'file-processor') {
    return result('unverifiable', 'File-processor names also hash chunking_strategy/options, which are not stored in the file, so the name cannot be re-derived from its content.');
  }
  const tried = profiles.filter((p) => p.shortNames === parsed.short).map((p) => p.name).join(', ');
  return result(
    'mismatch',
    `No known algorithm (${tried}) reproduces this name from the file's content: the request or test_id was probably edited after the file was named, or the file was made by hand. The current recorder would look for ${expectedName}.`,
  );
}
