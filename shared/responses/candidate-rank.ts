// Hash status and recording era of a chain candidate: the tie-breakers when a test was
// re-recorded and several files claim the same turn. "Era" is the hash algorithm the name
// matches (newer algorithm = newer file) plus `provider_metadata`, written since 2026-03-12.
import { fromPlain, type JsonValue } from '../json/json-value';
import { tryParseJson } from '../json/lossless-json';
import { PROFILE_NAMES, isProfileName, type ProfileName } from '../hash/profiles';
import { classifyHash, type HashStatus, type HashStatusKind } from '../hash/request-hash';
import { asRecord } from './recording';

export interface CandidateHash {
  readonly status: HashStatusKind | 'unknown';
  /** Profile that reproduced the name (may end in `+guessed-id-mapping`). */
  readonly algorithm: string | null;
  /** Computed from the JSON.parse'd record: `1.0` became `1`, so a float-bearing request may look mismatched. */
  readonly approximate: boolean;
  readonly explanation: string;
}

export interface HashInputs {
  readonly path: string;
  readonly record: unknown;
  readonly text?: string;
  readonly hash?: HashStatus;
}

export type HashProfileOption = ProfileName | ((path: string) => ProfileName);

function fromStatus(s: HashStatus, approximate: boolean): CandidateHash {
  return { status: s.status, algorithm: s.algorithm ?? null, approximate, explanation: s.explanation };
}

/** End of the JSON value starting at `i` (after whitespace), skipping strings; -1 if malformed. */
function skipValue(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      if (depth === 0) return i + 1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (depth === 0) return i; // end of the enclosing object
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === 44 || c === 125)) return i;
  }
  return depth === 0 ? i : -1;
}

/**
 * Only `test_id`, `request` and `id_normalization_mapping` feed the hash: parse just those
 * (number-preserving) and skip the response, which can be a megabyte of chunks.
 */
function hashRelevantJson(text: string): JsonValue | undefined {
  const wanted = new Set(['test_id', 'request', 'id_normalization_mapping']);
  const entries: [string, JsonValue][] = [];
  const keyRe = /\s*"((?:[^"\\]|\\.)*)"\s*:\s*/y;
  let i = text.indexOf('{');
  if (i < 0) return undefined;
  i++;
  for (;;) {
    keyRe.lastIndex = i;
    const m = keyRe.exec(text);
    if (!m) break;
    const start = keyRe.lastIndex;
    const end = skipValue(text, start);
    if (end < 0) return undefined;
    if (wanted.has(m[1]!)) {
      const p = tryParseJson(text.slice(start, end));
      if (!p.ok) return undefined;
      entries.push([m[1]!, p.value]);
    }
    i = end;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] !== ',') break;
    i++;
  }
  return entries.length > 0 ? { kind: 'object', entries } : undefined;
}

/** Never throws; a record that cannot be classified gets status 'unknown'. */
export function candidateHash(input: HashInputs, profile: HashProfileOption | undefined): CandidateHash {
  if (input.hash) return fromStatus(input.hash, false);
  const currentProfile = typeof profile === 'function' ? profile(input.path) : profile;
  const opts = currentProfile !== undefined ? { currentProfile } : {};
  try {
    let value: JsonValue | undefined;
    let approximate = false;
    if (typeof input.text === 'string') value = hashRelevantJson(input.text);
    if (value === undefined) {
      value = fromPlain(input.record);
      approximate = true;
    }
    return fromStatus(classifyHash(input.path, value, opts), approximate);
  } catch (e) {
    return {
      status: 'unknown',
      algorithm: null,
      approximate: true,
      explanation: `hash not computed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** Larger = newer. -1 when no algorithm reproduces the name. */
export function eraRank(h: CandidateHash, record: unknown): number {
  const base = h.algorithm?.replace(/\+.*$/, '') ?? '';
  const i = isProfileName(base) ? PROFILE_NAMES.indexOf(base) : -1;
  const meta = asRecord(asRecord(asRecord(record)?.request)?.provider_metadata) ? 1 : 0;
  return i * 2 + meta;
}
