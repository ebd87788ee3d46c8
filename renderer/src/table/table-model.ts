/**
 * The recordings table's data, without React: columns, the text each row shows (computed once per row
 * object, not per render), sorting and grouping by test id.
 *
 * Rows are immutable objects (the index store replaces a row when its file changes), so what a row shows
 * is cached in a WeakMap keyed by the row. Sorting keeps the previous order and only places the rows that
 * are new since then: during indexing a batch of 32 rows arrives many times a second, and re-sorting
 * 30,000 rows (and rebuilding a row model for each) per batch was most of the renderer's work.
 */
import type { ColumnDef } from '@tanstack/react-table';
import type { RecordingRow } from '../../../shared/host-api';
import { KIND_LABELS } from '../../../shared/recording-model';
import type { GitIndex } from '../flaky/git-rows';
import { formatSize, formatTime, shortTestId } from './format';

export type ColumnId =
  | 'suite' | 'testId' | 'kind' | 'endpoint' | 'model' | 'streaming' | 'chunks' | 'size' | 'mtimeMs' | 'hash' | 'git' | 'problems' | 'path';

export interface ColumnSpec {
  id: ColumnId;
  header: string;
  /** Fixed width in px (the last column also takes any width left over). */
  width: number;
  /** Numbers (and yes/no) sort descending on the first click, text ascending. */
  descFirst: boolean;
}

const COLUMNS: readonly ColumnSpec[] = [
  { id: 'suite', header: 'Suite', width: 110, descFirst: false },
  { id: 'testId', header: 'Test', width: 260, descFirst: false },
  { id: 'kind', header: 'Kind', width: 130, descFirst: false },
  { id: 'endpoint', header: 'Endpoint', width: 170, descFirst: false },
  { id: 'model', header: 'Model', width: 150, descFirst: false },
  { id: 'streaming', header: 'Stream', width: 60, descFirst: true },
  { id: 'chunks', header: 'Chunks', width: 64, descFirst: true },
  { id: 'size', header: 'Size', width: 72, descFirst: true },
  { id: 'mtimeMs', header: 'Modified', width: 128, descFirst: true },
  { id: 'hash', header: 'Hash', width: 90, descFirst: false },
  { id: 'git', header: 'Git', width: 92, descFirst: false },
  { id: 'problems', header: 'Problems', width: 260, descFirst: false },
  { id: 'path', header: 'File', width: 200, descFirst: false },
];

const COLUMN_INDEX = Object.fromEntries(COLUMNS.map((c, i) => [c.id, i])) as Record<ColumnId, number>;
const WITH_GIT = COLUMNS;
const WITHOUT_GIT = COLUMNS.filter((c) => c.id !== 'git');

/** The columns shown: the Git column (after Hash) only when the folder is in a git work tree. */
export function tableColumns(hasGit: boolean): readonly ColumnSpec[] {
  return hasGit ? WITH_GIT : WITHOUT_GIT;
}

/**
 * The same columns for @tanstack/react-table, which the table uses headlessly for its column model and
 * sorting state (header clicks: first direction, the other, none; Shift adds a column). Rows are not
 * handed to it: its row models rebuild and re-sort every row on each change, which the incremental
 * RowSorter below avoids at 30,000 rows.
 */
export const COLUMN_DEFS: Array<ColumnDef<RowDisplay>> = COLUMNS.map((c) => ({
  id: c.id, header: c.header, size: c.width, sortDescFirst: c.descFirst,
  // react-table sorts only columns with an accessor; it never reads it (manual sorting, no rows given).
  accessorFn: (d: RowDisplay) => (c.id === 'git' ? '' : sortKeyOf(d, c.id)),
}));

export type Severity = 'none' | 'warning' | 'error';

