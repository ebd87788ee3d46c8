/**
 * Selection logic of the flaky views (pure): picking two variants to diff, the cleanup checkboxes and
 * their summary, and the test list of the test-view picker.
 */
import type { RecordingRow } from '../../../shared/host-api';
import type { CleanupAction, CleanupItem, CleanupPlan } from '../../../shared/flaky/test-groups';

/**
 * Toggle `path` in a selection of at most `max` paths (default 2, for a diff). Selecting one more than
 * `max` drops the oldest choice, so the last two clicks are always the pair.
 */
export function togglePick(selected: readonly string[], path: string, max = 2): string[] {
  if (selected.includes(path)) return selected.filter((p) => p !== path);
  const next = [...selected, path];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** The items preselected for the trash: those that can go first (action `delete`). */
export function defaultCleanupSelection(plan: CleanupPlan): Set<string> {
  return new Set(plan.items.filter((i) => i.action === 'delete').map((i) => i.path));
}

export const ACTION_ORDER: readonly CleanupAction[] = ['delete', 'rename', 'review'];

export const ACTION_LABELS: Record<CleanupAction, { title: string; hint: string }> = {
  delete: { title: 'Can go', hint: 'Never read by replay, or replaced by a recording that is: safe to move to the trash.' },
  rename: { title: 'Rename to the current name', hint: 'Stale names of requests that have no current recording: rename (Edit → save with move) rather than delete.' },
  review: { title: 'Needs a look', hint: 'Weak evidence or no current recording: check before removing.' },
};

export function groupByAction(plan: CleanupPlan): Array<{ action: CleanupAction; items: CleanupItem[] }> {
  return ACTION_ORDER.map((action) => ({ action, items: plan.items.filter((i) => i.action === action) })).filter((g) => g.items.length > 0);
}

export type GroupCheck = 'all' | 'some' | 'none';

export function groupCheckState(items: readonly CleanupItem[], selected: ReadonlySet<string>): GroupCheck {
  const n = items.filter((i) => selected.has(i.path)).length;
  return n === 0 ? 'none' : n === items.length ? 'all' : 'some';
}

/** Select-all of one group: selects every item, or clears them when all already are. */
export function toggleGroup(items: readonly CleanupItem[], selected: ReadonlySet<string>): Set<string> {
  const next = new Set(selected);
  if (groupCheckState(items, selected) === 'all') for (const i of items) next.delete(i.path);
  else for (const i of items) next.add(i.path);
  return next;
}

export function toggleOne(selected: ReadonlySet<string>, path: string): Set<string> {
  const next = new Set(selected);
  if (next.has(path)) next.delete(path);
  else next.add(path);
  return next;
}

/** Keep only paths still in the plan (after a reload or a trash). */
export function pruneSelection(selected: ReadonlySet<string>, plan: CleanupPlan): Set<string> {
  const paths = new Set(plan.items.map((i) => i.path));
  return new Set([...selected].filter((p) => paths.has(p)));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 files: 2 stale copies, 1 superseded recording" — what the chosen items are. */
export function describeSelection(items: readonly CleanupItem[]): string {
  if (items.length === 0) return 'Nothing selected.';
  const by = (m: CleanupItem['mark']) => items.filter((i) => i.mark === m).length;
  const parts = [
    by('stale') ? plural(by('stale'), 'stale copy', 'stale copies') : '',
    by('superseded') ? plural(by('superseded'), 'superseded recording') : '',
    by('mismatch') ? plural(by('mismatch'), 'name mismatch', 'name mismatches') : '',
    by('unverifiable') ? plural(by('unverifiable'), 'unverifiable recording') : '',
    by('current') ? plural(by('current'), 'current recording') : '',
  ].filter(Boolean);
  const review = items.filter((i) => i.action !== 'delete').length;
  return `${plural(items.length, 'file')}: ${parts.join(', ')}${review > 0 ? ` (${review} not in the “can go” group)` : ''}.`;
}

export interface TestSummary {
  testId: string | null;
  files: number;
  current: number;
  stale: number;
  mismatch: number;
  other: number;
  suites: string[];
}

/**
 * One line per test id of the index, the likeliest pile-ups first (most stale / mismatched files,
 * then most files). Rows that are not recordings (no hash) are left out.
 */
export function summarizeTests(rows: readonly RecordingRow[]): TestSummary[] {
  const map = new Map<string | null, TestSummary>();
  for (const r of rows) {
    if (!r.hash) continue;
    let s = map.get(r.testId);
    if (!s) map.set(r.testId, (s = { testId: r.testId, files: 0, current: 0, stale: 0, mismatch: 0, other: 0, suites: [] }));
    s.files++;
    if (r.hash.status === 'current') s.current++;
    else if (r.hash.status === 'stale') s.stale++;
    else if (r.hash.status === 'mismatch') s.mismatch++;
    else s.other++;
    if (!s.suites.includes(r.suite)) s.suites.push(r.suite);
  }
  const suspect = (s: TestSummary) => s.stale + s.mismatch;
  return [...map.values()].sort(
    (a, b) => suspect(b) - suspect(a) || b.files - a.files || String(a.testId ?? '\uffff').localeCompare(String(b.testId ?? '\uffff')),
  );
}

/** A change signature of one test's rows: the test view reloads when it changes. */
export function testRowsSignature(rows: readonly RecordingRow[], testId: string | null): string {
  return rows.filter((r) => r.testId === testId && r.hash).map((r) => `${r.path}@${r.mtimeMs}`).sort().join('|');
}

/**
 * Rows offered when picking the second recording of a diff: the same test first, then by path;
 * every word of `query` must match (path, test id, model, endpoint).
 */
export function pickCandidates(rows: readonly RecordingRow[], exclude: string | null, testId: string | null, query: string, limit = 40): RecordingRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = rows.filter((r) => r.path !== exclude && words.every((w) => r.search.includes(w)));
  const same = (r: RecordingRow) => (testId !== null && r.testId === testId ? 0 : 1);
  return hits.sort((a, b) => same(a) - same(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, limit);
}
