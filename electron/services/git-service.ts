/**
 * Git state of the opened folder, from the `git` command the person already has. Without git, or outside
 * a work tree, everything reports "unavailable" and the UI hides the git features.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { GitChange, GitState } from '../../shared/host-api';

const MAX_BUFFER = 256 * 1024 * 1024;

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

/** Parses `git status --porcelain=v1 -z` output into changes relative to `folderRel` (the folder inside the repo). */
export function parsePorcelain(output: string, folderRel: string): GitChange[] {
  const prefix = folderRel ? `${folderRel}/` : '';
  const fields = output.split('\0');
  const changes: GitChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]!;
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    let file = entry.slice(3);
    let from: string | undefined;
    if (xy.includes('R') || xy.includes('C')) from = fields[++i];
    if (!file.endsWith('.json') || !file.startsWith(prefix)) continue;
    file = file.slice(prefix.length);
    const status: GitChange['status'] = xy === '??' || xy.includes('A') ? 'added' : xy.includes('D') ? 'deleted' : xy.includes('R') ? 'renamed' : 'modified';
    changes.push({ path: file, status, ...(from && from.startsWith(prefix) ? { from: from.slice(prefix.length) } : {}) });
  }
  return changes;
}

export class GitService {
  /** The repository root and the folder's path inside it, or null when the folder is not in a work tree. */
  async locate(folder: string): Promise<{ top: string; rel: string } | null> {
    try {
      const top = (await git(folder, ['rev-parse', '--show-toplevel'])).trim();
      const real = (await git(folder, ['rev-parse', '--show-prefix'])).trim().replace(/\/$/, '');
      return { top, rel: real };
    } catch {
      return null;
    }
  }

  async state(folder: string): Promise<GitState> {
    const where = await this.locate(folder);
    if (!where) return { available: false, changes: [] };
    let head: string | null = null;
    try {
      head = (await git(where.top, ['rev-parse', '--short', 'HEAD'])).trim();
    } catch {
      head = null; // a repository without commits: everything is "added"
    }
    const output = await git(where.top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', where.rel || '.']);
    return { available: true, root: where.top, head, changes: parsePorcelain(output, where.rel) };
  }

  /** The file as committed in HEAD, or null when HEAD has no such file. */
  async headVersion(folder: string, relPath: string): Promise<string | null> {
    const where = await this.locate(folder);
    if (!where) return null;
    const inRepo = path.posix.join(where.rel, relPath);
    try {
      return await git(where.top, ['show', `HEAD:${inRepo}`]);
    } catch {
      return null;
    }
  }
}