/** What one recording row shows, computed once per row object. */
export interface RowDisplay {
  readonly type: 'row';
  readonly row: RecordingRow;
  readonly path: string;
  /** The full test id, '' when there is none. */
  readonly testId: string;
  readonly testShort: string;
  readonly kindLabel: string;
  readonly stream: string;
  readonly chunks: string;
  readonly size: string;
  readonly modified: string;
  /** Hash status, '' when not verified. */
  readonly hash: string;
  readonly hashTitle: string | undefined;
  readonly problem: string;
  readonly severity: Severity;
  /** Unreadable, or JSON that is not a recording. */
  readonly bad: boolean;
  /** Sort keys by column (COLUMN_INDEX), filled on first use. */
  keys: Array<string | number | undefined>;
  /** Scratch of the sort: the key of the first sort column, and a mark for the incremental sort. */
  key: string | number;
  mark: number;
}

/** A test id's group header (grouping by test). */
export interface GroupItem {
  readonly type: 'group';
  /** The test id ('' for rows without one); identifies the group. */
  readonly key: string;
  readonly count: number;
  readonly expanded: boolean;
}

export type TableItem = RowDisplay | GroupItem;

export function problemSummary(row: RecordingRow): { text: string; severity: Severity } {
  const counted = row.problems.filter((p) => p.severity !== 'info');
  if (counted.length === 0) return { text: '', severity: 'none' };
  const worst = counted.some((p) => p.severity === 'error') ? 'error' : 'warning';
  return { text: counted.length === 1 ? counted[0]!.message : `${counted.length} problems: ${counted[0]!.message}`, severity: worst };
}

const displays = new WeakMap<RecordingRow, RowDisplay>();

export function displayOf(row: RecordingRow): RowDisplay {
  let d = displays.get(row);
  if (d) return d;
  const problem = problemSummary(row);
  d = {
    type: 'row',
    row,
    path: row.path,
    testId: row.testId ?? '',
    testShort: shortTestId(row.testId),
    kindLabel: KIND_LABELS[row.kind] ?? row.kind,
    stream: row.streaming ? 'yes' : '',
    chunks: row.chunks !== null && row.chunks >= 0 ? String(row.chunks) : '',
    size: formatSize(row.size),
    modified: formatTime(row.mtimeMs),
    hash: row.hash?.status ?? '',
    hashTitle: row.hash?.explanation,
    problem: problem.text,
    severity: problem.severity,
    bad: row.kind === 'broken' || row.kind === 'not-a-recording',
    keys: [],
    key: '',
    mark: 0,
  };
  displays.set(row, d);
  return d;
}

/** Lower-cased, with digit runs padded so that plain string comparison orders `r2` before `r10`. */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

function computeKey(d: RowDisplay, id: Exclude<ColumnId, 'git'>): string | number {
  const r = d.row;
  switch (id) {
    case 'suite': return naturalKey(r.suite);
    case 'testId': return naturalKey(d.testId);
    case 'kind': return naturalKey(d.kindLabel);
    case 'endpoint': return naturalKey(r.endpoint);
    case 'model': return naturalKey(r.model);
    case 'streaming': return r.streaming ? 1 : 0;
    case 'chunks': return r.chunks ?? -1;
    case 'size': return r.size;
    case 'mtimeMs': return r.mtimeMs;
    case 'hash': return d.hash;
    case 'problems': return naturalKey(d.problem);
    case 'path': return naturalKey(r.path);
  }
}

/** The sort key of a column other than Git (cached per row). */
function sortKeyOf(d: RowDisplay, id: Exclude<ColumnId, 'git'>): string | number {
  const i = COLUMN_INDEX[id];
  let key = d.keys[i];
  if (key === undefined) d.keys[i] = key = computeKey(d, id);
  return key;
}

function sortKey(d: RowDisplay, id: ColumnId, git: GitIndex | null): string | number {
  return id === 'git' ? (git?.byPath.get(d.path) ?? '') : sortKeyOf(d, id);
}

export interface SortEntry {
  id: ColumnId;
  desc: boolean;
}
export type SortingState = readonly SortEntry[];

export const DEFAULT_SORTING: SortingState = [{ id: 'suite', desc: false }];

/**
 * The comparison of a sort. The first column's key is copied to each row's `key` field beforehand (most
 * comparisons end there), further columns are read from the cache; equal keys fall back to the path.
 */
