// Hash status of every corpus file must equal MANIFEST.md's Hash column, and the per-file checks
// must report only the real anomalies the corpus is known to contain.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../json/lossless-json';
import { classifyHash, type HashStatus } from './request-hash';
import { checkRecording } from './record-checks';
import type { ProfileName } from './profiles';

const CORPUS = resolve(fileURLToPath(import.meta.url), '../../../../shared/corpus');

/** Rows of every MANIFEST table (numbered and un-numbered): path -> Hash column. */
function readManifest(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readFileSync(resolve(CORPUS, 'MANIFEST.md'), 'utf8').split('\n')) {
    const m = /^\|(?: \d+ \|)? `(llama-stack[^`]*\.json)` \| `[^`]*` \| ([^|]+) \|/.exec(line);
    if (m === null) continue;
    const prev = rows.get(m[1]!);
    if (prev !== undefined && prev !== m[2]!.trim()) throw new Error(`MANIFEST lists ${m[1]} twice with different hash status`);
    rows.set(m[1]!, m[2]!.trim());
  }
  return rows;
}

/** The 2025-10 tree is judged with the algorithm in force at that commit (MANIFEST). */
const currentFor = (rel: string): ProfileName => (rel.startsWith('llama-stack-2025-10/') ? 'floats-2025-10' : 'head-2026-04');

/** Our status in MANIFEST vocabulary. */
function asManifest(s: HashStatus): string {
  if (s.status === 'current') return 'match';
  if (s.status === 'stale') return `legacy:${s.algorithm}`;
  if (s.idMapping === 'guessed') return 'guess';
  return 'MISMATCH'; // mismatch or unverifiable
}

describe('corpus hash status', () => {
  const manifest = readManifest();
  const records = [...manifest.keys()].map((rel) => [rel, parseJson(readFileSync(resolve(CORPUS, rel), 'utf8'))] as const);

  it('MANIFEST lists all 265 files', () => expect(manifest.size).toBe(265));

  it('classifyHash reproduces the Hash column for every file', () => {
    const t0 = performance.now();
    const got = records.map(([rel, rec]) => [rel, asManifest(classifyHash(rel, rec, { currentProfile: currentFor(rel) }))] as const);
    console.log(`hash classification of ${records.length} files: ${(performance.now() - t0).toFixed(0)} ms`);
    const wrong = got.filter(([rel, s]) => manifest.get(rel) !== s).map(([rel, s]) => `${rel}: manifest ${manifest.get(rel)}, got ${s}`);
    expect(wrong).toEqual([]);
  });

  it('known special cases', () => {
    const byName = (part: string) => {
      const r = records.find(([rel]) => rel.includes(part));
      if (r === undefined) throw new Error(part);
      return classifyHash(r[0], r[1], { currentProfile: currentFor(r[0]) });
    };
    expect(byName('268e65efffed').status).toBe('unverifiable'); // file processor
    expect(byName('16144567d217').idMapping).toBe('stored');
    expect(byName('e4352483ef1d').algorithm).toBe('raw-testid-2025-10-04+guessed-id-mapping');
    expect(byName('3a641f25d656').status).toBe('current'); // path exactly /v1/models: no test_id
  });

  it('per-file checks: no errors; warnings/infos only where the corpus really is odd', () => {
    const counts = new Map<string, number>();
    const t0 = performance.now();
    for (const [rel, rec] of records) {
      for (const p of checkRecording(rel, rec)) {
        expect(p.severity, `${rel}: ${p.message}`).not.toBe('error');
        counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
      }
    }
    console.log(`record checks of ${records.length} files: ${(performance.now() - t0).toFixed(0)} ms`, Object.fromEntries(counts));
    expect(Object.fromEntries(counts)).toEqual({
      'test-id-missing': 15, // files written before 2025-10-04
      'response-id-other-hash': 4, // renamed/copied files (§6.1)
      'wrong-directory': 2, // test_id null but stored outside common/recordings
      'id-mapping-non-empty': 2, // the 2025-10 files with {"file-1": …}
    });
  });
});
