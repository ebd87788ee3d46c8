/**
 * Git status of the table rows (pure): an index of the changes against HEAD, synthetic rows for files
 * deleted in the work tree (they are not in the folder index any more), and the "Git status" filter.
 */
import type { GitChange, GitState, RecordingRow } from '../../../shared/host-api';

export type GitStatus = GitChange['status'];
export type GitFilter = 'any' | 'changed' | 'added' | 'modified' | 'deleted';

export const GIT_FILTERS: ReadonlyArray<{ value: GitFilter; label: string }> = [
  { value: 'any', label: 'Any git status' },
  { value: 'changed', label: 'changed vs HEAD' },
  { value: 'added', label: 'added' },
  { value: 'modified', label: 'modified' },
  { value: 'deleted', label: 'deleted' },
];

export interface GitIndex {
  root: string | null;
  head: string | null;
  /** Status of every changed recording (relative path → status); unchanged tracked files are absent. */
  byPath: ReadonlyMap<string, GitStatus>;
  /** Paths deleted in the work tree (shown as extra rows). */
  deleted: ReadonlySet<string>;
  counts: Record<GitStatus, number> & { changed: number };
}

/** null when git is not available: every git feature is hidden. */
export function buildGitIndex(state: GitState | null | undefined): GitIndex | null {
  if (!state || !state.available) return null;
  const byPath = new Map<string, GitStatus>();
  const deleted = new Set<string>();
  const counts = { added: 0, modified: 0, deleted: 0, renamed: 0, changed: 0 };
  for (const c of state.changes) {
    if (byPath.has(c.path)) continue;
    byPath.set(c.path, c.status);
    counts[c.status]++;
    counts.changed++;
    if (c.status === 'deleted') deleted.add(c.path);
  }
  return { root: state.root ?? null, head: state.head ?? null, byPath, deleted, counts };
}

/** The suite a path belongs to: the folder holding `recordings/`, else the first folder. */
export function suiteOfPath(path: string): string {
  const parts = path.split('/');
  const i = parts.lastIndexOf('recordings');
  if (i > 0) return parts[i - 1]!;
  return parts.length > 1 ? parts[0]! : '';
}

/** A table row for a file that git has in HEAD but the work tree no longer has. */
export function deletedRow(path: string): RecordingRow {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    path, suite: suiteOfPath(path), name, testId: null, kind: 'inference', endpoint: '', model: '', streaming: false, chunks: null,
    size: 0, mtimeMs: 0, hash: null, problems: [], search: `${path.toLowerCase()} deleted`,
  };
}

/** The index rows plus one synthetic row per deleted file (unless the index still has it). */
export function withDeletedRows(rows: RecordingRow[], git: GitIndex | null): RecordingRow[] {
  if (!git || git.deleted.size === 0) return rows;
  const present = new Set(rows.map((r) => r.path));
  const extra = [...git.deleted].filter((p) => !present.has(p)).sort().map(deletedRow);
  return extra.length === 0 ? rows : [...rows, ...extra];
}

export function isDeletedRow(row: RecordingRow, git: GitIndex | null): boolean {
  return !!git && git.deleted.has(row.path);
}

export function matchesGitFilter(status: GitStatus | undefined, filter: GitFilter): boolean {
  switch (filter) {
    case 'any': return true;
    case 'changed': return status !== undefined;
    default: return status === filter;
  }
}

/** Rows whose git status passes the filter; everything when git is unavailable. */
export function filterByGit(rows: RecordingRow[], filter: GitFilter, git: GitIndex | null): RecordingRow[] {
  if (!git || filter === 'any') return rows;
  return rows.filter((r) => matchesGitFilter(git.byPath.get(r.path), filter));
}

/** "Diff with HEAD" makes sense when HEAD can have the file: tracked (unchanged, modified, deleted, renamed). */
export function canDiffWithHead(path: string, git: GitIndex | null): boolean {
  if (!git || git.head === null) return false;
  return git.byPath.get(path) !== 'added';
}
