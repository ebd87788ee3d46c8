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

/** Never throws; a record that cannot be classified gets status 'unknown'. */
export function candidateHash(input: HashInputs, profile: HashProfileOption | undefined): CandidateHash {
  if (input.hash) return fromStatus(input.hash, false);
  const currentProfile = typeof profile === 'function' ? profile(input.path) : profile;
  const opts = currentProfile !== undefined ? { currentProfile } : {};
  try {
    let value: JsonValue | undefined;
    let approximate = false;
    if (typeof input.text === 'string') {
      const p = tryParseJson(input.text);
      if (p.ok) value = p.value;
    }
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

const STATUS_RANK: Record<CandidateHash['status'], number> = { current: 0, stale: 1, mismatch: 2, unverifiable: 3, unknown: 4 };
export const hashRank = (h: CandidateHash): number => STATUS_RANK[h.status];

/** Larger = newer. -1 when no algorithm reproduces the name. */
export function eraRank(h: CandidateHash, record: unknown): number {
  const base = h.algorithm?.replace(/\+.*$/, '') ?? '';
  const i = isProfileName(base) ? PROFILE_NAMES.indexOf(base) : -1;
  const meta = asRecord(asRecord(asRecord(record)?.request)?.provider_metadata) ? 1 : 0;
  return i * 2 + meta;
}
