import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../test-support/corpus';
import { GitService, parsePorcelain } from './git-service';

describe('GitService', () => {
  it('lists added, modified and deleted recordings of the opened folder against HEAD', async () => {
    await withTempDir(async (dir) => {
      const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
      run('init', '-q');
      const folder = path.join(dir, 'tests/integration');
      await mkdir(path.join(folder, 'a/recordings'), { recursive: true });
      await writeFile(path.join(folder, 'a/recordings/keep.json'), '{"v": 1}\n');
      await writeFile(path.join(folder, 'a/recordings/edit.json'), '{"v": 1}\n');
      await writeFile(path.join(folder, 'a/recordings/gone.json'), '{"v": 1}\n');
      await writeFile(path.join(dir, 'outside.json'), '{}\n');
      run('add', '.');
      run('commit', '-qm', 'init');
      await writeFile(path.join(folder, 'a/recordings/edit.json'), '{"v": 2}\n');
      await rm(path.join(folder, 'a/recordings/gone.json'));
      await writeFile(path.join(folder, 'a/recordings/new.json'), '{"v": 3}\n');
      await writeFile(path.join(folder, 'a/recordings/notes.txt'), 'not a recording');
      await writeFile(path.join(dir, 'outside.json'), '{"changed": true}\n');
      const git = new GitService();
      const state = await git.state(folder);
      expect(state.available).toBe(true);
      expect(state.changes.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
        { path: 'a/recordings/edit.json', status: 'modified' },
        { path: 'a/recordings/gone.json', status: 'deleted' },
        { path: 'a/recordings/new.json', status: 'added' },
      ]);
      expect(await git.headVersion(folder, 'a/recordings/edit.json')).toBe('{"v": 1}\n');
      expect(await git.headVersion(folder, 'a/recordings/new.json')).toBeNull();
    });
  });

  it('reports unavailable outside a work tree', async () => {
    await withTempDir(async (dir) => {
      const state = await new GitService().state(dir);
      expect(state).toEqual({ available: false, changes: [] });
    });
  });

  it('parses renames and paths with spaces', () => {
    const out = ['R  t/new name.json', 't/old.json', ' M t/x.json', '?? t/y.txt', ''].join('\0');
    expect(parsePorcelain(out, 't')).toEqual([
      { path: 'new name.json', status: 'renamed', from: 'old.json' },
      { path: 'x.json', status: 'modified' },
    ]);
  });
});
