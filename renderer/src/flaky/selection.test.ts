import { describe, expect, it } from 'vitest';
import type { RecordingRow } from '../../../shared/host-api';
import type { CleanupItem, CleanupPlan } from '../../../shared/flaky/test-groups';
import {
  defaultCleanupSelection, describeSelection, groupByAction, groupCheckState, pickCandidates, pruneSelection, summarizeTests, testRowsSignature,
  toggleGroup, toggleOne, togglePick,
} from './selection';

const item = (path: string, action: CleanupItem['action'], mark: CleanupItem['mark'], priority: number): CleanupItem => ({ path, testId: 't', action, mark, priority, reason: 'r' });
const PLAN: CleanupPlan = {
  items: [item('a', 'delete', 'stale', 1), item('b', 'delete', 'superseded', 2), item('c', 'delete', 'mismatch', 3), item('d', 'rename', 'stale', 4), item('e', 'review', 'superseded', 5)],
  summary: { delete: 3, rename: 1, review: 1, byMark: { stale: 2, superseded: 2, mismatch: 1 }, text: '' },
};

const row = (path: string, testId: string | null, status: 'current' | 'stale' | 'mismatch' | 'unverifiable' | null, suite = 's'): RecordingRow => ({
  path, suite, name: path, testId, kind: 'chat', endpoint: '/v1/chat/completions', model: 'gpt-4o', streaming: false, chunks: null, size: 1, mtimeMs: 5,
  hash: status ? { status, expectedName: path, explanation: '' } : null, problems: [], search: `${path} ${testId ?? ''}`.toLowerCase(),
});

describe('picking two variants to diff', () => {
  it('keeps the last two choices and toggles off', () => {
    let s: string[] = [];
    s = togglePick(s, 'a');
    s = togglePick(s, 'b');
    expect(s).toEqual(['a', 'b']);
    s = togglePick(s, 'c');
    expect(s).toEqual(['b', 'c']);
    s = togglePick(s, 'b');
    expect(s).toEqual(['c']);
    expect(togglePick(['x'], 'y', 1)).toEqual(['y']);
  });
});

describe('cleanup selection', () => {
  it('preselects what can go first', () => {
    expect([...defaultCleanupSelection(PLAN)]).toEqual(['a', 'b', 'c']);
  });

  it('groups by action in delete, rename, review order', () => {
    expect(groupByAction(PLAN).map((g) => [g.action, g.items.map((i) => i.path)])).toEqual([['delete', ['a', 'b', 'c']], ['rename', ['d']], ['review', ['e']]]);
    expect(groupByAction({ ...PLAN, items: [PLAN.items[4]!] }).map((g) => g.action)).toEqual(['review']);
  });

  it('select-all per group: all, some, none', () => {
    const del = groupByAction(PLAN)[0]!.items;
    let s = new Set<string>();
    expect(groupCheckState(del, s)).toBe('none');
    s = toggleOne(s, 'a');
    expect(groupCheckState(del, s)).toBe('some');
    s = toggleGroup(del, s);
    expect(groupCheckState(del, s)).toBe('all');
    s = toggleOne(s, 'd');
    s = toggleGroup(del, s);
    expect([...s]).toEqual(['d']);
    s = toggleOne(s, 'd');
    expect(s.size).toBe(0);
  });

  it('drops choices that left the plan', () => {
    expect([...pruneSelection(new Set(['a', 'z', 'e']), PLAN)]).toEqual(['a', 'e']);
  });

  it('says what the chosen files are', () => {
    expect(describeSelection([])).toBe('Nothing selected.');
    expect(describeSelection(PLAN.items.slice(0, 3))).toBe('3 files: 1 stale copy, 1 superseded recording, 1 name mismatch.');
    expect(describeSelection(PLAN.items)).toBe('5 files: 2 stale copies, 2 superseded recordings, 1 name mismatch (2 not in the “can go” group).');
  });
});

describe('test list and picker', () => {
  const rows = [
    row('r/1.json', 'T1', 'current'), row('r/2.json', 'T1', 'stale'), row('r/3.json', 'T1', 'mismatch', 'other'),
    row('r/4.json', 'T2', 'current'), row('r/5.json', 'T2', 'current'), row('r/6.json', 'T2', 'current'),
    row('r/7.json', null, 'stale'), row('broken.json', null, null),
  ];

  it('lists tests with pile-ups first, non-recordings left out', () => {
    const tests = summarizeTests(rows);
    expect(tests.map((t) => [t.testId, t.files, t.current, t.stale, t.mismatch])).toEqual([
      ['T1', 3, 1, 1, 1],
      [null, 1, 0, 1, 0],
      ['T2', 3, 3, 0, 0],
    ]);
    expect(tests[0]!.suites).toEqual(['s', 'other']);
  });

  it('changes its signature when a file of the test changes, not others', () => {
    const before = testRowsSignature(rows, 'T1');
    expect(testRowsSignature(rows.map((r) => (r.path === 'r/4.json' ? { ...r, mtimeMs: 9 } : r)), 'T1')).toBe(before);
    expect(testRowsSignature(rows.map((r) => (r.path === 'r/2.json' ? { ...r, mtimeMs: 9 } : r)), 'T1')).not.toBe(before);
    expect(testRowsSignature(rows.filter((r) => r.path !== 'r/3.json'), 'T1')).not.toBe(before);
  });

  it('offers the same test first when picking the other side of a diff', () => {
    expect(pickCandidates(rows, 'r/4.json', 'T2', '').map((r) => r.path)).toEqual(['r/5.json', 'r/6.json', 'broken.json', 'r/1.json', 'r/2.json', 'r/3.json', 'r/7.json']);
    expect(pickCandidates(rows, null, null, 't1 r/2').map((r) => r.path)).toEqual(['r/2.json']);
    expect(pickCandidates(rows, null, null, '', 2)).toHaveLength(2);
  });
});
