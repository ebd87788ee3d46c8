import { describe, expect, it } from 'vitest';
import type { RecordingRow } from '../../../shared/host-api';
import { buildGitIndex } from '../flaky/git-rows';
import {
  DEFAULT_SORTING, displayOf, naturalKey, problemSummary, RowSorter, tableItems,
  type RowDisplay, type SortingState,
} from './table-model';

function row(path: string, patch: Partial<RecordingRow> = {}): RecordingRow {
  return {
    path, suite: path.split('/')[0]!, name: path.slice(path.lastIndexOf('/') + 1), testId: null, kind: 'chat', endpoint: '/v1/chat/completions',
    model: 'gpt-4o', streaming: false, chunks: null, size: 100, mtimeMs: 0, hash: null, problems: [], search: path, ...patch,
  };
}

const paths = (items: readonly RowDisplay[]) => items.map((d) => d.path);

/** A deterministic shuffle (xorshift). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    const j = Math.abs(s) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('display text', () => {
  it('is computed once per row object', () => {
    const r = row('a/x.json', { testId: 'tests/a.py::test_x[p]', chunks: 12, streaming: true, size: 2048 });
    const d = displayOf(r);
    expect(displayOf(r)).toBe(d);
    expect(d).toMatchObject({ testShort: 'test_x[p]', kindLabel: 'chat completion', stream: 'yes', chunks: '12', size: '2.0 KB', bad: false });
    expect(displayOf({ ...r })).not.toBe(d);
  });

  it('summarises problems, ignoring info', () => {
    expect(problemSummary(row('a', { problems: [{ code: 'i', severity: 'info', message: 'fyi' }] }))).toEqual({ text: '', severity: 'none' });
    expect(problemSummary(row('a', { problems: [{ code: 'w', severity: 'warning', message: 'careful' }] }))).toEqual({ text: 'careful', severity: 'warning' });
    expect(problemSummary(row('a', {
      problems: [{ code: 'w', severity: 'warning', message: 'careful' }, { code: 'e', severity: 'error', message: 'broken' }],
    }))).toEqual({ text: '2 problems: careful', severity: 'error' });
    expect(displayOf(row('b', { kind: 'broken' })).bad).toBe(true);
  });

  it('natural keys order numbers by value', () => {
    expect(naturalKey('test[r2]') < naturalKey('test[r10]')).toBe(true);
    expect(naturalKey('B') < naturalKey('a2')).toBe(false);
  });
});

describe('sorting', () => {
  it('sorts by the column, then by path; unsorted keeps the given order', () => {
    const rows = [row('b/2.json', { size: 5 }), row('a/9.json', { size: 5 }), row('a/1.json', { size: 7 })].map(displayOf);
    const sorter = new RowSorter();
    expect(paths(sorter.sort(rows, DEFAULT_SORTING, null))).toEqual(['a/1.json', 'a/9.json', 'b/2.json']);
    expect(paths(sorter.sort(rows, [{ id: 'size', desc: true }], null))).toEqual(['a/1.json', 'a/9.json', 'b/2.json']);
    expect(paths(sorter.sort(rows, [{ id: 'size', desc: false }], null))).toEqual(['a/9.json', 'b/2.json', 'a/1.json']);
    expect(paths(sorter.sort(rows, [], null))).toEqual(['b/2.json', 'a/9.json', 'a/1.json']);
  });

  it('sorts by git status when the Git column is sorted', () => {
    const git = buildGitIndex({ available: true, root: '/r', head: 'abc1234', changes: [{ path: 'a/2.json', status: 'modified' }, { path: 'a/3.json', status: 'added' }] });
    const rows = ['a/1.json', 'a/2.json', 'a/3.json'].map((p) => displayOf(row(p)));
    expect(paths(new RowSorter().sort(rows, [{ id: 'git', desc: false }], git))).toEqual(['a/1.json', 'a/3.json', 'a/2.json']);
  });

  it('incremental sorting (batches added, rows replaced or removed) equals a full sort', () => {
    const all = Array.from({ length: 600 }, (_, i) => row(`s${i % 7}/rec-${i}.json`, { size: (i * 7919) % 97, testId: i % 3 ? `t.py::test_${i % 11}` : null }));
    for (const sorting of [DEFAULT_SORTING, [{ id: 'size', desc: true }, { id: 'testId', desc: false }]] as SortingState[]) {
      const sorter = new RowSorter();
      let current: RecordingRow[] = [];
      const order = shuffled(all, 7);
      for (let at = 0; at < order.length; at += 37) {
        current = [...current, ...order.slice(at, at + 37)];
        // a changed file: a new row object for the same path; a removed file
        if (at > 100) current[at % current.length] = { ...current[at % current.length]!, size: at % 97 };
        if (at > 200) current.splice((at * 3) % current.length, 1);
        const input = shuffled(current, at + 1).map(displayOf);
        const incremental = sorter.sort(input, sorting, null);
        expect(paths(incremental)).toEqual(paths(new RowSorter().sort(input, sorting, null)));
        expect(new Set(incremental)).toEqual(new Set(input));
      }
    }
  });
});

describe('grouping by test', () => {
  const rows = [
    row('a/1.json', { testId: 't.py::test_b' }), row('a/2.json', { testId: 't.py::test_a' }),
    row('a/3.json', { testId: 't.py::test_b' }), row('a/4.json'),
  ].map(displayOf);

  it('puts a header before each test’s rows, in the order of its first row', () => {
    const items = tableItems(rows, true, new Set());
    expect(items.map((it) => (it.type === 'group' ? `group ${it.key} ${it.count}` : it.path))).toEqual([
      'group t.py::test_b 2', 'a/1.json', 'a/3.json', 'group t.py::test_a 1', 'a/2.json', 'group  1', 'a/4.json',
    ]);
  });

  it('hides the rows of a collapsed group', () => {
    const items = tableItems(rows, true, new Set(['t.py::test_b']));
    expect(items.map((it) => (it.type === 'group' ? `group ${it.key} ${it.expanded}` : it.path))).toEqual([
      'group t.py::test_b false', 'group t.py::test_a true', 'a/2.json', 'group  true', 'a/4.json',
    ]);
  });

  it('is the sorted rows themselves without grouping', () => {
    expect(tableItems(rows, false, new Set())).toBe(rows);
  });
});