function comparator(rows: readonly RowDisplay[], sorting: SortingState, git: GitIndex | null): (a: RowDisplay, b: RowDisplay) => number {
  const [{ id: firstId, desc: firstDesc }, ...rest] = sorting as [SortEntry, ...SortEntry[]];
  for (const d of rows) d.key = sortKey(d, firstId, git);
  const sign = firstDesc ? -1 : 1;
  return (a, b) => {
    if (a.key !== b.key) return a.key < b.key ? -sign : sign;
    for (const { id, desc } of rest) {
      const ka = sortKey(a, id, git);
      const kb = sortKey(b, id, git);
      if (ka !== kb) return (ka < kb ? -1 : 1) * (desc ? -1 : 1);
    }
    // Equal keys: by path, so the order never depends on the order rows arrived in.
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  };
}

/**
 * Sorts rows; called again with the next version of the rows (a batch more, a changed file), it starts
 * from the previous order: the rows still there are already sorted, so only the new ones are sorted and
 * then placed by binary search (k log n comparisons for k new rows instead of n log n). The result is
 * exactly that of a full sort: the comparison is a total order (ties broken by path).
 */
/** Marks of the incremental sort, unique across sorters (a row's `mark` is shared by every sorter). */
let generation = 0;

export class RowSorter {
  private previous: RowDisplay[] = [];
  private previousSorting: SortingState | null = null;
  private previousGit: GitIndex | null = null;

  sort(rows: readonly RowDisplay[], sorting: SortingState, git: GitIndex | null): RowDisplay[] {
    if (sorting.length === 0) {
      this.previous = [];
      this.previousSorting = null;
      return rows.slice();
    }
    const usesGit = sorting.some((s) => s.id === 'git');
    let next: RowDisplay[];
    if (this.previousSorting === sorting && (!usesGit || this.previousGit === git) && this.previous.length > 0) {
      const present = ++generation;
      const placed = -present;
      for (const d of rows) d.mark = present;
      const kept: RowDisplay[] = [];
      for (const d of this.previous) {
        if (d.mark === present) {
          kept.push(d);
          d.mark = placed;
        }
      }
      const added: RowDisplay[] = [];
      for (const d of rows) if (d.mark === present) added.push(d);
      const compare = comparator(rows, sorting, git);
      next = added.length * 8 < kept.length ? merge(kept, added.sort(compare), compare) : kept.concat(added).sort(compare);
    } else next = rows.slice().sort(comparator(rows, sorting, git));
    this.previous = next;
    this.previousSorting = sorting;
    this.previousGit = git;
    return next;
  }
}

/** Sorted `added` placed into sorted `kept`, each by binary search from where the previous one went. */
function merge(kept: readonly RowDisplay[], added: readonly RowDisplay[], compare: (a: RowDisplay, b: RowDisplay) => number): RowDisplay[] {
  const out: RowDisplay[] = [];
  let from = 0;
  for (const d of added) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(kept[mid]!, d) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(kept[i]!);
    out.push(d);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i]!);
  return out;
}

/**
 * The list the table shows. Grouped: one header per test id, in the order of the group's first row in
 * the sorted rows, followed (when expanded) by its rows in sorted order. Groups are expanded unless
 * listed in `collapsed`, so groups that appear later (indexing, watcher) start open.
 */
export function tableItems(sorted: readonly RowDisplay[], groupByTest: boolean, collapsed: ReadonlySet<string>): readonly TableItem[] {
  if (!groupByTest) return sorted;
  const groups = new Map<string, RowDisplay[]>();
  for (const d of sorted) {
    const members = groups.get(d.testId);
    if (members) members.push(d);
    else groups.set(d.testId, [d]);
  }
  const items: TableItem[] = [];
  for (const [key, members] of groups) {
    const expanded = !collapsed.has(key);
    items.push({ type: 'group', key, count: members.length, expanded });
    if (expanded) for (const d of members) items.push(d);
  }
  return items;
}
