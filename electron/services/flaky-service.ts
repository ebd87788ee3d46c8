/**
 * Host side of the flaky-test tools: a test's logical requests, the cleanup plan, "why was my recording
 * not found?" and moving recordings to the trash. The analysis itself is shared/flaky (pure).
 */
import { readFile } from 'node:fs/promises';
import { HostError, type RecordingRow } from '../../shared/host-api';
import { cleanupCandidates, groupAllTests, groupTestRecordings, type CleanupPlan, type TestEntry, type TestGroups } from '../../shared/flaky/test-groups';
import { whyNotFound, type WhyQuery, type WhyReport } from '../../shared/flaky/why-not-found';
import { tryParseJson } from '../../shared/json/lossless-json';
import { isJsonObject } from '../../shared/json/json-value';
import { loadRequests } from '../commands/why-command';
import { resolveExistingInside } from './path-guard';
import type { TrashFn } from './trash';

export interface TestView {
  groups: TestGroups;
  cleanup: CleanupPlan;
}

export interface TrashResult {
  trashed: string[];
  failed: Array<{ path: string; message: string }>;
}

function hashOf(row: RecordingRow | undefined) {
  return row?.hash ? { status: row.hash.status, expectedName: row.hash.expectedName, ...(row.hash.algorithm ? { algorithm: row.hash.algorithm } : {}) } : null;
}

export class FlakyService {
  constructor(private readonly trash: TrashFn) {}

  /** Every recording of one test (whole files, so the replay chain between turns can be followed). */
  async testView(root: string, rows: RecordingRow[], testId: string | null): Promise<TestView> {
    const entries: TestEntry[] = [];
    for (const row of rows.filter((r) => r.testId === testId && r.hash)) {
      const text = await readFile(await resolveExistingInside(root, row.path), 'utf8').catch(() => null);
      if (text === null) continue;
      const parsed = tryParseJson(text);
      if (parsed.ok) entries.push({ path: row.path, record: parsed.value, hash: hashOf(row), recordedAt: row.mtimeMs });
    }
    const groups = groupTestRecordings(entries, testId);
    return { groups, cleanup: cleanupCandidates(groups) };
  }

  /** The cleanup plan for the whole folder (requests only: fast enough for thousands of files). */
  async folderCleanup(root: string, rows: RecordingRow[]): Promise<CleanupPlan> {
    return cleanupCandidates(groupAllTests(await this.withHashes(root, rows)));
  }

  /** `text` is a pasted failure log, or a request / recording / SDK body as JSON. */
  /** Requests of every recording, with the hash status the index already computed. */
  private async withHashes(root: string, rows: RecordingRow[]): Promise<TestEntry[]> {
    const byPath = new Map(rows.map((r) => [r.path, r]));
    return (await loadRequests(root)).map((e) => ({ ...e, hash: hashOf(byPath.get(e.path)) }));
  }

  async why(root: string, rows: RecordingRow[], text: string): Promise<WhyReport> {
    const query: WhyQuery = {};
    const trimmed = text.trim();
    if (!trimmed) throw new HostError('bad-request', 'Paste a replay failure (e.g. "Recording not found for request hash: …") or a request body.');
    const parsed = trimmed.startsWith('{') ? tryParseJson(trimmed) : null;
    if (parsed?.ok && isJsonObject(parsed.value)) query.request = parsed.value;
    else query.failureText = text;
    return whyNotFound(query, await this.withHashes(root, rows));
  }

  async moveToTrash(root: string, paths: string[]): Promise<TrashResult> {
    const result: TrashResult = { trashed: [], failed: [] };
    for (const rel of paths) {
      try {
        await this.trash(await resolveExistingInside(root, rel));
        result.trashed.push(rel);
      } catch (error) {
        result.failed.push({ path: rel, message: (error as Error).message });
      }
    }
    return result;
  }
}
