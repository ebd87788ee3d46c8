import { describe, expect, it } from 'vitest';
import type { GitState, RecordingRow } from '../../../shared/host-api';
import { buildGitIndex, canDiffWithHead, deletedRow, filterByGit, isDeletedRow, matchesGitFilter, suiteOfPath, withDeletedRows } from './git-rows';

const row = (path: string): RecordingRow => ({
  path, suite: suiteOfPath(path), name: path.split('/').pop()!, testId: 't', kind: 'chat', endpoint: '/v1/chat/completions', model: 'm',
  streaming: false, chunks: null, size: 10, mtimeMs: 1, hash: { status: 'current', expectedName: 'x.json', explanation: '' }, problems: [], search: path.toLowerCase(),
});

const STATE: GitState = {
  available: true, root: '/repo', head: 'abc1234',
  changes: [
    { path: 'tests/integration/a/recordings/1.json', status: 'modified' },
    { path: 'tests/integration/a/recordings/2.json', status: 'added' },
    { path: 'tests/integration/b/recordings/3.json', status: 'deleted' },
    { path: 'tests/integration/b/recordings/4.json', status: 'renamed', from: 'tests/integration/b/recordings/0.json' },
  ],
};
const ROWS = ['tests/integration/a/recordings/1.json', 'tests/integration/a/recordings/2.json', 'tests/integration/b/recordings/4.json', 'tests/integration/b/recordings/5.json'].map(row);

describe('git rows', () => {
  it('is null (features hidden) without git', () => {
    expect(buildGitIndex(null)).toBeNull();
    expect(buildGitIndex({ available: false, changes: [] })).toBeNull();
    expect(filterByGit(ROWS, 'modified', null)).toBe(ROWS);
    expect(withDeletedRows(ROWS, null)).toBe(ROWS);
    expect(canDiffWithHead(ROWS[0]!.path, null)).toBe(false);
  });

  it('indexes the changes with counts', () => {
    const git = buildGitIndex(STATE)!;
    expect(git.head).toBe('abc1234');
    expect(git.counts).toEqual({ added: 1, modified: 1, deleted: 1, renamed: 1, changed: 4 });
    expect(git.byPath.get('tests/integration/a/recordings/1.json')).toBe('modified');
    expect([...git.deleted]).toEqual(['tests/integration/b/recordings/3.json']);
  });

  it('adds a greyed row per deleted file, once', () => {
    const git = buildGitIndex(STATE)!;
    const all = withDeletedRows(ROWS, git);
    expect(all).toHaveLength(5);
    const extra = all[4]!;
    expect(extra).toMatchObject({ path: 'tests/integration/b/recordings/3.json', suite: 'b', name: '3.json', hash: null, testId: null });
    expect(isDeletedRow(extra, git)).toBe(true);
    expect(isDeletedRow(ROWS[0]!, git)).toBe(false);
    // the index still has it (the watcher has not caught up): no duplicate
    expect(withDeletedRows([...ROWS, row('tests/integration/b/recordings/3.json')], git)).toHaveLength(5);
    expect(deletedRow('x.json').suite).toBe('');
  });

  it('filters by git status', () => {
    const git = buildGitIndex(STATE)!;
    const all = withDeletedRows(ROWS, git);
    const paths = (f: Parameters<typeof filterByGit>[1]) => filterByGit(all, f, git).map((r) => r.path.split('/').pop());
    expect(paths('any')).toEqual(['1.json', '2.json', '4.json', '5.json', '3.json']);
    expect(paths('changed')).toEqual(['1.json', '2.json', '4.json', '3.json']);
    expect(paths('added')).toEqual(['2.json']);
    expect(paths('modified')).toEqual(['1.json']);
    expect(paths('deleted')).toEqual(['3.json']);
    expect(matchesGitFilter(undefined, 'changed')).toBe(false);
    expect(matchesGitFilter('renamed', 'changed')).toBe(true);
  });

  it('offers "diff with HEAD" only where HEAD can have the file', () => {
    const git = buildGitIndex(STATE)!;
    expect(canDiffWithHead('tests/integration/a/recordings/1.json', git)).toBe(true); // modified
    expect(canDiffWithHead('tests/integration/b/recordings/5.json', git)).toBe(true); // unchanged, tracked
    expect(canDiffWithHead('tests/integration/b/recordings/3.json', git)).toBe(true); // deleted
    expect(canDiffWithHead('tests/integration/a/recordings/2.json', git)).toBe(false); // added
    expect(canDiffWithHead('tests/integration/a/recordings/1.json', buildGitIndex({ ...STATE, head: null }))).toBe(false); // no commits
  });

  it('derives the suite from the path', () => {
    expect(suiteOfPath('tests/integration/responses/recordings/a.json')).toBe('responses');
    expect(suiteOfPath('llama-stack-2025-10/recordings/responses/a.json')).toBe('llama-stack-2025-10');
    expect(suiteOfPath('broken/x.json')).toBe('broken');
  });
});
