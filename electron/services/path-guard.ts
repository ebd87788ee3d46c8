/**
 * Confines every path the renderer sends to the opened folder. Paths arrive relative and `/`-separated;
 * anything that resolves outside the root (`..`, absolute, encoded, or a symlink leading out) is refused.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../../shared/host-api';

export function toRelative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Lexical check: returns the absolute path for a relative one, or throws 'forbidden'. */
export function resolveInside(root: string, relative: string): string {
  if (relative.includes('\0')) throw new HostError('forbidden', 'Path contains a NUL byte.');
  if (/%2e|%2f|%5c/i.test(relative)) throw new HostError('forbidden', `Encoded path "${relative}" is refused.`);
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative) || relative.startsWith('\\')) {
    throw new HostError('forbidden', `Absolute path "${relative}" is refused: paths are relative to the opened folder.`);
  }
  const absolute = path.resolve(root, relative);
  if (!isInside(root, absolute)) throw new HostError('forbidden', `Path "${relative}" is outside the opened folder.`);
  return absolute;
}

/** Lexical check plus symlink resolution: the real file must also be inside the real root. */
export async function resolveExistingInside(root: string, relative: string): Promise<string> {
  const absolute = resolveInside(root, relative);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HostError('not-found', `"${relative}" no longer exists.`);
    throw new HostError('io', `Cannot resolve "${relative}": ${(error as Error).message}`);
  }
  const realRoot = await realpath(root).catch(() => root);
  if (!isInside(realRoot, real)) throw new HostError('forbidden', `"${relative}" is a link to a place outside the opened folder.`);
  return absolute;
}
